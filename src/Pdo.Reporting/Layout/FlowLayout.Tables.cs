using System.Globalization;

namespace Pdo.Reporting.Layout;

public sealed partial class FlowLayout
{
    /// <summary>
    /// A table: the header row repeats (as an artifact) at the top of each page the table continues on; rows, and
    /// rows kept with the previous one, never split; only a row taller than a whole page is cut between lines.
    /// Tagged Table › TR › TH/TD.
    /// </summary>
    public void Table(TableSpec spec, double spaceAfter = 10)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var widths = ColumnWidths(spec);
        var header = LayHeader(spec, widths);
        var rows = spec.Rows.Select(r => LayRow(spec, r, widths)).ToList();
        var blocks = Blocks(rows);
        var bodyHeight = Bottom - Top;

        var firstBlock = blocks.Count > 0 ? blocks[0].Sum(r => r.Height) : 0;
        EnsureSpace(header.Height + Math.Min(firstBlock, bodyHeight - header.Height));
        Add(new BeginTagOp(TagKind.Block, "Table"));
        DrawRow(spec, header, repeated: false);
        foreach (var block in blocks)
        {
            var blockHeight = block.Sum(r => r.Height);
            if (_y + blockHeight > Bottom && blockHeight <= bodyHeight - header.Height)
            {
                NewPage();
                DrawRow(spec, header, repeated: true);
            }

            foreach (var row in block)
            {
                if (_y + row.Height > Bottom)
                {
                    if (row.Height <= bodyHeight - header.Height || _y > Top + header.Height + 0.01)
                    {
                        NewPage();
                        DrawRow(spec, header, repeated: true);
                    }
                }

                if (_y + row.Height <= Bottom)
                {
                    DrawRow(spec, row, repeated: false);
                }
                else
                {
                    DrawOversizedRow(spec, row, header);
                }
            }
        }

        Add(EndTagOp.Instance);
        _y += spaceAfter;
    }

    private double[] ColumnWidths(TableSpec spec)
    {
        var total = spec.Columns.Sum(c => c.Weight);
        return spec.Columns.Select(c => Width * c.Weight / total).ToArray();
    }

    private static LaidRow LayHeader(TableSpec spec, double[] widths)
    {
        var style = spec.HeaderStyle with { Color = spec.HeaderColor };
        var cells = spec.Columns.Select((c, i) => LayCell([new CellText(c.Header, style)], widths[i], spec.Padding, c.Align)).ToList();
        return new LaidRow(cells, widths, cells.Max(c => c.Height), IsHeader: true, Spans: false, RowHeader: false, spec.HeaderBackground, KeepWithPrevious: false);
    }

    private LaidRow LayRow(TableSpec spec, TableRow row, double[] widths)
    {
        if (row.SpansAllColumns)
        {
            var cell = LayCell(row.Cells[0].Content, Width, spec.Padding, TextAlign.Left);
            return new LaidRow([cell], [Width], cell.Height, IsHeader: false, Spans: true, row.IsRowHeader, row.Background, row.KeepWithPrevious) { ColumnCount = spec.Columns.Count };
        }

        if (row.Cells.Count != spec.Columns.Count)
        {
            throw new ArgumentException($"A row has {row.Cells.Count} cells for {spec.Columns.Count} columns.", nameof(spec));
        }

        var cells = row.Cells.Select((c, i) => LayCell(c.Content, widths[i], spec.Padding, spec.Columns[i].Align)).ToList();
        return new LaidRow(cells, widths, cells.Max(c => c.Height), IsHeader: false, Spans: false, row.IsRowHeader, row.Background, row.KeepWithPrevious);
    }

    private static LaidCell LayCell(IReadOnlyList<CellText> content, double width, double padding, TextAlign align)
    {
        var lines = new List<(TextLine Line, TextStyle Style, double Top)>();
        var y = padding;
        foreach (var run in content)
        {
            foreach (var line in LineBreaker.Break(run.Text, run.Style.Face, run.Style.Size, width - (2 * padding)))
            {
                lines.Add((line, run.Style, y));
                y += run.Style.LineAdvance;
            }
        }

        return new LaidCell(lines, Math.Max(y + padding, (2 * padding) + 10), align);
    }

    private static List<List<LaidRow>> Blocks(List<LaidRow> rows)
    {
        var blocks = new List<List<LaidRow>>();
        foreach (var row in rows)
        {
            if (row.KeepWithPrevious && blocks.Count > 0)
            {
                blocks[^1].Add(row);
            }
            else
            {
                blocks.Add([row]);
            }
        }

        return blocks;
    }

    private void DrawRow(TableSpec spec, LaidRow row, bool repeated)
    {
        var top = _y;
        var ops = _page!.Ops;
        ops.Add(BeginArtifactOp.Instance);
        if (row.Background is Rgb background)
        {
            ops.Add(new RectOp(Left, top, Width, row.Height, background, null));
        }

        ops.Add(new LineOp(Left, top + row.Height, Right, top + row.Height, spec.Border, 0.5));
        ops.Add(EndArtifactOp.Instance);

        if (repeated)
        {
            // The header repeated on a continuation page is pagination, not content: screen readers skip it.
            ops.Add(BeginArtifactOp.Instance);
            DrawCells(row, top, 0, int.MaxValue, ops);
            ops.Add(EndArtifactOp.Instance);
        }
        else
        {
            ops.Add(new BeginTagOp(TagKind.Block, "TR"));
            DrawCells(row, top, 0, int.MaxValue, ops, tagged: true);
            ops.Add(EndTagOp.Instance);
        }

        _y = top + row.Height;
    }

    private void DrawCells(LaidRow row, double top, double skip, double limit, List<DrawOp> ops, bool tagged = false)
    {
        var x = Left;
        for (var i = 0; i < row.Cells.Count; i++)
        {
            var cell = row.Cells[i];
            var width = row.Widths[i];
            if (tagged)
            {
                var tag = row.IsHeader || (row.RowHeader && (row.Spans || i == 0)) ? "TH" : "TD";
                ops.Add(new BeginTagOp(TagKind.Block, tag) { ColumnSpan = row.Spans ? row.ColumnCount : 1 });
            }

            foreach (var (line, style, lineTop) in cell.Lines)
            {
                if (lineTop < skip || lineTop + style.LineAdvance - skip > limit)
                {
                    continue;
                }

                EmitLine(line, style, cell.Align, x + Padding(cell), width - (2 * Padding(cell)), top + lineTop - skip + FontMetrics.Baseline(style), ops);
            }

            if (tagged)
            {
                ops.Add(EndTagOp.Instance);
            }

            x += width;
        }
    }

    private static double Padding(LaidCell cell) => cell.Lines.Count > 0 ? cell.Lines[0].Top : 4;

    /// <summary>A row taller than a page: drawn in slices between lines, each slice its own TR, header repeated.</summary>
    private void DrawOversizedRow(TableSpec spec, LaidRow row, LaidRow header)
    {
        double done = 0;
        while (done < row.Height - 0.01)
        {
            var available = Bottom - _y;
            var slice = SliceHeight(row, done, available);
            if (slice <= 0)
            {
                NewPage();
                DrawRow(spec, header, repeated: true);
                continue;
            }

            var ops = _page!.Ops;
            ops.Add(BeginArtifactOp.Instance);
            ops.Add(new LineOp(Left, _y + slice, Right, _y + slice, spec.Border, 0.5));
            ops.Add(EndArtifactOp.Instance);
            ops.Add(new BeginTagOp(TagKind.Block, "TR"));
            DrawCells(row, _y, done, slice, ops, tagged: true);
            ops.Add(EndTagOp.Instance);
            _y += slice;
            done += slice;
            if (done < row.Height - 0.01)
            {
                NewPage();
                DrawRow(spec, header, repeated: true);
            }
        }
    }

    /// <summary>The tallest slice from <paramref name="from"/> that fits in <paramref name="available"/> and ends between lines of every cell.</summary>
    private static double SliceHeight(LaidRow row, double from, double available)
    {
        var end = from + available;
        if (end >= row.Height)
        {
            return row.Height - from;
        }

        var cut = end;
        foreach (var cell in row.Cells)
        {
            foreach (var (_, style, top) in cell.Lines)
            {
                if (top < cut && top + style.LineAdvance > cut)
                {
                    cut = top;
                }
            }
        }

        return cut - from;
    }

    /// <summary>
    /// A horizontal bar chart on a 0–100 scale with gridlines every 25: vectors and text, tagged as a Figure with
    /// <see cref="BarChartSpec.AltText"/>. A chart longer than the page continues on the next one.
    /// </summary>
    public void BarChart(BarChartSpec spec, TextStyle titleStyle, double spaceAfter = 12)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var labelWidth = Width * 0.38;
        const double valueWidth = 56;
        var barLeft = Left + labelWidth + 8;
        var barWidth = Right - valueWidth - barLeft;
        var s = spec.LabelStyle;
        var rows = spec.Items.Select(i => (Item: i, Lines: LineBreaker.Break(i.Label, s.Face, s.Size, labelWidth))).ToList();
        double RowHeight(int lines) => Math.Max(lines * s.LineAdvance, spec.BarHeight) + spec.RowGap;
        var titleLines = LineBreaker.Break(spec.Title, titleStyle.Face, titleStyle.Size, Width);
        var titleHeight = titleLines.Count * titleStyle.LineAdvance;
        const double axisHeight = 18;

        var index = 0;
        var first = true;
        while (index < rows.Count || (first && rows.Count == 0))
        {
            EnsureSpace(titleHeight + axisHeight + (rows.Count > 0 ? RowHeight(rows[index].Lines.Count) : 0));
            var count = 0;
            double height = 0;
            var available = Bottom - _y - titleHeight - axisHeight;
            while (index + count < rows.Count && height + RowHeight(rows[index + count].Lines.Count) <= available)
            {
                height += RowHeight(rows[index + count].Lines.Count);
                count++;
            }

            if (count == 0 && rows.Count > 0)
            {
                NewPage();
                continue;
            }

            var top = _y;
            var total = titleHeight + height + axisHeight;
            var alt = first ? spec.AltText : spec.AltText + " (segue)";
            Add(new BeginTagOp(TagKind.Figure, "Figure") { AltText = alt, Box = (Left, top, Width, total) });
            var ops = _page!.Ops;
            var y = top;
            foreach (var line in titleLines)
            {
                ops.Add(new TextOp(Left, y + FontMetrics.Baseline(titleStyle), line.Text, titleStyle));
                y += titleStyle.LineAdvance;
            }

            var plotTop = y;
            var plotBottom = y + height;
            for (var tick = 0; tick <= 100; tick += 25)
            {
                var x = barLeft + (barWidth * tick / 100);
                ops.Add(new LineOp(x, plotTop, x, plotBottom, tick == 0 ? spec.Axis : spec.Grid, tick == 0 ? 0.75 : 0.5));
                var label = tick.ToString(CultureInfo.InvariantCulture) + " %";
                var lw = FontMetrics.Width(s.Face, label, s.Size);
                ops.Add(new TextOp(Math.Min(x - (lw / 2), Right - lw), plotBottom + 4 + FontMetrics.Baseline(s), label, s with { Color = spec.Axis }));
            }

            for (var k = 0; k < count; k++)
            {
                var (item, lines) = rows[index + k];
                var rowHeight = RowHeight(lines.Count);
                var ly = y + (spec.RowGap / 2);
                foreach (var line in lines)
                {
                    ops.Add(new TextOp(Left, ly + FontMetrics.Baseline(s), line.Text, s));
                    ly += s.LineAdvance;
                }

                var barTop = y + (spec.RowGap / 2) + ((Math.Max(lines.Count * s.LineAdvance, spec.BarHeight) - spec.BarHeight) / 2);
                var value = item.Value is decimal v ? (double)Math.Clamp(v, 0m, 100m) : 0;
                if (item.Value is not null && value > 0)
                {
                    ops.Add(new RectOp(barLeft, barTop, barWidth * value / 100, spec.BarHeight, item.Color, null));
                }

                var valueX = barLeft + (barWidth * value / 100) + 4;
                ops.Add(new TextOp(Math.Min(valueX, Right - FontMetrics.Width(s.Face, item.ValueText, s.Size)), barTop + (spec.BarHeight / 2) + (s.Size * 0.35), item.ValueText, s));
                y += rowHeight;
            }

            Add(EndTagOp.Instance);
            _y = top + total;
            index += count;
            first = false;
            if (rows.Count == 0)
            {
                break;
            }
        }

        _y += spaceAfter;
    }

    private sealed record LaidCell(List<(TextLine Line, TextStyle Style, double Top)> Lines, double Height, TextAlign Align);

    private sealed record LaidRow(
        List<LaidCell> Cells,
        double[] Widths,
        double Height,
        bool IsHeader,
        bool Spans,
        bool RowHeader,
        Rgb? Background,
        bool KeepWithPrevious)
    {
        public int ColumnCount { get; init; } = 1;
    }
}

using System.Globalization;
using Pdo.Reporting.Fonts;

namespace Pdo.Reporting.Layout;

/// <summary>
/// The layout layer: flows blocks (headings, paragraphs, lists, tables, charts, images, a table of contents) down
/// A4 pages between the margins and records, for every page, what to draw in reading order together with the
/// structure tags. Nothing is drawn outside the body box except the page furniture, which has its own bands.
/// Page numbers and link targets are late-bound, so a table of contents can precede the pages it points to.
/// </summary>
public sealed partial class FlowLayout
{
    public const double PageWidth = 595.276;
    public const double PageHeight = 841.89;

    private readonly List<LayoutPage> _pages = [];
    private readonly Dictionary<int, (int PageIndex, double Y)> _anchors = [];
    private readonly List<OutlineEntry> _outline = [];
    private LayoutPage? _page;
    private double _y;
    private int _nextAnchor = 1;

    public FlowLayout(double marginLeft = 56.7, double marginTop = 72, double marginRight = 56.7, double marginBottom = 68)
    {
        Left = marginLeft;
        Top = marginTop;
        Right = PageWidth - marginRight;
        Bottom = PageHeight - marginBottom;
    }

    public double Left { get; }

    public double Top { get; }

    public double Right { get; }

    public double Bottom { get; }

    public double Width => Right - Left;

    /// <summary>The vertical position of the next block on the current page.</summary>
    public double Y => _y;

    public double Remaining => _page is null ? Bottom - Top : Bottom - _y;

    public int PageCount => _pages.Count;

    internal IReadOnlyList<LayoutPage> Pages => _pages;

    internal IReadOnlyList<OutlineEntry> Outline => _outline;

    internal IReadOnlyDictionary<int, (int PageIndex, double Y)> Anchors => _anchors;

    /// <summary>Starts a new page; the next block goes at the top margin.</summary>
    public void NewPage()
    {
        _page = new LayoutPage(_pages.Count);
        _pages.Add(_page);
        _y = Top;
    }

    /// <summary>Moves to a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void EnsureSpace(double height)
    {
        if (_page is null || (_y + height > Bottom && _y > Top))
        {
            NewPage();
        }
    }

    public void Space(double height)
    {
        EnsurePage();
        _y = Math.Min(_y + height, Bottom);
    }

    /// <summary>A new anchor id, to be placed later by <see cref="Heading"/> or <see cref="PlaceAnchor"/>.</summary>
    public int ReserveAnchor() => _nextAnchor++;

    public void PlaceAnchor(int anchor)
    {
        EnsurePage();
        _anchors[anchor] = (_page!.Index, _y);
    }

    /// <summary>Opens a grouping element (Sect, Div, Part …) around the blocks that follow.</summary>
    public void BeginGroup(string tag)
    {
        EnsurePage();
        Add(new BeginTagOp(TagKind.Grouping, tag));
    }

    public void EndGroup() => Add(EndTagOp.Instance);

    /// <summary>
    /// A heading (H1…H6) kept with at least <paramref name="keepWithNext"/> points of what follows; it becomes a PDF
    /// bookmark at <paramref name="outlineLevel"/> (0 = none) and places <paramref name="anchor"/> if given.
    /// </summary>
    public void Heading(string text, int level, TextStyle style, int outlineLevel, int? anchor = null, double spaceBefore = 0, double spaceAfter = 4, double keepWithNext = 48)
    {
        var lines = LineBreaker.Break(text, style.Face, style.Size, Width);
        var height = spaceBefore + (lines.Count * style.LineAdvance) + spaceAfter;
        EnsureSpace(height + keepWithNext);
        if (_y > Top)
        {
            _y += spaceBefore;
        }

        if (anchor is int id)
        {
            _anchors[id] = (_page!.Index, _y);
        }

        if (outlineLevel > 0)
        {
            _outline.Add(new OutlineEntry(text, outlineLevel, _page!.Index, _y));
        }

        Add(new BeginTagOp(TagKind.Block, "H" + level.ToString(CultureInfo.InvariantCulture)));
        FlowLines(lines, style, TextAlign.Left, Left, Width);
        Add(EndTagOp.Instance);
        _y += spaceAfter;
    }

    /// <summary>A paragraph that wraps within the margins and flows across pages (at least two lines stay together).</summary>
    public void Paragraph(string text, TextStyle style, TextAlign align = TextAlign.Left, double spaceAfter = 6, string tag = "P")
    {
        var lines = LineBreaker.Break(text, style.Face, style.Size, Width);
        if (lines.Count == 0)
        {
            return;
        }

        EnsureSpace(Math.Min(lines.Count, 2) * style.LineAdvance);
        Add(new BeginTagOp(TagKind.Block, tag));
        FlowLines(lines, style, align, Left, Width);
        Add(EndTagOp.Instance);
        _y += spaceAfter;
    }

    /// <summary>"Label: value" with the label in <paramref name="labelStyle"/>, as one paragraph wrapping under itself.</summary>
    public void Fact(string label, string value, TextStyle labelStyle, TextStyle style, double spaceAfter = 2)
    {
        var labelText = label + " ";
        var labelWidth = FontMetrics.Width(labelStyle.Face, labelText, labelStyle.Size);
        var indent = Math.Min(labelWidth, Width * 0.4);
        var lines = LineBreaker.Break(value, style.Face, style.Size, Width - indent);
        EnsureSpace(Math.Min(lines.Count, 2) * style.LineAdvance);
        Add(new BeginTagOp(TagKind.Block, "P"));
        var baseline = _y + FontMetrics.Baseline(style);
        Add(new TextOp(Left, baseline, labelText, labelStyle));
        FlowLines(lines, style, TextAlign.Left, Left + indent, Width - indent);
        Add(EndTagOp.Instance);
        _y += spaceAfter;
    }

    /// <summary>A bulleted list (L › LI › Lbl + LBody); items wrap under their own text.</summary>
    public void Bullets(IReadOnlyList<string> items, TextStyle style, TextAlign align = TextAlign.Left, double spaceAfter = 6, bool numbered = false)
    {
        if (items.Count == 0)
        {
            return;
        }

        var indent = numbered ? 20d : 14d;
        EnsurePage();
        Add(new BeginTagOp(TagKind.Block, "L"));
        var number = 0;
        foreach (var item in items)
        {
            number++;
            var lines = LineBreaker.Break(item, style.Face, style.Size, Width - indent);
            EnsureSpace(Math.Min(lines.Count, 2) * style.LineAdvance);
            Add(new BeginTagOp(TagKind.Block, "LI"));
            Add(new BeginTagOp(TagKind.Block, "Lbl"));
            Add(new TextOp(Left + 3, _y + FontMetrics.Baseline(style), numbered ? $"{number}." : "•", style));
            Add(EndTagOp.Instance);
            Add(new BeginTagOp(TagKind.Block, "LBody"));
            FlowLines(lines, style, align, Left + indent, Width - indent);
            Add(EndTagOp.Instance);
            Add(EndTagOp.Instance);
            _y += 2;
        }

        Add(EndTagOp.Instance);
        _y += spaceAfter - 2;
    }

    /// <summary>A horizontal rule across the body (an artifact).</summary>
    public void Rule(Rgb color, double width = 0.75, double spaceAfter = 6)
    {
        EnsureSpace(width + spaceAfter);
        Add(BeginArtifactOp.Instance);
        Add(new LineOp(Left, _y, Right, _y, color, width));
        Add(EndArtifactOp.Instance);
        _y += width + spaceAfter;
    }

    /// <summary>An image scaled to <paramref name="width"/>×<paramref name="height"/> points, centred, tagged as a figure.</summary>
    public void Image(byte[] data, double width, double height, string altText, double spaceAfter = 8)
    {
        ArgumentNullException.ThrowIfNull(data);
        var scale = Math.Min(1, Math.Min(Width / width, (Bottom - Top) / height));
        var w = width * scale;
        var h = height * scale;
        EnsureSpace(h);
        var x = Left + ((Width - w) / 2);
        Add(new BeginTagOp(TagKind.Figure, "Figure") { AltText = altText, Box = (x, _y, w, h) });
        Add(new ImageOp(x, _y, w, h, data));
        Add(EndTagOp.Instance);
        _y += h + spaceAfter;
    }

    /// <summary>A filled box with text inside (e.g. the score on the cover), as a paragraph.</summary>
    public void Callout(IReadOnlyList<CellText> content, Rgb background, Rgb border, double padding = 10, double spaceAfter = 10)
    {
        var laid = content.Select(c => (c.Style, Lines: LineBreaker.Break(c.Text, c.Style.Face, c.Style.Size, Width - (2 * padding)))).ToList();
        var height = (2 * padding) + laid.Sum(l => l.Lines.Count * l.Style.LineAdvance);
        EnsureSpace(height);
        Add(BeginArtifactOp.Instance);
        Add(new RectOp(Left, _y, Width, height, background, border, 0.75));
        Add(EndArtifactOp.Instance);
        var y = _y + padding;
        foreach (var (style, lines) in laid)
        {
            Add(new BeginTagOp(TagKind.Block, "P"));
            foreach (var line in lines)
            {
                Add(new TextOp(Left + padding, y + FontMetrics.Baseline(style), line.Text, style));
                y += style.LineAdvance;
            }

            Add(EndTagOp.Instance);
        }

        _y += height + spaceAfter;
    }

    /// <summary>
    /// The table of contents: each entry is a link to its anchor with the page number right-aligned (TOC › TOCI › Link).
    /// </summary>
    public void TableOfContents(IReadOnlyList<TocEntry> entries, TextStyle style, TextStyle levelOneStyle)
    {
        EnsurePage();
        const double numberWidth = 40;
        Add(new BeginTagOp(TagKind.Grouping, "TOC"));
        foreach (var entry in entries)
        {
            var s = entry.Level <= 1 ? levelOneStyle : style;
            var indent = Math.Max(0, entry.Level - 1) * 14;
            var textWidth = Width - indent - numberWidth;
            var lines = LineBreaker.Break(entry.Text, s.Face, s.Size, textWidth);
            var height = lines.Count * s.LineAdvance;
            var before = entry.Level <= 1 ? 4 : 0;
            EnsureSpace(height + before);
            if (_y > Top)
            {
                _y += before;
            }

            var anchor = entry.Anchor;
            Add(new BeginTagOp(TagKind.Grouping, "TOCI"));
            Add(new BeginLinkOp(Left + indent, _y, Width - indent, height, anchor, null, entry.Text));
            var top = _y;
            FlowLines(lines, s, TextAlign.Left, Left + indent, textWidth);
            var lastBaseline = top + ((lines.Count - 1) * s.LineAdvance) + FontMetrics.Baseline(s);
            Add(new LateTextOp(Right, lastBaseline, s, TextAlign.Right, c => c.Anchors.TryGetValue(anchor, out var a)
                ? (a.PageIndex + 1).ToString(CultureInfo.InvariantCulture)
                : string.Empty));
            Add(EndTagOp.Instance);
            Add(EndTagOp.Instance);
            _y += 1.5;
        }

        Add(EndTagOp.Instance);
    }

    /// <summary>A web link as its own paragraph: the address (wrapped anywhere) is the clickable text.</summary>
    public void WebLink(string label, string url, TextStyle style, double spaceAfter = 6)
    {
        var lines = LineBreaker.Break(label, style.Face, style.Size, Width);
        var height = lines.Count * style.LineAdvance;
        EnsureSpace(height);
        Add(new BeginTagOp(TagKind.Block, "P"));
        Add(new BeginLinkOp(Left, _y, Width, height, null, url, label));
        FlowLines(lines, style, TextAlign.Left, Left, Width);
        Add(EndTagOp.Instance);
        Add(EndTagOp.Instance);
        _y += spaceAfter;
    }

    /// <summary>Closes the layout: adds the page furniture to every page and returns what the renderer needs.</summary>
    internal ReportLayout Finish(PageFurniture furniture, DocumentInfo info)
    {
        EnsurePage();
        foreach (var page in _pages)
        {
            AddFurniture(page, furniture);
        }

        return new ReportLayout(_pages, _outline, _anchors, info);
    }

    internal void Add(DrawOp op)
    {
        EnsurePage();
        _page!.Ops.Add(op);
    }

    internal void EnsurePage()
    {
        if (_page is null)
        {
            NewPage();
        }
    }

    internal void MoveTo(double y) => _y = y;

    /// <summary>Emits lines at the cursor, breaking the page between lines when needed (the open tag continues).</summary>
    internal void FlowLines(List<TextLine> lines, TextStyle style, TextAlign align, double x, double width)
    {
        var baselineOffset = FontMetrics.Baseline(style);
        foreach (var line in lines)
        {
            if (_y + style.LineAdvance > Bottom)
            {
                NewPage();
            }

            EmitLine(line, style, align, x, width, _y + baselineOffset, _page!.Ops);
            _y += style.LineAdvance;
        }
    }

    internal static void EmitLine(TextLine line, TextStyle style, TextAlign align, double x, double width, double baseline, List<DrawOp> ops)
    {
        switch (align)
        {
            case TextAlign.Right:
                ops.Add(new TextOp(x + width - line.Width, baseline, line.Text, style));
                break;
            case TextAlign.Center:
                ops.Add(new TextOp(x + ((width - line.Width) / 2), baseline, line.Text, style));
                break;
            case TextAlign.Justify when !line.EndsParagraph && line.Text.Contains(' ', StringComparison.Ordinal):
                EmitJustified(line, style, x, width, baseline, ops);
                break;
            default:
                ops.Add(new TextOp(x, baseline, line.Text, style));
                break;
        }
    }

    /// <summary>Spreads the free space over the gaps: one text op per word, the words measured once.</summary>
    private static void EmitJustified(TextLine line, TextStyle style, double x, double width, double baseline, List<DrawOp> ops)
    {
        var words = line.Text.Split(' ');
        var gap = FontMetrics.Width(style.Face, " ", style.Size) + ((width - line.Width) / (words.Length - 1));
        var cursor = x;
        foreach (var word in words)
        {
            ops.Add(new TextOp(cursor, baseline, word, style));
            cursor += FontMetrics.Width(style.Face, word, style.Size) + gap;
        }
    }

    private void AddFurniture(LayoutPage page, PageFurniture f)
    {
        var ops = page.Ops;
        var s = f.Style;
        ops.Add(BeginArtifactOp.Instance);
        if (f.Watermark is not null)
        {
            ops.Add(new WatermarkOp(f.Watermark));
        }

        if (page.Index > 0 || f.HeaderOnFirstPage)
        {
            var headerBaseline = Top - 26;
            ops.Add(new TextOp(Left, headerBaseline, Fit(f.HeaderLeft, s, Width * 0.62), s));
            var right = Fit(f.HeaderRight, s, Width * 0.36);
            ops.Add(new TextOp(Right - FontMetrics.Width(s.Face, right, s.Size), headerBaseline, right, s));
            ops.Add(new LineOp(Left, Top - 18, Right, Top - 18, f.RuleColor, 0.5));
        }

        var footerBaseline = Bottom + 34;
        ops.Add(new LineOp(Left, Bottom + 20, Right, Bottom + 20, f.RuleColor, 0.5));
        ops.Add(new TextOp(Left, footerBaseline, Fit(f.FooterLeft, s, Width * 0.7), s));
        var format = f.PageNumberFormat;
        ops.Add(new LateTextOp(Right, footerBaseline, s, TextAlign.Right, c => string.Format(
            CultureInfo.InvariantCulture, format, c.PageIndex + 1, c.PageCount)));
        ops.Add(EndArtifactOp.Instance);
    }

    /// <summary>Shortens a one-line text with "…" until it fits.</summary>
    internal static string Fit(string text, TextStyle style, double width)
    {
        if (FontMetrics.Width(style.Face, text, style.Size) <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && FontMetrics.Width(style.Face, text.AsSpan(0, length), style.Size) + FontMetrics.Width(style.Face, "…", style.Size) > width)
        {
            length--;
        }

        return text[..length].TrimEnd() + "…";
    }
}

/// <summary>The big diagonal word across a page (e.g. "BOZZA").</summary>
internal sealed class WatermarkOp(string text) : DrawOp
{
    public string Text { get; } = text;
}

/// <summary>Document metadata: title, author, subject, keywords, language.</summary>
public sealed record DocumentInfo(string Title, string Author, string Subject, string Keywords, string Language = "it-IT")
{
    public string Creator { get; init; } = "Pdo";

    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>A finished layout: pages in order, bookmarks and where each anchor landed.</summary>
internal sealed record ReportLayout(
    IReadOnlyList<LayoutPage> Pages,
    IReadOnlyList<OutlineEntry> Outline,
    IReadOnlyDictionary<int, (int PageIndex, double Y)> Anchors,
    DocumentInfo Info);

/// <summary>Writes a <see cref="FlowLayout"/> as PDF (for documents other than the consuntivo, and for tests).</summary>
public static class FlowLayoutPdf
{
    /// <summary>Adds the page furniture to every page and writes the PDF; returns the page count.</summary>
    public static int Write(FlowLayout layout, PageFurniture furniture, DocumentInfo info, Stream output, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var finished = layout.Finish(furniture, info);
        PdfRenderer.Render(finished, output, options ?? new RenderOptions());
        return finished.Pages.Count;
    }
}

using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pdo.Infrastructure.Spreadsheets;

/// <summary>The few cell looks Pdo writes; each is one fixed cell format of the workbook's stylesheet.</summary>
public enum XlsxStyle
{
    Default = 0,
    Header = 1,

    /// <summary>The Text number format (numFmtId 49): Excel keeps «93,5%» as typed.</summary>
    Text = 2,

    /// <summary><c>#,##0.0</c>: Excel shows it with the reader's own separators (91,1 in Italian).</summary>
    Decimal = 3,

    /// <summary><c>dd/mm/yyyy</c>.</summary>
    Date = 4,
}

/// <summary>One cell: an inline string, a real number or a real date (a serial number with a date format).</summary>
public readonly record struct XlsxCell(string? Text, double? Number, XlsxStyle Style)
{
    public static XlsxCell Of(string? text, XlsxStyle style = XlsxStyle.Default) => new(text ?? string.Empty, null, style);

    /// <summary>A number; <see cref="XlsxStyle.Default"/> is Excel's General format, which shows the decimals the value has with the reader's separators.</summary>
    public static XlsxCell Of(decimal? number, XlsxStyle style = XlsxStyle.Default) =>
        number is decimal n ? new(null, (double)n, style) : new(string.Empty, null, style);

    public static XlsxCell Of(DateOnly? date) =>
        date is DateOnly d ? new(null, d.ToDateTime(TimeOnly.MinValue).ToOADate(), XlsxStyle.Date) : new(string.Empty, null, XlsxStyle.Date);
}

/// <param name="Width">In characters, as Excel measures them.</param>
public sealed record XlsxColumn(double Width, bool Hidden = false, XlsxStyle Style = XlsxStyle.Default);

/// <param name="FrozenRows">Rows kept in view when scrolling (1 = the header).</param>
/// <param name="AutoFilter">Whether row 1 carries the filter buttons over the written range.</param>
public sealed record XlsxSheet(string Name, IReadOnlyList<XlsxColumn> Columns, int FrozenRows = 0, bool AutoFilter = false, bool Hidden = false);

/// <summary>
/// Writes an .xlsx workbook sheet by sheet with <see cref="OpenXmlWriter"/>: each row goes to the package as it is
/// produced, so memory stays flat in the number of rows. Strings are inline (no shared-string table to hold in memory).
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private readonly SpreadsheetDocument document;
    private readonly List<(string Id, XlsxSheet Sheet)> sheets = [];
    private readonly List<(int SheetIndex, string Range)> filters = [];
    private bool finished;

    private XlsxWriter(Stream output)
    {
        document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
    }

    /// <summary>A writer over <paramref name="output"/> (seekable: a file or memory stream).</summary>
    public static XlsxWriter Create(Stream output) => new(output);

    /// <summary>Writes one sheet from <paramref name="rows"/>, enumerated once; row 1 is the first row given.</summary>
    public void WriteSheet(XlsxSheet sheet, IEnumerable<IReadOnlyList<XlsxCell>> rows)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        var workbook = document.WorkbookPart!;
        var part = workbook.AddNewPart<WorksheetPart>();
        var rowIndex = 0U;
        var widest = 0;
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            if (sheet.FrozenRows > 0)
            {
                var cell = $"A{sheet.FrozenRows + 1}";
                writer.WriteElement(new SheetViews(new SheetView(
                    new Pane { VerticalSplit = sheet.FrozenRows, TopLeftCell = cell, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft, ActiveCell = cell, SequenceOfReferences = new ListValue<StringValue> { InnerText = cell } })
                { WorkbookViewId = 0U }));
            }

            if (sheet.Columns.Count > 0)
            {
                writer.WriteElement(new Columns(sheet.Columns.Select((c, i) => new Column
                {
                    Min = (uint)(i + 1),
                    Max = (uint)(i + 1),
                    Width = c.Width,
                    CustomWidth = true,
                    Hidden = c.Hidden ? true : null,
                    Style = c.Style == XlsxStyle.Default ? null : (uint)c.Style,
                })));
            }

            writer.WriteStartElement(new SheetData());
            var cells = new CellWriter(writer);
            foreach (var row in rows)
            {
                rowIndex++;
                widest = Math.Max(widest, row.Count);
                cells.WriteRow(rowIndex, row);
            }

            writer.WriteEndElement();
            if (sheet.AutoFilter && rowIndex > 0 && widest > 0)
            {
                writer.WriteElement(new AutoFilter { Reference = $"A1:{ColumnName(widest - 1)}{rowIndex}" });
            }

            writer.WriteEndElement();
        }

        sheets.Add((workbook.GetIdOfPart(part), sheet));
        if (sheet.AutoFilter && rowIndex > 0 && widest > 0)
        {
            filters.Add((sheets.Count - 1, $"$A$1:${ColumnName(widest - 1)}${rowIndex}"));
        }
    }

    /// <summary>Writes the workbook part (the sheet list) and closes the package; the output then holds the whole file.</summary>
    public void Finish()
    {
        if (finished)
        {
            return;
        }

        var definedNames = filters.Count == 0
            ? null
            : new DefinedNames(filters.Select(f => new DefinedName
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = (uint)f.SheetIndex,
                Hidden = true,
                Text = $"'{sheets[f.SheetIndex].Sheet.Name.Replace("'", "''", StringComparison.Ordinal)}'!{f.Range}",
            }));
        var workbook = new Workbook(new Sheets(sheets.Select((s, i) => new Sheet
        {
            Name = s.Sheet.Name,
            SheetId = (uint)(i + 1),
            Id = s.Id,
            State = s.Sheet.Hidden ? SheetStateValues.Hidden : null,
        })));
        if (definedNames is not null)
        {
            workbook.Append(definedNames);
        }

        document.WorkbookPart!.Workbook = workbook;
        document.Dispose();
        finished = true;
    }

    public void Dispose()
    {
        if (!finished)
        {
            document.Dispose();
            finished = true;
        }
    }

    /// <summary>
    /// A workbook written by <paramref name="write"/> into a temporary file deleted when the returned stream is closed
    /// (after the response has sent it), rewound to its start: the file never sits whole in memory. On failure the
    /// file is closed, hence deleted, and the exception goes on.
    /// </summary>
    public static FileStream WriteTemporaryFile(Action<XlsxWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var content = new FileStream(
            Path.Combine(Path.GetTempPath(), $"pdo-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            using (var xlsx = Create(content))
            {
                write(xlsx);
                xlsx.Finish();
            }

            content.Position = 0;
            return content;
        }
        catch
        {
            content.Dispose();
            throw;
        }
    }

    /// <summary>The column letters of a zero-based index: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Control characters that XML 1.0 cannot hold (all below space but tab, line feed and carriage return).</summary>
    private static readonly System.Buffers.SearchValues<char> NotXml = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 32).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r'))]);

    /// <summary>XML 1.0 has no place for control characters other than tab and line breaks: they are dropped.</summary>
    private static string XmlSafe(string text) =>
        text.AsSpan().ContainsAny(NotXml)
            ? new string([.. text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r')])
            : text;

    /// <summary>
    /// Writes rows of cells as the elements they are (<c>&lt;c r s t&gt;&lt;v/&gt;</c> or <c>&lt;is&gt;&lt;t/&gt;</c>) straight to
    /// the part's XML, with no <see cref="Cell"/> objects built per cell: the same markup the SDK writes for a cell
    /// element, at the cost of the text alone. The element objects only name the tags and are shared.
    /// </summary>
    private sealed class CellWriter(OpenXmlWriter writer)
    {
        private static readonly Row RowTag = new();
        private static readonly Cell CellTag = new();
        private static readonly CellValue ValueTag = new();
        private static readonly InlineString InlineTag = new();
        private static readonly Text TextTag = new();
        private static readonly OpenXmlAttribute[] Preserve = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
        private static readonly string[] StyleText = [.. Enum.GetValues<XlsxStyle>().Select(s => ((uint)s).ToString(CultureInfo.InvariantCulture))];

        private readonly OpenXmlAttribute[] rowAttributes = new OpenXmlAttribute[1];
        private readonly OpenXmlAttribute[][] cellAttributes = [new OpenXmlAttribute[1], new OpenXmlAttribute[2], new OpenXmlAttribute[3]];
        private readonly List<string> columns = [];

        public void WriteRow(uint rowIndex, IReadOnlyList<XlsxCell> row)
        {
            var number = rowIndex.ToString(CultureInfo.InvariantCulture);
            rowAttributes[0] = new OpenXmlAttribute("r", string.Empty, number);
            writer.WriteStartElement(RowTag, rowAttributes);
            for (var i = 0; i < row.Count; i++)
            {
                Write(string.Concat(Column(i), number), row[i]);
            }

            writer.WriteEndElement();
        }

        private void Write(string reference, XlsxCell value)
        {
            var text = value.Number is null;
            var styled = value.Style != XlsxStyle.Default;
            var attributes = cellAttributes[(styled ? 1 : 0) + (text ? 1 : 0)];
            var a = 0;
            attributes[a++] = new OpenXmlAttribute("r", string.Empty, reference);
            if (styled)
            {
                attributes[a++] = new OpenXmlAttribute("s", string.Empty, StyleText[(int)value.Style]);
            }

            if (text)
            {
                attributes[a] = new OpenXmlAttribute("t", string.Empty, "inlineStr");
            }

            writer.WriteStartElement(CellTag, attributes);
            if (value.Number is double n)
            {
                writer.WriteStartElement(ValueTag);
                writer.WriteString(new CellValue(n).Text);
            }
            else
            {
                writer.WriteStartElement(InlineTag);
                writer.WriteStartElement(TextTag, Preserve);
                writer.WriteString(XmlSafe(value.Text ?? string.Empty));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        private string Column(int index)
        {
            while (columns.Count <= index)
            {
                columns.Add(ColumnName(columns.Count));
            }

            return columns[index];
        }
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164U, FormatCode = "#,##0.0" },
            new NumberingFormat { NumberFormatId = 165U, FormatCode = "dd/mm/yyyy" })
        { Count = 2U },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2U },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2U },
        new Borders(new Border()) { Count = 1U },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1U, ApplyFont = true },
            new CellFormat { NumberFormatId = 49U, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164U, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165U, ApplyNumberFormat = true })
        { Count = 5U });
}

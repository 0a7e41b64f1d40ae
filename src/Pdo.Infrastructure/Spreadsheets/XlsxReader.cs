using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pdo.Infrastructure.Spreadsheets;

/// <summary>A file that is not a readable, safe xlsx workbook: the message is Italian and meant for the user.</summary>
public sealed class XlsxFileException(string message) : Exception(message);

/// <summary>One cell as read: its text (shared, inline or typed), whether it holds a number or a formula.</summary>
/// <remarks>Named apart from the writer's <see cref="XlsxCell"/>: what was read, not what to write.</remarks>
public sealed record XlsxReadCell(string Reference, string Column, string Text, decimal? Number, bool HasFormula);

/// <summary>One row of a sheet, 1-based, with its non-empty cells by column letter.</summary>
public sealed record XlsxRow(int Index, IReadOnlyDictionary<string, XlsxReadCell> Cells)
{
    public XlsxReadCell? this[string column] => Cells.GetValueOrDefault(column);
}

/// <summary>
/// Reads an .xlsx workbook with the OpenXml SDK's streaming <see cref="OpenXmlReader"/> (one row in memory at a time).
/// Before opening it refuses what is not a plain workbook: not a zip (or a password-protected file, which Excel
/// stores as an OLE container), a macro-enabled workbook, and zip bombs (too many entries, too much uncompressed data).
/// </summary>
public sealed class XlsxReader : IDisposable
{
    public const int MaxEntries = 1_000;

    public const long MaxUncompressedBytes = 200L * 1024 * 1024;

    public const int MaxCompressionRatio = 200;

    /// <summary>Rows read from one sheet at most (a sheet inflated past its declared size stops here).</summary>
    public const int MaxRows = 200_000;

    /// <summary>Characters of shared strings kept in memory at most.</summary>
    public const long MaxSharedStringChars = 50_000_000;

    private const string TooBig = "Il file, una volta decompresso, è troppo grande: non viene letto.";

    private readonly SpreadsheetDocument _document;
    private readonly IReadOnlyList<string> _sharedStrings;

    private XlsxReader(SpreadsheetDocument document)
    {
        _document = document;
        _sharedStrings = ReadSharedStrings(document.WorkbookPart!.SharedStringTablePart);
    }

    /// <summary>Opens a seekable stream as a workbook, or throws <see cref="XlsxFileException"/> with the reason in Italian.</summary>
    public static XlsxReader Open(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> head = stackalloc byte[4];
        stream.Position = 0;
        var read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0)
        {
            throw new XlsxFileException("Il file è protetto da password o è nel vecchio formato .xls: salvarlo senza password come cartella di lavoro Excel (.xlsx).");
        }

        if (read < 4 || head[0] != (byte)'P' || head[1] != (byte)'K')
        {
            throw new XlsxFileException("Il file non è una cartella di lavoro Excel (.xlsx).");
        }

        CheckZip(stream);
        stream.Position = 0;
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or InvalidOperationException)
        {
            throw new XlsxFileException("Il file è danneggiato o non è una cartella di lavoro Excel (.xlsx).");
        }

        if (document.DocumentType != SpreadsheetDocumentType.Workbook || document.WorkbookPart?.VbaProjectPart is not null)
        {
            document.Dispose();
            throw new XlsxFileException("Il file contiene macro (.xlsm) o non è una normale cartella di lavoro: salvarlo come cartella di lavoro Excel (.xlsx).");
        }

        try
        {
            return new XlsxReader(document);
        }
        catch (XlsxFileException)
        {
            document.Dispose();
            throw;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or NullReferenceException)
        {
            document.Dispose();
            throw new XlsxFileException("Il file è danneggiato o non è una cartella di lavoro Excel (.xlsx).");
        }
    }

    /// <summary>The names of the sheets, in workbook order.</summary>
    public IReadOnlyList<string> SheetNames =>
        _document.WorkbookPart!.Workbook.Sheets?.Elements<Sheet>().Select(s => s.Name?.Value ?? string.Empty).ToList() ?? [];

    /// <summary>The rows of the sheet named <paramref name="name"/> (exactly), streamed; null when there is no such sheet.</summary>
    public IEnumerable<XlsxRow>? Rows(string name)
    {
        var workbook = _document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == name);
        if (sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            return null;
        }

        return Stream(part);
    }

    /// <summary>Whether the sheet has merged cells (a template whose columns were merged is not read).</summary>
    public bool HasMergedCells(string name)
    {
        var workbook = _document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == name);
        if (sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            return false;
        }

        // The merged ranges follow the sheet data: the rows are skipped over, not read element by element.
        using var reader = OpenXmlReader.Create(part);
        var more = reader.Read();
        while (more)
        {
            if (reader.ElementType == typeof(MergeCell))
            {
                return true;
            }

            more = reader.ElementType == typeof(SheetData) && reader.IsStartElement ? reader.ReadNextSibling() || reader.Read() : reader.Read();
        }

        return false;
    }

    public void Dispose() => _document.Dispose();

    /// <summary>The letters of a cell reference ("J7" → "J").</summary>
    public static string ColumnOf(string reference) => new([.. reference.TakeWhile(char.IsAsciiLetter)]);

    private static void CheckZip(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries)
            {
                throw new XlsxFileException($"Il file contiene troppe parti ({zip.Entries.Count}): non è una normale cartella di lavoro.");
            }

            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxUncompressedBytes || (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > MaxCompressionRatio && entry.Length > 1024 * 1024))
                {
                    throw new XlsxFileException(TooBig);
                }
            }

            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                throw new XlsxFileException("Il file è danneggiato o non è una cartella di lavoro Excel (.xlsx).");
            }
        }
        catch (InvalidDataException)
        {
            throw new XlsxFileException("Il file è danneggiato o non è una cartella di lavoro Excel (.xlsx).");
        }
    }

    private static List<string> ReadSharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        long chars = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                var text = ((SharedStringItem)reader.LoadCurrentElement()!).InnerText;
                chars += text.Length;
                if (chars > MaxSharedStringChars)
                {
                    throw new XlsxFileException(TooBig);
                }

                strings.Add(text);
            }
        }

        return strings;
    }

    /// <summary>
    /// The rows, read node by node from the part's XML: a row's cells (reference, type, value, inline text, formula)
    /// are taken from the reader as it passes them, with no <see cref="Row"/> or <see cref="Cell"/> objects built.
    /// </summary>
    private IEnumerable<XlsxRow> Stream(WorksheetPart part)
    {
        using var reader = OpenXmlReader.Create(part);
        var next = 1;
        var count = 0;
        var more = reader.Read();
        while (more)
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                more = reader.Read();
                continue;
            }

            if (++count > MaxRows)
            {
                throw new XlsxFileException($"Il foglio ha più di {Pdo.Domain.Values.ItalianValues.FormatNumber(MaxRows)} righe: non viene letto.");
            }

            var index = uint.TryParse(Attribute(reader, "r"), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? (int)value : next;
            next = index + 1;
            var cells = new Dictionary<string, XlsxReadCell>(StringComparer.Ordinal);
            var rowDepth = reader.Depth;
            var column = 0;
            CellReading? cell = null;
            while ((more = reader.Read()) && reader.Depth > rowDepth)
            {
                if (!reader.IsStartElement)
                {
                    continue;
                }

                if (reader.ElementType == typeof(Cell) && reader.Depth == rowDepth + 1)
                {
                    Add(cell, cells);
                    column++;
                    var reference = Attribute(reader, "r") ?? $"{ColumnName(column)}{index}";
                    var letters = ColumnOf(reference);
                    column = ColumnNumber(letters);
                    cell = new CellReading(reference, letters, Attribute(reader, "t"));
                }
                else if (cell is null)
                {
                    continue;
                }
                else if (reader.ElementType == typeof(CellFormula))
                {
                    cell.HasFormula = true;
                }
                else if (reader.ElementType == typeof(CellValue))
                {
                    cell.Value = reader.GetText();
                }
                else if (reader.ElementType == typeof(Text))
                {
                    cell.InlineText = string.Concat(cell.InlineText, reader.GetText());
                }
            }

            Add(cell, cells);
            yield return new XlsxRow(index, cells);

            // Positioned on the row's end tag, or already on what follows an empty row.
            if (more && reader.ElementType == typeof(Row) && reader.IsEndElement)
            {
                more = reader.Read();
            }
        }
    }

    private static string? Attribute(OpenXmlReader reader, string name)
    {
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.LocalName == name && string.IsNullOrEmpty(attribute.NamespaceUri))
            {
                return attribute.Value;
            }
        }

        return null;
    }

    private void Add(CellReading? cell, Dictionary<string, XlsxReadCell> cells)
    {
        if (cell is not null && Read(cell) is { } read)
        {
            cells[cell.Column] = read;
        }
    }

    /// <summary>What the reader has seen of one cell so far.</summary>
    private sealed class CellReading(string reference, string column, string? type)
    {
        public string Reference { get; } = reference;

        public string Column { get; } = column;

        public string? Type { get; } = type;

        public bool HasFormula { get; set; }

        public string? Value { get; set; }

        public string? InlineText { get; set; }
    }

    private XlsxReadCell? Read(CellReading cell)
    {
        var raw = cell.Value;
        string text;
        decimal? number = null;
        switch (cell.Type)
        {
            case "inlineStr":
                text = cell.InlineText ?? string.Empty;
                break;
            case "s":
                text = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < _sharedStrings.Count ? _sharedStrings[i] : string.Empty;
                break;
            case "b":
                text = raw == "1" ? "SI" : "NO";
                break;
            case null or "n":
                text = raw ?? string.Empty;
                if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
                {
                    number = n;
                }

                break;
            default:
                text = raw ?? string.Empty;
                break;
        }

        return text.Length == 0 && !cell.HasFormula ? null : new XlsxReadCell(cell.Reference, cell.Column, text, number, cell.HasFormula);
    }

    private static int ColumnNumber(string letters) => letters.Aggregate(0, (n, c) => (n * 26) + (char.ToUpperInvariant(c) - 'A' + 1));

    private static string ColumnName(int number)
    {
        var name = string.Empty;
        while (number > 0)
        {
            var rest = (number - 1) % 26;
            name = (char)('A' + rest) + name;
            number = (number - 1) / 26;
        }

        return name;
    }
}

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pdo.Web.Tests.Support;

/// <summary>
/// Edits a plan workbook exported by the portal as a user does in Excel: types a text, a number or a formula in a
/// cell of a sheet, or finds the row of a KPI; the rest of the file is kept.
/// </summary>
public sealed class PlanWorkbookEditor : IDisposable
{
    private readonly MemoryStream _stream = new();
    private readonly SpreadsheetDocument _document;

    public PlanWorkbookEditor(byte[] workbook)
    {
        _stream.Write(workbook);
        _document = SpreadsheetDocument.Open(_stream, isEditable: true);
    }

    /// <summary>The row number of the KPI with this code (column F of «KPI»).</summary>
    public int KpiRow(string kpiCode) =>
        (int)Rows("KPI").Single(r => Cell(r, $"F{r.RowIndex}")?.InnerText == kpiCode).RowIndex!.Value;

    /// <summary>The row number of the first «Piano» row whose «Voce» (A) is <paramref name="item"/>.</summary>
    public int PlanRow(string item) =>
        (int)Rows("Piano").First(r => Cell(r, $"A{r.RowIndex}")?.InnerText == item).RowIndex!.Value;

    /// <summary>The text of a header cell of «KPI» (row 1) whose text is <paramref name="header"/>: its column letters.</summary>
    public string KpiColumn(string header)
    {
        var cell = Rows("KPI").First().Elements<Cell>().Single(c => c.InnerText == header);
        return new string([.. cell.CellReference!.Value!.TakeWhile(char.IsLetter)]);
    }

    public PlanWorkbookEditor Text(string sheet, string reference, string text) =>
        Set(sheet, reference, new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });

    public PlanWorkbookEditor Number(string sheet, string reference, decimal number) =>
        Set(sheet, reference, new Cell { CellValue = new CellValue(number) });

    public PlanWorkbookEditor Formula(string sheet, string reference, string formula) =>
        Set(sheet, reference, new Cell { CellFormula = new CellFormula(formula), CellValue = new CellValue(1m) });

    public PlanWorkbookEditor MacroEnabled()
    {
        _document.ChangeDocumentType(SpreadsheetDocumentType.MacroEnabledWorkbook);
        return this;
    }

    public byte[] Save()
    {
        _document.Dispose();
        return _stream.ToArray();
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }

    private PlanWorkbookEditor Set(string sheet, string reference, Cell cell)
    {
        var rowIndex = uint.Parse(new string([.. reference.SkipWhile(char.IsLetter)]), System.Globalization.CultureInfo.InvariantCulture);
        var row = Rows(sheet).Single(r => r.RowIndex?.Value == rowIndex);
        cell.CellReference = reference;
        Cell(row, reference)?.Remove();
        var column = Column(reference);
        var after = row.Elements<Cell>().FirstOrDefault(c => Column(c.CellReference!.Value!).Length > column.Length
            || (Column(c.CellReference!.Value!).Length == column.Length && string.CompareOrdinal(Column(c.CellReference!.Value!), column) > 0));
        if (after is null)
        {
            row.Append(cell);
        }
        else
        {
            row.InsertBefore(cell, after);
        }

        return this;
    }

    private List<Row> Rows(string name)
    {
        var part = _document.WorkbookPart!;
        var sheet = part.Workbook.Descendants<Sheet>().Single(s => s.Name == name);
        return [.. ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()];
    }

    private static Cell? Cell(Row row, string reference) => row.Elements<Cell>().SingleOrDefault(c => c.CellReference == reference);

    private static string Column(string reference) => new([.. reference.TakeWhile(char.IsLetter)]);
}

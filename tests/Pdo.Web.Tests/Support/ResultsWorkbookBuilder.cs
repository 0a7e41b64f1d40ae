using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pdo.Web.Tests.Support;

/// <summary>
/// Builds a results template as a Direzione sends it back (the sheets and headers of the shared contract), with the
/// OpenXml SDK's DOM: a <c>Risultati</c> sheet with shared-string cells (as Excel saves them) and a hidden <c>_pdo</c> sheet.
/// </summary>
public sealed class ResultsWorkbookBuilder
{
    private static readonly string[] Headers =
        ["Chiave", "Versione", "Obiettivo", "Titolo obiettivo", "KPI", "Nome del KPI", "Unità", "Target", "Valore attuale", "Nuovo valore", "Motivazione dello scostamento"];

    private readonly List<(string Key, Guid? Version, string? Value, decimal? Number, string? Justification)> _rows = [];
    private readonly Dictionary<int, string> _formulas = [];
    private int _year = 2020;
    private string _period = "INT";
    private string _directorate = "CASA";

    public ResultsWorkbookBuilder For(int year, string period, string directorate)
    {
        (_year, _period, _directorate) = (year, period, directorate);
        return this;
    }

    /// <summary>A row with «Nuovo valore» typed as text (Excel keeps "93,5%" as typed in the Text column).</summary>
    public ResultsWorkbookBuilder Row(string objective, string kpi, Guid? version, string? value, string? justification = null)
    {
        _rows.Add(($"{objective}|{kpi}", version, value, null, justification));
        return this;
    }

    /// <summary>A row whose «Nuovo valore» is a real number cell (a user who pasted numbers).</summary>
    public ResultsWorkbookBuilder NumberRow(string objective, string kpi, Guid? version, decimal value, string? justification = null)
    {
        _rows.Add(($"{objective}|{kpi}", version, null, value, justification));
        return this;
    }

    /// <summary>A row whose «Nuovo valore» is a formula (with its cached result), which the upload refuses.</summary>
    public ResultsWorkbookBuilder FormulaRow(string objective, string kpi, string formula)
    {
        _formulas[_rows.Count + 2] = formula;
        return NumberRow(objective, kpi, null, 1m);
    }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();

            var rows = new List<Row> { TextRow(strings, 1, Headers) };
            var index = 2;
            foreach (var row in _rows)
            {
                var cells = new string?[] { row.Key, row.Version?.ToString("D"), null, null, null, null, null, null, null, row.Value, row.Justification };
                var built = TextRow(strings, index, cells);
                if (row.Number is { } number)
                {
                    var cell = new Cell { CellReference = $"J{index}", CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)) };
                    if (_formulas.TryGetValue(index, out var formula))
                    {
                        cell.CellFormula = new CellFormula(formula);
                    }

                    if (built.Elements<Cell>().FirstOrDefault(c => c.CellReference == $"K{index}") is { } justification)
                    {
                        built.InsertBefore(cell, justification);
                    }
                    else
                    {
                        built.AppendChild(cell);
                    }
                }

                rows.Add(built);
                index++;
            }

            AddSheet(workbook, "Risultati", 1, rows, SheetStateValues.Visible);
            AddSheet(workbook, "_pdo", 2, [
                TextRow(strings, 1, ["anno", _year.ToString(CultureInfo.InvariantCulture)]),
                TextRow(strings, 2, ["periodo", _period]),
                TextRow(strings, 3, ["direzione", _directorate]),
                TextRow(strings, 4, ["generato", "2020-06-01T08:00:00Z"]),
            ], SheetStateValues.Hidden);
        }

        return stream.ToArray();
    }

    private static Row TextRow(SharedStringTablePart strings, int index, IReadOnlyList<string?> values)
    {
        var row = new Row { RowIndex = (uint)index };
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value)
            {
                continue;
            }

            strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(value)));
            var position = strings.SharedStringTable.ChildElements.Count - 1;
            row.AppendChild(new Cell
            {
                CellReference = $"{(char)('A' + i)}{index}",
                DataType = CellValues.SharedString,
                CellValue = new CellValue(position.ToString(CultureInfo.InvariantCulture)),
            });
        }

        return row;
    }

    private static void AddSheet(WorkbookPart workbook, string name, uint id, IEnumerable<Row> rows, SheetStateValues state)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = new Worksheet(new SheetData(rows));
        workbook.Workbook.Sheets!.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name, State = state });
    }
}

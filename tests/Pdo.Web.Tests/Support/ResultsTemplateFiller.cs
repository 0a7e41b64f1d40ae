using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pdo.Web.Tests.Support;

/// <summary>
/// Types values into the «Nuovo valore» column (J) of a results template downloaded from the portal, as a Direzione
/// does in Excel: the row is found by its hidden «Chiave» (A, <c>{objective}|{kpi}</c>); the rest of the file is kept.
/// </summary>
public static class ResultsTemplateFiller
{
    public static byte[] Fill(byte[] template, IReadOnlyDictionary<string, string> valuesByKey)
    {
        using var edited = new MemoryStream();
        edited.Write(template);
        using (var workbook = SpreadsheetDocument.Open(edited, isEditable: true))
        {
            var part = workbook.WorkbookPart!;
            var sheet = part.Workbook.Descendants<Sheet>().Single(s => s.Name == "Risultati");
            var rows = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
            foreach (var (key, text) in valuesByKey)
            {
                var row = rows.Single(r => r.Elements<Cell>().Any(c => c.CellReference == $"A{r.RowIndex}" && c.InnerText == key));
                var reference = $"J{row.RowIndex}";
                row.Elements<Cell>().SingleOrDefault(c => c.CellReference == reference)?.Remove();
                var value = new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(text)),
                };
                var after = row.Elements<Cell>().FirstOrDefault(c => string.CompareOrdinal(Column(c.CellReference!.Value!), "J") > 0);
                if (after is null)
                {
                    row.Append(value);
                }
                else
                {
                    row.InsertBefore(value, after);
                }
            }
        }

        return edited.ToArray();
    }

    /// <summary>The current value («Valore attuale», column I) of the row with this key, as the template shows it.</summary>
    public static string? Current(byte[] template, string key)
    {
        using var stream = new MemoryStream(template);
        using var workbook = SpreadsheetDocument.Open(stream, isEditable: false);
        var part = workbook.WorkbookPart!;
        var sheet = part.Workbook.Descendants<Sheet>().Single(s => s.Name == "Risultati");
        var row = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Single(r => r.Elements<Cell>().Any(c => c.CellReference == $"A{r.RowIndex}" && c.InnerText == key));
        return row.Elements<Cell>().FirstOrDefault(c => c.CellReference == $"I{row.RowIndex}")?.InnerText;
    }

    private static string Column(string reference) => new(reference.TakeWhile(char.IsLetter).ToArray());
}

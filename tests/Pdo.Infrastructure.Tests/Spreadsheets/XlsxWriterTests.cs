using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pdo.Infrastructure.Spreadsheets;

namespace Pdo.Infrastructure.Tests.Spreadsheets;

public sealed class XlsxWriterTests
{
    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void ReturnsTheColumnLettersGivenAnIndex(int index, string letters) =>
        Assert.Equal(letters, XlsxWriter.ColumnName(index));

    [Fact]
    public void WritesInlineStringsNumbersAndDatesGivenOneRowOfEach()
    {
        using var file = XlsxWriter.WriteTemporaryFile(xlsx => xlsx.WriteSheet(
            new XlsxSheet("Dati", [new(10), new(10, Hidden: true)], FrozenRows: 1, AutoFilter: true),
            [
                [XlsxCell.Of("a\u0001b"), XlsxCell.Of(" spazio ")],
                [XlsxCell.Of(93.5m), XlsxCell.Of(new DateOnly(2019, 12, 31))],
            ]));

        using var workbook = SpreadsheetDocument.Open(file, false);
        var sheetEntry = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        var sheet = ((WorksheetPart)workbook.WorkbookPart.GetPartById(sheetEntry.Id!)).Worksheet;
        var cells = sheet.Descendants<Cell>().ToList();
        Assert.Equal(["A1", "B1", "A2", "B2"], cells.Select(c => c.CellReference!.Value));
        Assert.Equal(("ab", " spazio "), (cells[0].InlineString!.InnerText, cells[1].InlineString!.InnerText));
        Assert.Equal((null, "93.5"), (cells[2].DataType?.Value, cells[2].CellValue!.Text));
        Assert.Equal(new DateTime(2019, 12, 31).ToOADate(), double.Parse(cells[3].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("A1:B2", sheet.Elements<AutoFilter>().Single().Reference!.Value);
        Assert.True(sheet.Descendants<Column>().ElementAt(1).Hidden!.Value);
        Assert.Equal("_xlnm._FilterDatabase", workbook.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>().Single().Name!.Value);
    }

    [Fact]
    public void DeletesTheTemporaryFileGivenAFailingWrite()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "pdo-*.xlsx").Length;

        Assert.Throws<InvalidOperationException>(() => XlsxWriter.WriteTemporaryFile(_ => throw new InvalidOperationException("prova")));

        Assert.True(Directory.GetFiles(Path.GetTempPath(), "pdo-*.xlsx").Length <= before);
    }
}

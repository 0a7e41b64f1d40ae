using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pdo.Infrastructure.Spreadsheets;

namespace Pdo.Infrastructure.Tests.Spreadsheets;

public sealed class XlsxReaderTests
{
    [Fact]
    public void ReturnsEveryKindOfCellGivenASheetSavedAsExcelSavesIt()
    {
        using var file = new WorkbookBuilder()
            .Row(new Row(
                Shared("A1", 1),
                new Cell { CellReference = "B1", DataType = CellValues.InlineString, InlineString = new InlineString(new Run(new Text("ric")), new Run(new Text("co"))) },
                new Cell { CellReference = "C1", CellValue = new CellValue("93.5") },
                new Cell { CellReference = "D1", DataType = CellValues.Boolean, CellValue = new CellValue("1") },
                new Cell { CellReference = "E1", CellFormula = new CellFormula("C1*2"), CellValue = new CellValue("187") },
                new Cell { CellReference = "F1", DataType = CellValues.String, CellValue = new CellValue("testo") },
                new Cell { CellReference = "G1" })
            { RowIndex = 1U })
            .Build();

        using var reader = XlsxReader.Open(file);
        var row = Assert.Single(reader.Rows("Dati")!);

        Assert.Equal(1, row.Index);
        Assert.Equal(["A", "B", "C", "D", "E", "F"], row.Cells.Keys.Order());
        Assert.Equal("secondo", row["A"]!.Text);
        Assert.Equal("ricco", row["B"]!.Text);
        Assert.Equal(("93.5", 93.5m), (row["C"]!.Text, row["C"]!.Number));
        Assert.Equal("SI", row["D"]!.Text);
        Assert.Equal((true, 187m), (row["E"]!.HasFormula, row["E"]!.Number));
        Assert.Equal(("testo", (decimal?)null, "F1"), (row["F"]!.Text, row["F"]!.Number, row["F"]!.Reference));
        Assert.Null(row["G"]);
    }

    [Fact]
    public void ReturnsTheRowsInOrderGivenAnEmptyRowAndARowWithoutItsNumber()
    {
        using var file = new WorkbookBuilder()
            .Row(new Row(Shared("A1", 0)) { RowIndex = 1U })
            .Row(new Row { RowIndex = 2U })
            .Row(new Row(Shared("A3", 0), Shared("B3", 1)))
            .Row(new Row(new Cell { CellReference = "C7", CellValue = new CellValue("7") }) { RowIndex = 7U })
            .Build();

        using var reader = XlsxReader.Open(file);
        var rows = reader.Rows("Dati")!.ToList();

        Assert.Equal([1, 2, 3, 7], rows.Select(r => r.Index));
        Assert.Empty(rows[1].Cells);
        Assert.Equal(("primo", "secondo", "B3"), (rows[2]["A"]!.Text, rows[2]["B"]!.Text, rows[2]["B"]!.Reference));
        Assert.Equal(7m, rows[3]["C"]!.Number);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReturnsWhetherTheSheetHasMergedCellsGivenASheetWithRows(bool merged)
    {
        using var file = new WorkbookBuilder { Merged = merged }
            .Row(new Row(Shared("A1", 0), Shared("B1", 1)) { RowIndex = 1U })
            .Row(new Row(Shared("A2", 0)) { RowIndex = 2U })
            .Build();

        using var reader = XlsxReader.Open(file);

        Assert.Equal(merged, reader.HasMergedCells("Dati"));
        Assert.Equal(2, reader.Rows("Dati")!.Count());
    }

    private static Cell Shared(string reference, int index) =>
        new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) };

    /// <summary>A one-sheet workbook («Dati») built with the SDK's DOM, with the shared strings «primo» and «secondo».</summary>
    private sealed class WorkbookBuilder
    {
        private readonly List<Row> _rows = [];

        public bool Merged { get; init; }

        public WorkbookBuilder Row(Row row)
        {
            _rows.Add(row);
            return this;
        }

        public MemoryStream Build()
        {
            var stream = new MemoryStream();
            using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                workbook.AddNewPart<SharedStringTablePart>().SharedStringTable =
                    new SharedStringTable(new SharedStringItem(new Text("primo")), new SharedStringItem(new Text("secondo")));
                var part = workbook.AddNewPart<WorksheetPart>();
                var worksheet = new Worksheet(new SheetData(_rows));
                if (Merged)
                {
                    worksheet.Append(new MergeCells(new MergeCell { Reference = "A1:B1" }));
                }

                part.Worksheet = worksheet;
                workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "Dati", SheetId = 1U, Id = workbook.GetIdOfPart(part) }));
            }

            stream.Position = 0;
            return stream;
        }
    }
}

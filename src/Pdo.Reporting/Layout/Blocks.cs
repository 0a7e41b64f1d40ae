namespace Pdo.Reporting.Layout;

/// <summary>A run of text inside a table cell, wrapped to the cell width.</summary>
public sealed record CellText(string Text, TextStyle Style);

/// <summary>A table cell: one or more runs stacked vertically.</summary>
public sealed record TableCell(IReadOnlyList<CellText> Content)
{
    public TableCell(string text, TextStyle style)
        : this([new CellText(text, style)])
    {
    }
}

/// <summary>
/// A table row. <see cref="SpansAllColumns"/> rows have a single cell across the table (group labels, notes);
/// <see cref="KeepWithPrevious"/> keeps the row on the same page as the row before it. Rows never split across
/// pages (only a row taller than a whole page is cut, between lines).
/// </summary>
public sealed record TableRow(IReadOnlyList<TableCell> Cells)
{
    public bool SpansAllColumns { get; init; }

    /// <summary>The row is a header for the rows below it (a group label): tagged TH, not TD.</summary>
    public bool IsRowHeader { get; init; }

    public bool KeepWithPrevious { get; init; }

    public Rgb? Background { get; init; }
}

public sealed record TableColumn(string Header, double Weight, TextAlign Align = TextAlign.Left);

/// <summary>A table whose header row repeats at the top of every page it continues on.</summary>
public sealed record TableSpec(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows, TextStyle HeaderStyle)
{
    public Rgb HeaderBackground { get; init; } = new(0x00, 0x66, 0xCC);

    public Rgb HeaderColor { get; init; } = Rgb.White;

    public Rgb Border { get; init; } = new(0xC5, 0xC7, 0xC9);

    public double Padding { get; init; } = 4;
}

/// <summary>One bar of a horizontal bar chart: a value between 0 and 100 (null: not measured).</summary>
public sealed record BarItem(string Label, decimal? Value, string ValueText, Rgb Color);

/// <summary>A horizontal bar chart of scores on a 0–100 scale, drawn as vectors and tagged as a figure.</summary>
public sealed record BarChartSpec(string Title, IReadOnlyList<BarItem> Items, string AltText, TextStyle LabelStyle)
{
    public Rgb Axis { get; init; } = new(0x5C, 0x6F, 0x82);

    public Rgb Grid { get; init; } = new(0xE3, 0xE4, 0xE6);

    public double BarHeight { get; init; } = 11;

    public double RowGap { get; init; } = 7;
}

/// <summary>An entry of the table of contents, pointing at an anchor placed by a heading.</summary>
public sealed record TocEntry(string Text, int Level, int Anchor);

/// <summary>Header, footer and watermark drawn on every page as artifacts.</summary>
public sealed record PageFurniture(string HeaderLeft, string HeaderRight, string FooterLeft, TextStyle Style)
{
    /// <summary>A large diagonal word across every page (e.g. "BOZZA"), or null.</summary>
    public string? Watermark { get; init; }

    public bool HeaderOnFirstPage { get; init; }

    public Rgb RuleColor { get; init; } = new(0xC5, 0xC7, 0xC9);

    /// <summary>"Pagina {0} di {1}".</summary>
    public string PageNumberFormat { get; init; } = "Pagina {0} di {1}";
}

namespace Pdo.Reporting.Layout;

/// <summary>
/// What the layout decided to draw on a page, in reading order. The renderer replays these on a PDFsharp page;
/// structure (tags) and artifacts travel in the same stream so the tagged reading order is the drawing order.
/// </summary>
internal abstract class DrawOp
{
}

internal sealed class TextOp(double x, double baseline, string text, TextStyle style) : DrawOp
{
    public double X { get; } = x;

    public double Baseline { get; } = baseline;

    public string Text { get; } = Fonts.GlyphCoverage.Sanitize(text);

    public TextStyle Style { get; } = style;
}

/// <summary>Text known only after the whole document is laid out: page numbers.</summary>
internal sealed class LateTextOp(double x, double baseline, TextStyle style, TextAlign align, Func<LayoutContext, string> text) : DrawOp
{
    public double X { get; } = x;

    public double Baseline { get; } = baseline;

    public TextStyle Style { get; } = style;

    public TextAlign Align { get; } = align;

    public Func<LayoutContext, string> Text { get; } = text;
}

internal sealed class RectOp(double x, double y, double width, double height, Rgb? fill, Rgb? stroke, double strokeWidth = 0.5) : DrawOp
{
    public double X { get; } = x;

    public double Y { get; } = y;

    public double Width { get; } = width;

    public double Height { get; } = height;

    public Rgb? Fill { get; } = fill;

    public Rgb? Stroke { get; } = stroke;

    public double StrokeWidth { get; } = strokeWidth;
}

internal sealed class LineOp(double x1, double y1, double x2, double y2, Rgb color, double width) : DrawOp
{
    public double X1 { get; } = x1;

    public double Y1 { get; } = y1;

    public double X2 { get; } = x2;

    public double Y2 { get; } = y2;

    public Rgb Color { get; } = color;

    public double Width { get; } = width;
}

internal sealed class ImageOp(double x, double y, double width, double height, byte[] data) : DrawOp
{
    public double X { get; } = x;

    public double Y { get; } = y;

    public double Width { get; } = width;

    public double Height { get; } = height;

    public byte[] Data { get; } = data;
}

internal enum TagKind
{
    Grouping,
    Block,
    Inline,
    Figure,
}

/// <summary>Opens a structure element (H1, P, Table, TR, TD, Figure, Sect …).</summary>
internal sealed class BeginTagOp(TagKind kind, string tag) : DrawOp
{
    public TagKind Kind { get; } = kind;

    public string Tag { get; } = tag;

    public string? AltText { get; init; }

    public (double X, double Y, double Width, double Height) Box { get; init; }

    public int ColumnSpan { get; init; } = 1;
}

internal sealed class EndTagOp : DrawOp
{
    public static EndTagOp Instance { get; } = new();
}

/// <summary>Opens a Link element over a rectangle: to an anchor of this document or to a web address.</summary>
internal sealed class BeginLinkOp(double x, double y, double width, double height, int? anchor, string? url, string altText) : DrawOp
{
    public double X { get; } = x;

    public double Y { get; } = y;

    public double Width { get; } = width;

    public double Height { get; } = height;

    public int? Anchor { get; } = anchor;

    public string? Url { get; } = url;

    public string AltText { get; } = altText;
}

/// <summary>Decoration that a screen reader must skip (rules, backgrounds, repeated headers, page furniture).</summary>
internal sealed class BeginArtifactOp : DrawOp
{
    public static BeginArtifactOp Instance { get; } = new();
}

internal sealed class EndArtifactOp : DrawOp
{
    public static EndArtifactOp Instance { get; } = new();
}

/// <summary>A laid-out page: its drawing operations in reading order.</summary>
internal sealed class LayoutPage(int index)
{
    public int Index { get; } = index;

    public List<DrawOp> Ops { get; } = new(96);
}

/// <summary>A bookmark (PDF outline entry) pointing at a heading.</summary>
internal sealed record OutlineEntry(string Title, int Level, int PageIndex, double Y);

/// <summary>What late-bound text needs to know: the page it is on, the page count and where each anchor landed.</summary>
internal sealed class LayoutContext(int pageCount, IReadOnlyDictionary<int, (int PageIndex, double Y)> anchors)
{
    public int PageCount { get; } = pageCount;

    public int PageIndex { get; set; }

    public IReadOnlyDictionary<int, (int PageIndex, double Y)> Anchors { get; } = anchors;
}

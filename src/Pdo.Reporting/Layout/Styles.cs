using Pdo.Reporting.Fonts;

namespace Pdo.Reporting.Layout;

/// <summary>An sRGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Black { get; } = new(0x1A, 0x1A, 0x1A);

    public static Rgb White { get; } = new(0xFF, 0xFF, 0xFF);
}

public enum TextAlign
{
    Left,
    Right,
    Center,
    Justify,
}

/// <summary>How a run of text looks: face, size in points, colour and line height (a multiple of the size).</summary>
public sealed record TextStyle(FontFace Face, double Size, Rgb Color, double LineHeight = 1.35)
{
    public double LineAdvance => Size * LineHeight;

    public TextStyle With(FontFace face) => this with { Face = face };
}

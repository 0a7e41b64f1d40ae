using Pdo.Reporting.Fonts;
using Pdo.Reporting.Layout;
using Pdo.Reporting.Model;

namespace Pdo.Reporting.Consuntivo;

/// <summary>Colours and type of the consuntivo, after bootstrap-italia (primary #0066CC, text #17324D).</summary>
internal static class ReportTheme
{
    public static readonly Rgb Primary = new(0x00, 0x66, 0xCC);
    public static readonly Rgb Text = new(0x17, 0x32, 0x4D);
    public static readonly Rgb Muted = new(0x5C, 0x6F, 0x82);
    public static readonly Rgb Border = new(0xC5, 0xC7, 0xC9);
    public static readonly Rgb LightBlue = new(0xE6, 0xF0, 0xFA);
    public static readonly Rgb LightGrey = new(0xF5, 0xF6, 0xF7);
    public static readonly Rgb Achieved = new(0x00, 0x80, 0x55);
    public static readonly Rgb Partial = new(0x99, 0x60, 0x00);
    public static readonly Rgb NotAchieved = new(0xCC, 0x33, 0x4D);

    public static readonly TextStyle Body = new(FontFace.Regular, 9.5, Text, 1.4);
    public static readonly TextStyle BodyStrong = Body.With(FontFace.SemiBold);
    public static readonly TextStyle Small = new(FontFace.Regular, 8, Muted, 1.35);
    public static readonly TextStyle SmallItalic = Small.With(FontFace.Italic);
    public static readonly TextStyle Cell = new(FontFace.Regular, 8.5, Text, 1.3);
    public static readonly TextStyle CellStrong = Cell.With(FontFace.SemiBold);
    public static readonly TextStyle CellSmall = new(FontFace.Regular, 7.5, Muted, 1.3);
    public static readonly TextStyle CellNote = new(FontFace.Italic, 8, Text, 1.3);
    public static readonly TextStyle TableHeader = new(FontFace.SemiBold, 8.5, Rgb.White, 1.3);
    public static readonly TextStyle H1 = new(FontFace.Bold, 20, Primary, 1.2);
    public static readonly TextStyle H2 = new(FontFace.SemiBold, 14, Text, 1.25);
    public static readonly TextStyle H3 = new(FontFace.Bold, 11.5, Primary, 1.25);
    public static readonly TextStyle ChartTitle = new(FontFace.SemiBold, 10, Text, 1.3);
    public static readonly TextStyle ChartLabel = new(FontFace.Regular, 8, Text, 1.25);
    public static readonly TextStyle Furniture = new(FontFace.Regular, 7.5, Muted, 1.2);
    public static readonly TextStyle Toc = new(FontFace.Regular, 9.5, Text, 1.4);
    public static readonly TextStyle TocChapter = new(FontFace.SemiBold, 10.5, Text, 1.4);
    public static readonly TextStyle CoverOrganisation = new(FontFace.SemiBold, 14, Rgb.White, 1.2);
    public static readonly TextStyle CoverTitle = new(FontFace.Bold, 28, Primary, 1.15);
    public static readonly TextStyle CoverSubtitle = new(FontFace.SemiBold, 16, Text, 1.25);
    public static readonly TextStyle ScoreBig = new(FontFace.Bold, 22, Text, 1.2);

    public static Rgb StatusColor(ReportStatus status) => status switch
    {
        ReportStatus.Achieved => Achieved,
        ReportStatus.PartiallyAchieved => Partial,
        ReportStatus.NotAchieved => NotAchieved,
        _ => Muted,
    };
}

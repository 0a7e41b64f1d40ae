using System.Text;
using System.Text.RegularExpressions;
using Pdo.Reporting.Fonts;
using Pdo.Reporting.Layout;
using UglyToad.PdfPig;

namespace Pdo.Reporting.Tests.Support;

/// <summary>Writes layouts to bytes and reads them back with PdfPig.</summary>
public static partial class Pdf
{
    public static readonly TextStyle Body = new(FontFace.Regular, 10, new Rgb(0x17, 0x32, 0x4D));
    public static readonly TextStyle Heading = new(FontFace.Bold, 16, new Rgb(0x00, 0x66, 0xCC));
    public static readonly TextStyle Small = new(FontFace.Regular, 7.5, new Rgb(0x5C, 0x6F, 0x82));

    public static PageFurniture Furniture(string? watermark = null) =>
        new("Comune di Milano · Prova", "Intestazione", "Piè di pagina", Small) { Watermark = watermark };

    public static DocumentInfo Info { get; } = new("Documento di prova", "Comune di Milano", "Prova del layout", "prova; layout");

    public static byte[] Write(FlowLayout layout, string? watermark = null, RenderOptions? options = null)
    {
        using var output = new MemoryStream();
        FlowLayoutPdf.Write(layout, Furniture(watermark), Info, output, options);
        return output.ToArray();
    }

    /// <summary>Text of one page in content-stream (drawing) order, a space between runs that do not touch.</summary>
    public static string PageText(UglyToad.PdfPig.Content.Page page)
    {
        var text = new StringBuilder();
        UglyToad.PdfPig.Content.Letter? previous = null;
        foreach (var letter in page.Letters)
        {
            if (previous is not null
                && (Math.Abs(letter.StartBaseLine.Y - previous.EndBaseLine.Y) > 0.5 || Math.Abs(letter.StartBaseLine.X - previous.EndBaseLine.X) > 0.5))
            {
                text.Append(' ');
            }

            text.Append(letter.Value);
            previous = letter;
        }

        return Whitespace().Replace(text.ToString(), " ");
    }

    public static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(PageText).ToList();
    }

    /// <summary>The PDF's bytes as Latin-1 text, to look at dictionaries PdfPig does not expose.</summary>
    public static string Raw(byte[] pdf) => Encoding.Latin1.GetString(pdf);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

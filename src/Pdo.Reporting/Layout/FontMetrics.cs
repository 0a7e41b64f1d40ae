using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Pdo.Reporting.Fonts;

namespace Pdo.Reporting.Layout;

/// <summary>
/// Text measurement without a page: advance widths of every character, measured once per face at 1000 units per
/// em through a PDFsharp measure context and cached for the life of the process. PDFsharp applies no kerning, so
/// the width of a string is exactly the sum of its characters' widths and a line is measured without allocating.
/// </summary>
internal static class FontMetrics
{
    private const double UnitSize = 1000;

    private static readonly FaceMetrics[] Faces = CreateFaces();

    public static double Width(FontFace face, ReadOnlySpan<char> text, double size) => Faces[(int)face].Width(text) * size;

    /// <summary>Distance from the top of a line box to the baseline, for a line of <paramref name="style"/>.</summary>
    public static double Baseline(TextStyle style)
    {
        var f = Faces[(int)style.Face];
        var glyphHeight = (f.Ascent + f.Descent) * style.Size;
        return ((style.LineAdvance - glyphHeight) / 2) + (f.Ascent * style.Size);
    }

    /// <summary>Ascent above the baseline, as a fraction of the em size.</summary>
    public static double Ascent(FontFace face) => Faces[(int)face].Ascent;

    /// <summary>Descent below the baseline, as a fraction of the em size.</summary>
    public static double Descent(FontFace face) => Faces[(int)face].Descent;

    private static FaceMetrics[] CreateFaces()
    {
        ReportFonts.EnsureRegistered();
        return Enum.GetValues<FontFace>().Select(f => new FaceMetrics(FontCache.Create(f, UnitSize))).ToArray();
    }

    private sealed class FaceMetrics
    {
        private readonly object _gate = new();
        private readonly XFont _font;
        private readonly XGraphics _context;
        private readonly float[] _widths = new float[char.MaxValue + 1];

        public FaceMetrics(XFont font)
        {
            _font = font;
            _context = XGraphics.CreateMeasureContext(new XSize(UnitSize * 4, UnitSize * 4), XGraphicsUnit.Point, XPageDirection.Downwards);
            Array.Fill(_widths, float.NaN);
            var metrics = font.Metrics;
            Ascent = (double)metrics.Ascent / metrics.UnitsPerEm;
            Descent = Math.Abs((double)metrics.Descent) / metrics.UnitsPerEm;
        }

        public double Ascent { get; }

        public double Descent { get; }

        public double Width(ReadOnlySpan<char> text)
        {
            double total = 0;
            foreach (var c in text)
            {
                var w = _widths[c];
                if (float.IsNaN(w))
                {
                    w = Measure(c);
                }

                total += w;
            }

            return total;
        }

        private float Measure(char c)
        {
            lock (_gate)
            {
                var w = _widths[c];
                if (float.IsNaN(w))
                {
                    w = (float)(_context.MeasureString(c.ToString(), _font).Width / UnitSize);
                    _widths[c] = w;
                }

                return w;
            }
        }
    }
}

/// <summary>XFont objects are immutable and reusable: one per face and size for the whole process.</summary>
internal static class FontCache
{
    private static readonly XPdfFontOptions Options = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(FontFace, double), XFont> Fonts = new();

    public static XFont Get(FontFace face, double size) => Fonts.GetOrAdd((face, size), key => Create(key.Item1, key.Item2));

    public static XFont Create(FontFace face, double size)
    {
        ReportFonts.EnsureRegistered();
        return face switch
        {
            FontFace.SemiBold => new XFont(ReportFonts.SemiBoldFamily, size, XFontStyleEx.Regular, Options),
            FontFace.Bold => new XFont(ReportFonts.Family, size, XFontStyleEx.Bold, Options),
            FontFace.Italic => new XFont(ReportFonts.Family, size, XFontStyleEx.Italic, Options),
            _ => new XFont(ReportFonts.Family, size, XFontStyleEx.Regular, Options),
        };
    }
}

using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Pdo.Reporting.Fonts;

/// <summary>The faces of Titillium Web the report uses, all embedded in this assembly.</summary>
public enum FontFace
{
    Regular,
    Italic,
    SemiBold,
    Bold,
}

/// <summary>
/// PDFsharp font resolution from the embedded Titillium Web files only: no system font is ever looked up, so the
/// PDF is the same on a server without fonts. PDFsharp's resolver is process-global; <see cref="EnsureRegistered"/>
/// sets it once, thread-safely.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    /// <summary>The family name used for regular, italic and bold (XFontStyleEx picks the face).</summary>
    public const string Family = "Titillium Web";

    /// <summary>The family name of the 600 weight, which XFontStyleEx cannot express.</summary>
    public const string SemiBoldFamily = "Titillium Web SemiBold";

    private static readonly object Gate = new();
    private static readonly ReportFonts Instance = new();
    private static volatile bool _registered;

    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    private ReportFonts()
    {
    }

    /// <summary>Installs the resolver once per process (idempotent and thread-safe).</summary>
    public static void EnsureRegistered()
    {
        if (_registered)
        {
            return;
        }

        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is not ReportFonts)
            {
                GlobalFontSettings.FontResolver = Instance;
            }

            _registered = true;
        }
    }

    /// <summary>The resource file name of a face.</summary>
    public static string FileOf(FontFace face) => face switch
    {
        FontFace.Italic => "TitilliumWeb-Italic.ttf",
        FontFace.SemiBold => "TitilliumWeb-SemiBold.ttf",
        FontFace.Bold => "TitilliumWeb-Bold.ttf",
        _ => "TitilliumWeb-Regular.ttf",
    };

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        // Every family resolves to Titillium Web: nothing can silently pull in a system font.
        var face = string.Equals(familyName, SemiBoldFamily, StringComparison.OrdinalIgnoreCase)
            ? FontFace.SemiBold
            : bold ? FontFace.Bold : italic ? FontFace.Italic : FontFace.Regular;
        return new FontResolverInfo(FileOf(face));
    }

    public byte[]? GetFont(string faceName) => _files.GetOrAdd(faceName, Load);

    internal static byte[] Load(string fileName)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"Pdo.Reporting.Fonts.{fileName}")
            ?? throw new InvalidOperationException($"Embedded font {fileName} is missing from Pdo.Reporting.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}

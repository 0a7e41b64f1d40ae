using System.Buffers.Binary;

namespace Pdo.Reporting.Fonts;

/// <summary>
/// Which characters the embedded Titillium Web can draw (from the font's own cmap), and the substitutes used for
/// the few it cannot: text is never drawn with a missing glyph (an invisible gap in the PDF).
/// </summary>
public static class GlyphCoverage
{
    private static readonly bool[] Covered = Load();

    public static bool Has(char c) => Covered[c];

    /// <summary><paramref name="text"/> with every character the font lacks replaced ("→" by "›", others by "?").</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length && (Covered[text[i]] || text[i] == ' '))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var j = 0; j < source.Length; j++)
            {
                var c = source[j];
                span[j] = Covered[c] ? c : Substitute(c);
            }
        });
    }

    private static char Substitute(char c) => c switch
    {
        '→' or '⇒' or '⟶' => '›',
        '←' or '⇐' => '‹',
        '\n' => '\n',
        '\t' or '\u00A0' or '\u2009' or '\u202F' => ' ',
        '∙' => '·',
        _ => char.IsWhiteSpace(c) ? ' ' : '?',
    };

    /// <summary>Reads the (3,1) or (0,x) format-4 cmap subtable of the regular face.</summary>
    private static bool[] Load()
    {
        var covered = new bool[char.MaxValue + 1];
        var font = new ReadOnlySpan<byte>(FontData());
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        var cmap = -1;
        for (var t = 0; t < tables; t++)
        {
            var record = font[(12 + (16 * t))..];
            if (record[..4].SequenceEqual("cmap"u8))
            {
                cmap = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            }
        }

        if (cmap < 0)
        {
            throw new InvalidOperationException("The embedded font has no cmap table.");
        }

        var subtables = BinaryPrimitives.ReadUInt16BigEndian(font[(cmap + 2)..]);
        for (var s = 0; s < subtables; s++)
        {
            var entry = font[(cmap + 4 + (8 * s))..];
            var offset = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
            if (BinaryPrimitives.ReadUInt16BigEndian(font[offset..]) != 4)
            {
                continue;
            }

            var segments = BinaryPrimitives.ReadUInt16BigEndian(font[(offset + 6)..]) / 2;
            var ends = offset + 14;
            var starts = ends + (2 * segments) + 2;
            for (var k = 0; k < segments; k++)
            {
                int end = BinaryPrimitives.ReadUInt16BigEndian(font[(ends + (2 * k))..]);
                int start = BinaryPrimitives.ReadUInt16BigEndian(font[(starts + (2 * k))..]);
                for (var c = start; c <= end && c < 0xFFFF; c++)
                {
                    covered[c] = true;
                }
            }
        }

        return covered;
    }

    private static byte[] FontData()
    {
        return ReportFonts.Load(ReportFonts.FileOf(FontFace.Regular));
    }
}

using Pdo.Reporting.Fonts;

namespace Pdo.Reporting.Layout;

/// <summary>One line of a wrapped paragraph: its text, its natural width and whether it ends the paragraph (or a forced break).</summary>
internal readonly record struct TextLine(string Text, double Width, bool EndsParagraph);

/// <summary>
/// Greedy line breaking on spaces (the report's languages need no hyphenation dictionary); a word longer than the
/// line is broken between characters so that nothing ever runs past the margin. "\n" forces a break.
/// </summary>
internal static class LineBreaker
{
    public static List<TextLine> Break(string text, FontFace face, double size, double maxWidth)
    {
        var lines = new List<TextLine>();
        if (maxWidth <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWidth), maxWidth, "The line width must be positive.");
        }

        var space = FontMetrics.Width(face, " ", size);
        foreach (var rawParagraph in Fonts.GlyphCoverage.Sanitize(text).Split('\n'))
        {
            var paragraph = rawParagraph.Trim();
            if (paragraph.Length == 0)
            {
                continue;
            }

            BreakParagraph(paragraph, face, size, maxWidth, space, lines);
        }

        return lines;
    }

    private static void BreakParagraph(string paragraph, FontFace face, double size, double maxWidth, double space, List<TextLine> lines)
    {
        var span = paragraph.AsSpan();
        var lineStart = -1;
        var lineEnd = 0;
        double lineWidth = 0;
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && span[i] == ' ')
            {
                i++;
            }

            if (i >= span.Length)
            {
                break;
            }

            var wordStart = i;
            while (i < span.Length && span[i] != ' ')
            {
                i++;
            }

            var wordWidth = FontMetrics.Width(face, span[wordStart..i], size);
            if (lineStart < 0)
            {
                if (wordWidth > maxWidth)
                {
                    lineStart = BreakLongWord(paragraph, wordStart, i, face, size, maxWidth, lines, out lineWidth);
                    lineEnd = i;
                }
                else
                {
                    lineStart = wordStart;
                    lineEnd = i;
                    lineWidth = wordWidth;
                }
            }
            else if (lineWidth + space + wordWidth <= maxWidth)
            {
                lineEnd = i;
                lineWidth += space + wordWidth;
            }
            else
            {
                lines.Add(new TextLine(Collapse(paragraph, lineStart, lineEnd), lineWidth, false));
                if (wordWidth > maxWidth)
                {
                    lineStart = BreakLongWord(paragraph, wordStart, i, face, size, maxWidth, lines, out lineWidth);
                }
                else
                {
                    lineStart = wordStart;
                    lineWidth = wordWidth;
                }

                lineEnd = i;
            }
        }

        if (lineStart >= 0)
        {
            lines.Add(new TextLine(Collapse(paragraph, lineStart, lineEnd), lineWidth, true));
        }
    }

    /// <summary>Emits full-width chunks of an over-long word; returns the start of the remainder, which opens the next line.</summary>
    private static int BreakLongWord(string text, int start, int end, FontFace face, double size, double maxWidth, List<TextLine> lines, out double remainderWidth)
    {
        var chunkStart = start;
        double width = 0;
        for (var j = start; j < end; j++)
        {
            var w = FontMetrics.Width(face, text.AsSpan(j, 1), size);
            if (width + w > maxWidth && j > chunkStart)
            {
                lines.Add(new TextLine(text[chunkStart..j], width, false));
                chunkStart = j;
                width = 0;
            }

            width += w;
        }

        remainderWidth = width;
        return chunkStart;
    }

    /// <summary>The line's text with runs of spaces collapsed to one (the widths were measured that way).</summary>
    private static string Collapse(string text, int start, int end)
    {
        var slice = text.AsSpan(start, end - start);
        if (!slice.Contains("  ", StringComparison.Ordinal))
        {
            return slice.ToString();
        }

        var builder = new System.Text.StringBuilder(slice.Length);
        var previousSpace = false;
        foreach (var c in slice)
        {
            if (c == ' ' && previousSpace)
            {
                continue;
            }

            previousSpace = c == ' ';
            builder.Append(c);
        }

        return builder.ToString();
    }
}

namespace Pdo.Domain.Values;

/// <summary>The kind of a block of narrative text.</summary>
public enum NarrativeBlockKind
{
    Paragraph,
    BulletList,
    NumberedList,
}

/// <summary>A block of narrative: a paragraph (<see cref="Text"/>) or a list (<see cref="Items"/>).</summary>
public sealed record NarrativeBlock(NarrativeBlockKind Kind, string? Text, IReadOnlyList<string> Items)
{
    public static NarrativeBlock Paragraph(string text) => new(NarrativeBlockKind.Paragraph, text, []);
}

/// <summary>
/// The small text format of the narratives (an objective's «Descrizione e risultati» and data-source note, the plan's
/// introduction and closing note), the one reading used by the pages, the consuntivo PDF and validation. Plain text
/// only, never markup: a blank line separates paragraphs; a line starting with «• », «- » or «* » is an item of a
/// bulleted list; a line starting with «1. » or «1) » (any number) an item of a numbered list; a line that does not
/// start a new item continues the item or paragraph before it. Anything else, «&lt;script&gt;» included, is text.
/// </summary>
public static class NarrativeText
{
    /// <summary>The help shown under every narrative field.</summary>
    public const string FormatHelp =
        "Testo semplice: una riga vuota separa i paragrafi; una riga che inizia con «- » (oppure «• » o «* ») è una voce di un elenco puntato; " +
        "una riga che inizia con «1. » (o «1) ») è una voce di un elenco numerato. Non si usano codici HTML: ogni carattere è mostrato così come è scritto, nella pagina e nel PDF.";

    /// <summary>Splits <paramref name="text"/> into paragraphs and lists, in order; empty for no text.</summary>
    public static IReadOnlyList<NarrativeBlock> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var blocks = new List<NarrativeBlock>();
        var paragraph = new List<string>();
        var items = new List<string>();
        var kind = NarrativeBlockKind.Paragraph;

        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(NarrativeBlock.Paragraph(string.Join(' ', paragraph)));
                paragraph.Clear();
            }

            if (items.Count > 0)
            {
                blocks.Add(new NarrativeBlock(kind, null, items.ToList()));
                items.Clear();
            }
        }

        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (Item(line) is { } item)
            {
                var (itemKind, itemText) = item;
                if (itemText.Length == 0)
                {
                    continue;
                }

                if (paragraph.Count > 0 || (items.Count > 0 && itemKind != kind))
                {
                    Flush();
                }

                kind = itemKind;
                items.Add(itemText);
            }
            else if (items.Count > 0)
            {
                items[^1] = $"{items[^1]} {line}";
            }
            else
            {
                paragraph.Add(line);
            }
        }

        Flush();
        return blocks;
    }

    /// <summary>
    /// The text as stored: trimmed, line ends as «\n», null when blank. Refuses control characters (other than line
    /// ends and tabs) and text over <paramref name="maxLength"/> characters, naming the field (<paramref name="what"/>).
    /// </summary>
    public static string? Normalize(string? text, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (normalized.Length > maxLength)
        {
            throw new DomainRuleException($"{what} supera la lunghezza massima di {ItalianValues.FormatNumber(maxLength)} caratteri.");
        }

        if (normalized.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            throw new DomainRuleException($"{what} contiene caratteri di controllo non ammessi: scrivere solo testo.");
        }

        return normalized;
    }

    private static (NarrativeBlockKind Kind, string Text)? Item(string line)
    {
        if (line is "•" or "-" or "*" or "–")
        {
            return (NarrativeBlockKind.BulletList, string.Empty);
        }

        if (line.Length >= 2 && line[0] is '•' or '-' or '*' or '–' && char.IsWhiteSpace(line[1]))
        {
            return (NarrativeBlockKind.BulletList, line[2..].Trim());
        }

        if (line[0] == '•')
        {
            return (NarrativeBlockKind.BulletList, line[1..].Trim());
        }

        var digits = 0;
        while (digits < line.Length && digits < 3 && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        if (digits > 0 && digits + 1 < line.Length && line[digits] is '.' or ')' && char.IsWhiteSpace(line[digits + 1]))
        {
            return (NarrativeBlockKind.NumberedList, line[(digits + 2)..].Trim());
        }

        return null;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Pdo.Domain.Attainment;

namespace Pdo.Domain.Values;

/// <summary>
/// Reads values as Italian users write them in a plan (see <see cref="ItalianValues.Parse"/>). Every failure is a
/// <see cref="ParseResult"/> with an Italian sentence naming the input and what was expected; nothing throws and
/// nothing silently becomes 0.
/// </summary>
internal static partial class ItalianValueParser
{
    internal const int MaxLength = 200;

    private const string Expected =
        "Atteso un numero (es. 1.003 o 6,5), una percentuale (91,1%), una durata (1'16\" o 9,9 giorni), " +
        "SI/NO o una scadenza (entro il 31/12/2019).";

    private const string DecimalCommaHint =
        "Usare la virgola come separatore decimale, es. 1,5, e il punto solo per le migliaia, es. 1.003.";

    private static readonly string[] MonthNames =
    [
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
        "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
    ];

    /// <summary>Scale words: "1 Mln" is one million.</summary>
    private static readonly Dictionary<string, decimal> Scales = new(StringComparer.Ordinal)
    {
        ["mln"] = 1_000_000m,
        ["milione"] = 1_000_000m,
        ["milioni"] = 1_000_000m,
        ["mld"] = 1_000_000_000m,
        ["miliardo"] = 1_000_000_000m,
        ["miliardi"] = 1_000_000_000m,
    };

    /// <summary>Units of measure accepted after a number (lower case → label recorded in <see cref="ItalianValue.Unit"/>).</summary>
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["km"] = "km",
        ["mq"] = "mq",
        ["m²"] = "m²",
        ["m2"] = "m²",
        ["kg"] = "kg",
        ["t"] = "t",
        ["ha"] = "ha",
        ["€"] = "€",
        ["euro"] = "€",
        ["kwh"] = "kWh",
        ["mwh"] = "MWh",
    };

    public static ParseResult Parse(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return ParseResult.Failure(
                "Inserire un valore: un numero (es. 1.003 o 6,5), una percentuale (91,1%), una durata (1'16\" o 9,9 giorni), " +
                "SI/NO o una scadenza (entro il 31/12/2019).");
        }

        if (trimmed.Length > MaxLength)
        {
            return ParseResult.Failure(
                $"Il valore inserito è troppo lungo ({trimmed.Length} caratteri): al massimo {MaxLength} caratteri. {Expected}");
        }

        var s = Whitespace().Replace(trimmed, " ");
        var lower = s.ToLowerInvariant();

        if (lower is "si" or "sì" or "sí")
        {
            return ParseResult.Success(new ItalianValue(ValueKind.YesNo, trimmed, YesNo: true));
        }

        if (lower is "no")
        {
            return ParseResult.Success(new ItalianValue(ValueKind.YesNo, trimmed, YesNo: false));
        }

        // A comparator comes before a number, a percentage or a duration, never before SI/NO or a date.
        var comparator = ComparatorPattern().Match(s);
        if (comparator.Success)
        {
            var symbol = comparator.Groups["cmp"].Value;
            var rest = comparator.Groups["rest"].Value;
            if (rest.Length == 0)
            {
                return ParseResult.Failure(
                    $"Manca il valore dopo il comparatore «{symbol}»: scrivere per esempio «{symbol} 90%» o «{symbol} 30».");
            }

            var quantity = ParseQuantity(rest, s);
            return quantity.Value is null
                ? quantity
                : ParseResult.Success(quantity.Value with { Text = trimmed, Comparator = ToComparator(symbol) });
        }

        var deadline = DeadlinePattern().Match(s);
        if (deadline.Success)
        {
            return ParseDate(deadline.Groups["date"].Value, out var due, out var dateError)
                ? ParseResult.Success(new ItalianValue(ValueKind.Deadline, trimmed, Date: due))
                : ParseResult.Failure($"Scadenza non riconosciuta: «{s}». {dateError}");
        }

        if (EntroWord().IsMatch(s))
        {
            return ParseResult.Failure(
                $"Scadenza non riconosciuta: «{s}». Scrivere la data come gg/mm/aaaa, es. entro il 31/12/2019.");
        }

        if (LooksLikeDate(s))
        {
            return ParseDate(s, out var date, out var error)
                ? ParseResult.Success(new ItalianValue(ValueKind.Date, trimmed, Date: date))
                : ParseResult.Failure(error);
        }

        var plain = ParseQuantity(s, s);
        return plain.Value is null ? plain : ParseResult.Success(plain.Value with { Text = trimmed });
    }

    private static Comparator ToComparator(string symbol) => symbol switch
    {
        ">=" or "=>" or "≥" => Comparator.AtLeast,
        "<=" or "=<" or "≤" => Comparator.AtMost,
        ">" => Comparator.GreaterThan,
        "<" => Comparator.LessThan,
        _ => Comparator.EqualTo,
    };

    /// <summary>A signed number, percentage, duration or scaled/unit number (no comparator, no date).</summary>
    private static ParseResult ParseQuantity(string s, string whole)
    {
        var negative = false;
        var body = s;
        var sign = SignPattern().Match(s);
        if (sign.Success)
        {
            negative = sign.Groups["sign"].Value != "+";
            body = sign.Groups["body"].Value;
        }

        var duration = ParseDuration(body, whole, negative);
        if (duration is not null)
        {
            return duration;
        }

        var number = NumberPattern().Match(body);
        if (!number.Success)
        {
            return ParseResult.Failure($"Valore non riconosciuto: «{whole}». {Expected}");
        }

        var token = number.Groups["num"].Value;
        if (!ValidNumber().IsMatch(token))
        {
            return ParseResult.Failure($"Numero non valido: «{whole}». {DecimalCommaHint}");
        }

        if (!TryToDecimal(token, out var value))
        {
            return ParseResult.Failure($"Il numero «{whole}» è troppo grande per essere registrato.");
        }

        if (negative)
        {
            value = -value;
        }

        var suffix = number.Groups["suffix"].Value.Trim();
        var word = suffix.ToLowerInvariant();
        var abbreviation = word.TrimEnd('.');

        if (word.Length == 0)
        {
            return Number(ValueKind.Number, value);
        }

        if (word == "%")
        {
            return Number(ValueKind.Percent, value);
        }

        if (abbreviation is "minuti" or "minuto" or "min" or "ore" or "ora" or "secondi" or "secondo" or "sec"
            or "giorni" or "giorno" or "gg")
        {
            if (negative && value != 0m)
            {
                return ParseResult.Failure($"Una durata non può essere negativa: «{whole}».");
            }

            return abbreviation switch
            {
                "minuti" or "minuto" or "min" => Number(ValueKind.Minutes, value),
                "ore" or "ora" => Scaled(ValueKind.Minutes, value, 60m, whole),
                "secondi" or "secondo" or "sec" => Number(ValueKind.Minutes, value / 60m),
                _ => Number(ValueKind.Days, value),
            };
        }

        if (suffix.Length > 0 && MinuteOrSecondMark().IsMatch(suffix))
        {
            return ParseResult.Failure(
                $"Durata non valida: «{whole}». Scrivere minuti e secondi come 1'16\", oppure i minuti in lettere, es. 1,5 minuti.");
        }

        var parts = word.Split(' ', 2);
        if (Scales.TryGetValue(parts[0].TrimEnd('.'), out var scale))
        {
            var unit = string.Empty;
            if (parts.Length == 2)
            {
                var unitWord = parts[1].StartsWith("di ", StringComparison.Ordinal) ? parts[1][3..] : parts[1];
                if (!Units.TryGetValue(unitWord, out var knownUnit))
                {
                    return UnknownUnit(whole, suffix);
                }

                unit = knownUnit;
            }

            var scaled = Scaled(ValueKind.Number, value, scale, whole);
            return scaled.Value is null ? scaled : ParseResult.Success(scaled.Value with { Unit = unit });
        }

        return Units.TryGetValue(word, out var label)
            ? ParseResult.Success(new ItalianValue(ValueKind.Number, whole, Number: value, Unit: label))
            : UnknownUnit(whole, suffix);

        ParseResult Number(ValueKind kind, decimal v) =>
            ParseResult.Success(new ItalianValue(kind, whole, Number: v == 0m ? 0m : v));
    }

    /// <summary><c>1'16"</c>, <c>1'</c>, <c>16"</c> (also with typographic quotes) → minutes; null when the text is no duration.</summary>
    private static ParseResult? ParseDuration(string body, string whole, bool negative)
    {
        var secondsOnly = SecondsPattern().Match(body);
        var minutesSeconds = secondsOnly.Success ? Match.Empty : MinutesSecondsPattern().Match(body);
        if (!secondsOnly.Success && !minutesSeconds.Success)
        {
            return null;
        }

        if (negative)
        {
            return ParseResult.Failure($"Una durata non può essere negativa: «{whole}».");
        }

        decimal minutes;
        decimal seconds;
        if (secondsOnly.Success)
        {
            minutes = 0m;
            if (!TryToDecimal(secondsOnly.Groups["s"].Value, out seconds))
            {
                return ParseResult.Failure($"La durata «{whole}» è troppo grande per essere registrata.");
            }
        }
        else
        {
            if (!TryToDecimal(minutesSeconds.Groups["m"].Value, out minutes))
            {
                return ParseResult.Failure($"La durata «{whole}» è troppo grande per essere registrata.");
            }

            var secondsGroup = minutesSeconds.Groups["s"];
            seconds = secondsGroup.Success ? decimal.Parse(secondsGroup.Value, CultureInfo.InvariantCulture) : 0m;
            if (seconds >= 60m)
            {
                return ParseResult.Failure(
                    $"Durata non valida: «{whole}». I secondi devono essere meno di 60 (es. 1'16\").");
            }
        }

        return ParseResult.Success(new ItalianValue(ValueKind.Minutes, whole, Number: minutes + (seconds / 60m)));
    }

    private static ParseResult Scaled(ValueKind kind, decimal value, decimal factor, string whole)
    {
        try
        {
            return ParseResult.Success(new ItalianValue(kind, whole, Number: value * factor));
        }
        catch (OverflowException)
        {
            return ParseResult.Failure($"Il numero «{whole}» è troppo grande per essere registrato.");
        }
    }

    private static ParseResult UnknownUnit(string whole, string suffix) =>
        ParseResult.Failure($"Valore non riconosciuto: «{whole}» (la parte «{suffix}» non è un'unità nota). {Expected}");

    /// <summary>An Italian number already checked by <see cref="ValidNumber"/>: "1.234.567,89" → 1234567.89.</summary>
    private static bool TryToDecimal(string token, out decimal value) => decimal.TryParse(
        token.Replace(".", string.Empty, StringComparison.Ordinal).Replace(',', '.'),
        NumberStyles.AllowDecimalPoint,
        CultureInfo.InvariantCulture,
        out value);

    private static bool LooksLikeDate(string s) => NumericDate().IsMatch(s) || NamedMonthDate().IsMatch(s);

    /// <summary>dd/mm/yyyy (also with "-" or "."), or "31 dicembre 2019"; the date must exist in the calendar.</summary>
    private static bool ParseDate(string text, out DateOnly date, out string error)
    {
        date = default;
        int day;
        int month;
        int year;
        var numeric = NumericDate().Match(text);
        if (numeric.Success)
        {
            day = int.Parse(numeric.Groups["d"].Value, CultureInfo.InvariantCulture);
            month = int.Parse(numeric.Groups["m"].Value, CultureInfo.InvariantCulture);
            year = int.Parse(numeric.Groups["y"].Value, CultureInfo.InvariantCulture);
        }
        else
        {
            var named = NamedMonthDate().Match(text);
            if (!named.Success)
            {
                error = $"La data «{text}» non è riconosciuta: scriverla come gg/mm/aaaa, es. entro il 31/12/2019.";
                return false;
            }

            day = int.Parse(named.Groups["d"].Value, CultureInfo.InvariantCulture);
            month = Array.IndexOf(MonthNames, named.Groups["month"].Value.ToLowerInvariant()) + 1;
            year = int.Parse(named.Groups["y"].Value, CultureInfo.InvariantCulture);
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"La data «{text}» non esiste nel calendario: scrivere una data valida come gg/mm/aaaa, es. 31/12/2019.";
            return false;
        }

        date = new DateOnly(year, month, day);
        error = string.Empty;
        return true;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>"[prose] entro [il] date": the date is the rest of the text, an optional final period aside.</summary>
    [GeneratedRegex(@"^(?:(?<prose>.*?) )?entro (?:il |al |la )?(?<date>\d.*?)\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeadlinePattern();

    [GeneratedRegex(@"\bentro\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EntroWord();

    [GeneratedRegex(@"^(?<d>\d{1,2})(?<sep>[/.\-])(?<m>\d{1,2})\k<sep>(?<y>\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(
        @"^(?<d>\d{1,2}) (?<month>gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre) (?<y>\d{4})$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedMonthDate();

    [GeneratedRegex(@"^(?<cmp>>=|=>|<=|=<|≥|≤|>|<|=) ?(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ComparatorPattern();

    /// <summary>A sign ("+", "-", the minus sign "−" or a dash "–"), optionally followed by a space.</summary>
    [GeneratedRegex(@"^(?<sign>[+\-−–]) ?(?<body>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SignPattern();

    [GeneratedRegex(@"^(?<num>\d[\d.,]*)(?<suffix>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>Plain digits, or dot-separated thousands groups of exactly three digits; optional decimal comma.</summary>
    [GeneratedRegex(@"^(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidNumber();

    [GeneratedRegex(@"^(?<m>\d+) ?['’′](?: ?(?<s>\d{1,2}) ?(?:""|”|″|''|’’|′′)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex MinutesSecondsPattern();

    [GeneratedRegex(@"^(?<s>\d+) ?(?:""|”|″|''|’’|′′)$", RegexOptions.CultureInvariant)]
    private static partial Regex SecondsPattern();

    [GeneratedRegex(@"^['’′""”″]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MinuteOrSecondMark();
}

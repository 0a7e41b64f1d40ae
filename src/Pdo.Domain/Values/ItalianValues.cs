using System.Globalization;
using Pdo.Domain.Attainment;

namespace Pdo.Domain.Values;

/// <summary>The one parser and formatter of values as Italian users type and read them (it-IT).</summary>
public static class ItalianValues
{
    /// <summary>
    /// it-IT number formatting built explicitly (thousands ".", decimal ","), so the output never depends on the
    /// culture data installed on the machine.
    /// </summary>
    private static readonly NumberFormatInfo Italian = NumberFormatInfo.ReadOnly(new NumberFormatInfo
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
        PositiveSign = "+",
    });

    /// <summary>Parses what a user typed. Never throws; bad text gives an Italian error naming what was expected.</summary>
    public static ParseResult Parse(string? text) => ItalianValueParser.Parse(text);

    /// <summary>"1.003", "6,5", "-1,6": thousands with dot, decimal comma, at most <paramref name="maxDecimals"/> decimals, no trailing zeros.</summary>
    public static string FormatNumber(decimal value, int maxDecimals = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDecimals, 28);
        var rounded = Math.Round(value, maxDecimals, MidpointRounding.AwayFromZero);
        var pattern = maxDecimals == 0 ? "#,0" : "#,0." + new string('#', maxDecimals);
        return rounded.ToString(pattern, Italian);
    }

    /// <summary>A value in its kind: "91,1 %", "1'16\"", "3 minuti", "9,9 giorni", "1.003 km".</summary>
    public static string Format(decimal value, ValueKind kind, string? unit = null)
    {
        var text = kind switch
        {
            ValueKind.Number => FormatNumber(value),
            ValueKind.Percent => FormatNumber(value) + " %",
            ValueKind.Minutes => FormatMinutes(value),
            ValueKind.Days => Count(value, "giorno", "giorni"),
            ValueKind.YesNo => value != 0m ? "SI" : "NO",
            _ => throw new ArgumentOutOfRangeException(
                nameof(kind), kind, "A date (Deadline, Date) is formatted with FormatDate, not from a number."),
        };

        return string.IsNullOrWhiteSpace(unit) || kind == ValueKind.YesNo || IsImpliedBy(kind, unit)
            ? text
            : text + " " + unit.Trim();
    }

    /// <summary>A score as shown everywhere: one decimal, half away from zero, "91,1 %"; "—" when null.</summary>
    /// <remarks>A score below 100 never shows "100,0 %" (<see cref="AttainmentRules.RoundForDisplay"/>).</remarks>
    public static string FormatScore(decimal? score) =>
        score is decimal value ? FormatOneDecimal(AttainmentRules.RoundForDisplay(value)) + " %" : "—";

    /// <summary>
    /// A count with its noun in the right number, the one Italian plural rule of the portal: "1 obiettivo",
    /// "0 obiettivi", "2 giorni", "1.003 KPI rilevati" (only 1 takes the singular).
    /// </summary>
    public static string Count(decimal count, string singular, string plural)
    {
        ArgumentNullException.ThrowIfNull(singular);
        ArgumentNullException.ThrowIfNull(plural);
        return $"{FormatNumber(count)} {(count == 1m ? singular : plural)}";
    }

    /// <summary>"31/12/2019".</summary>
    public static string FormatDate(DateOnly date) =>
        date.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    /// <summary>"≥", "&gt;", "≤", "&lt;", "=".</summary>
    public static string FormatComparator(Comparator comparator) => comparator switch
    {
        Comparator.AtLeast => "≥",
        Comparator.GreaterThan => ">",
        Comparator.AtMost => "≤",
        Comparator.LessThan => "<",
        Comparator.EqualTo => "=",
        _ => throw new ArgumentOutOfRangeException(nameof(comparator), comparator, null),
    };

    /// <summary>Exactly one decimal, half away from zero: "80,0", "83,3", "100,0".</summary>
    internal static string FormatOneDecimal(decimal value) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("#,0.0", Italian);

    /// <summary>
    /// Whole minutes: "3 minuti" ("1 minuto"); otherwise minutes and seconds, <c>1'16"</c>, rounded to the second.
    /// </summary>
    private static string FormatMinutes(decimal minutes)
    {
        var totalSeconds = Math.Round(minutes * 60m, 0, MidpointRounding.AwayFromZero);
        if (totalSeconds % 60m == 0m)
        {
            var whole = totalSeconds / 60m;
            return Count(whole, "minuto", "minuti");
        }

        var sign = totalSeconds < 0 ? "-" : string.Empty;
        var absolute = Math.Abs(totalSeconds);
        var wholeMinutes = Math.Floor(absolute / 60m);
        var seconds = absolute - (wholeMinutes * 60m);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{sign}{FormatNumber(wholeMinutes, 0)}'{seconds:00}\"");
    }

    /// <summary>A unit label that only repeats what the kind already shows (e.g. "%" on a percentage) is not repeated.</summary>
    private static bool IsImpliedBy(ValueKind kind, string unit)
    {
        var u = unit.Trim().TrimEnd('.').ToLowerInvariant();
        return kind switch
        {
            ValueKind.Percent => u is "%" or "percento" or "per cento",
            ValueKind.Minutes => u is "min" or "minuti" or "minuto",
            ValueKind.Days => u is "gg" or "giorni" or "giorno",
            _ => false,
        };
    }
}

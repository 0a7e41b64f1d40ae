using Pdo.Domain.Attainment;

namespace Pdo.Domain.Values;

/// <summary>The one parser and formatter of values as Italian users type and read them (it-IT).</summary>
public static class ItalianValues
{
    /// <summary>Parses what a user typed. Never throws; bad text gives an Italian error naming what was expected.</summary>
    public static ParseResult Parse(string? text) => throw new NotImplementedException();

    /// <summary>"1.003", "6,5", "-1,6": thousands with dot, decimal comma, at most <paramref name="maxDecimals"/> decimals, no trailing zeros.</summary>
    public static string FormatNumber(decimal value, int maxDecimals = 2) => throw new NotImplementedException();

    /// <summary>A value in its kind: "91,1 %", "1'16\"", "3 minuti", "9,9 giorni", "1.003 km".</summary>
    public static string Format(decimal value, ValueKind kind, string? unit = null) => throw new NotImplementedException();

    /// <summary>A score as shown everywhere: one decimal, half away from zero, "91,1 %"; "—" when null.</summary>
    public static string FormatScore(decimal? score) => throw new NotImplementedException();

    /// <summary>"31/12/2019".</summary>
    public static string FormatDate(DateOnly date) => throw new NotImplementedException();

    /// <summary>"≥", "&gt;", "≤", "&lt;", "=".</summary>
    public static string FormatComparator(Comparator comparator) => throw new NotImplementedException();
}

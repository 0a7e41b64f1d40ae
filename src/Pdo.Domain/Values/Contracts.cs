using Pdo.Domain.Attainment;

namespace Pdo.Domain.Values;

/// <summary>What kind of value an Italian text turned out to be.</summary>
public enum ValueKind
{
    /// <summary>A plain number: <c>1.003</c>, <c>6,5</c>, <c>1 Mln</c>, <c>6,5 km</c>.</summary>
    Number,

    /// <summary>A percentage, stored in percent points: <c>91,1%</c> → 91.1.</summary>
    Percent,

    /// <summary>A duration in minutes: <c>1'16"</c> → 1.2667, <c>3 minuti</c> → 3.</summary>
    Minutes,

    /// <summary>A duration in days: <c>9,9 giorni</c> → 9.9.</summary>
    Days,

    /// <summary><c>SI</c> / <c>NO</c> (also <c>Sì</c>, <c>si</c>, <c>no</c>).</summary>
    YesNo,

    /// <summary>A deadline: <c>entro il 31/12/2019</c> (with or without a leading description).</summary>
    Deadline,

    /// <summary>A plain date: <c>15/11/2019</c>.</summary>
    Date,
}

/// <summary>
/// A value as an Italian user typed it, parsed. <see cref="Number"/> is set for Number, Percent, Minutes and Days;
/// <see cref="YesNo"/> for YesNo; <see cref="Date"/> for Deadline and Date. <see cref="Comparator"/> is set when the
/// text carried one (<c>&gt; 90%</c>, <c>≥ 1%</c>). <see cref="Text"/> is the input as written (trimmed).
/// </summary>
public sealed record ItalianValue(
    ValueKind Kind,
    string Text,
    decimal? Number = null,
    bool? YesNo = null,
    DateOnly? Date = null,
    Comparator? Comparator = null,
    string Unit = "");

/// <summary>The outcome of parsing: a value, or an Italian error message naming what was expected. Never throws.</summary>
public sealed record ParseResult(ItalianValue? Value, string? Error)
{
    public bool Succeeded => Value is not null;

    public static ParseResult Success(ItalianValue value) => new(value, null);

    public static ParseResult Failure(string error) => new(null, error);
}

using Pdo.Domain.Attainment;
using Pdo.Domain.Values;

namespace Pdo.Domain.Tests.Builders;

/// <summary>
/// Builds the <see cref="KpiSpec"/> of a test in the words of the plan: <c>KpiSpecBuilder.AtLeast(900).Build()</c>,
/// <c>KpiSpecBuilder.Reduction(-1.5m).InPercent().Build()</c>, <c>KpiSpecBuilder.DueBy(2019, 12, 31).Build()</c>.
/// Numeric KPIs default to the Proportional method, SI/NO and deadline KPIs to theirs, as in the plan format.
/// </summary>
public sealed class KpiSpecBuilder
{
    private KpiKind _kind = KpiKind.Numeric;
    private Direction _direction = Direction.HigherIsBetter;
    private Comparator _comparator = Comparator.AtLeast;
    private decimal? _target;
    private DateOnly? _deadline;
    private decimal? _baseline;
    private ScoringMethod _method = ScoringMethod.Proportional;
    private List<ScoreBand> _bands = [];
    private decimal? _penaltyPerDay;
    private string _unit = string.Empty;
    private ValueKind _valueKind = ValueKind.Number;

    /// <summary>Higher is better: "≥ target".</summary>
    public static KpiSpecBuilder AtLeast(decimal target) => Higher(Comparator.AtLeast, target);

    /// <summary>Higher is better: "&gt; target".</summary>
    public static KpiSpecBuilder GreaterThan(decimal target) => Higher(Comparator.GreaterThan, target);

    /// <summary>Lower is better: "≤ target".</summary>
    public static KpiSpecBuilder AtMost(decimal target) => Lower(Comparator.AtMost, target);

    /// <summary>Lower is better: "&lt; target".</summary>
    public static KpiSpecBuilder LessThan(decimal target) => Lower(Comparator.LessThan, target);

    /// <summary>A reduction: lower is better with a negative target (e.g. −1,5 %); met when actual ≤ target.</summary>
    public static KpiSpecBuilder Reduction(decimal target) => Lower(Comparator.AtMost, target);

    public static KpiSpecBuilder Higher(Comparator comparator, decimal target) =>
        new() { _direction = Direction.HigherIsBetter, _comparator = comparator, _target = target };

    public static KpiSpecBuilder Lower(Comparator comparator, decimal target) =>
        new() { _direction = Direction.LowerIsBetter, _comparator = comparator, _target = target };

    /// <summary>A SI/NO KPI, scored all or nothing.</summary>
    public static KpiSpecBuilder YesNo() =>
        new() { _kind = KpiKind.Boolean, _method = ScoringMethod.Threshold, _valueKind = ValueKind.YesNo };

    /// <summary>A KPI to be done "entro il dd/mm/yyyy", scored by deadline.</summary>
    public static KpiSpecBuilder DueBy(int year, int month, int day) => new()
    {
        _kind = KpiKind.Deadline,
        _method = ScoringMethod.Deadline,
        _deadline = new DateOnly(year, month, day),
        _valueKind = ValueKind.Deadline,
    };

    public KpiSpecBuilder WithBaseline(decimal baseline)
    {
        _baseline = baseline;
        return this;
    }

    public KpiSpecBuilder ScoredBy(ScoringMethod method)
    {
        _method = method;
        return this;
    }

    public KpiSpecBuilder AllOrNothing() => ScoredBy(ScoringMethod.Threshold);

    /// <summary>The Bands method with (minimum progress in percent points, score) pairs.</summary>
    public KpiSpecBuilder WithBands(params (decimal MinimumProgress, decimal Score)[] bands)
    {
        _method = ScoringMethod.Bands;
        _bands = bands.Select(b => new ScoreBand(b.MinimumProgress, b.Score)).ToList();
        return this;
    }

    /// <summary>The bands of attainment.md: ≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; else 0.</summary>
    public KpiSpecBuilder WithReportBands() => WithBands((100m, 100m), (90m, 80m), (75m, 50m));

    public KpiSpecBuilder WithPenaltyPerDay(decimal penalty)
    {
        _penaltyPerDay = penalty;
        return this;
    }

    public KpiSpecBuilder InPercent() => InKind(ValueKind.Percent);

    public KpiSpecBuilder InMinutes() => InKind(ValueKind.Minutes);

    public KpiSpecBuilder InKind(ValueKind kind)
    {
        _valueKind = kind;
        return this;
    }

    public KpiSpecBuilder InUnit(string unit)
    {
        _unit = unit;
        return this;
    }

    public KpiSpec Build() =>
        new(_kind, _direction, _comparator, _target, _deadline, _baseline, _method, _bands, _penaltyPerDay, _unit)
        {
            ValueKind = _valueKind,
        };
}

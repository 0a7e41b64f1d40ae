using Pdo.Domain.Values;

namespace Pdo.Domain.Attainment;

/// <summary>One band of the Bands method: from this minimum progress (in percent points, e.g. 90) the KPI scores <see cref="Score"/>.</summary>
public sealed record ScoreBand(decimal MinimumProgress, decimal Score);

/// <summary>Status thresholds of a plan: 100 is Raggiunto, from <see cref="PartiallyFrom"/> Parzialmente raggiunto, below Non raggiunto.</summary>
public sealed record StatusBands(decimal AchievedFrom = 100m, decimal PartiallyFrom = 80m)
{
    public static StatusBands Default { get; } = new();
}

/// <summary>Plan-level methodology settings used by the rule book.</summary>
public sealed record Methodology(LowerIsBetterFormula LowerIsBetter, StatusBands StatusBands)
{
    public static Methodology Default { get; } = new(LowerIsBetterFormula.Ratio, StatusBands.Default);
}

/// <summary>Everything the rule book needs to know about a KPI, free of persistence concerns.</summary>
public sealed record KpiSpec(
    KpiKind Kind,
    Direction Direction,
    Comparator Comparator,
    decimal? Target,
    DateOnly? Deadline,
    decimal? Baseline,
    ScoringMethod Method,
    IReadOnlyList<ScoreBand> Bands,
    decimal? PenaltyPerDay,
    string Unit = "")
{
    /// <summary>
    /// Optional: how the KPI's values read (Number, Percent, Minutes, Days), used only to write the explanation
    /// ("91,1 %", 1'16"). Defaults to <see cref="Values.ValueKind.Number"/> with <see cref="Unit"/> as label.
    /// </summary>
    public ValueKind ValueKind { get; init; } = ValueKind.Number;
}

/// <summary>
/// A measured actual. <see cref="Value"/> for numeric KPIs; <see cref="Done"/> for boolean and deadline KPIs
/// (SI/NO); <see cref="CompletionDate"/> for deadline KPIs when the completion date is known.
/// A missing measurement (null) means the KPI is Non rilevato.
/// </summary>
public sealed record Measurement(decimal? Value, bool? Done, DateOnly? CompletionDate)
{
    public static Measurement Number(decimal value) => new(value, null, null);
    public static Measurement YesNo(bool done) => new(null, done, null);
    public static Measurement CompletedOn(DateOnly date) => new(null, true, date);
}

/// <summary>One labelled input of an explanation, already formatted in Italian (e.g. "Target" → "≥ 70 %").</summary>
public sealed record ExplanationInput(string Label, string Value);

/// <summary>
/// Why a score is what it is, in Italian, ready for the "Come è calcolato" panel:
/// the method, the formula with the numbers substituted, the inputs and the methodology applied.
/// </summary>
public sealed record Explanation(
    string Method,
    string Formula,
    IReadOnlyList<ExplanationInput> Inputs,
    string Methodology,
    string Summary);

/// <summary>
/// The score of one KPI: 0–100 unrounded (null when not measured) with its status and explanation. The numbers are
/// decided when the KPI is scored; the <see cref="Explanation"/> is written by the same scoring code, but only when it is
/// first read (most readers keep only score and status), once, safely across threads.
/// </summary>
public sealed record KpiAttainment
{
    private readonly Lazy<Explanation> _explanation;

    public KpiAttainment(decimal? Score, AttainmentStatus Status, bool Met, decimal? Progress, Explanation Explanation)
        : this(Score, Status, Met, Progress, DeferredExplanation.Of(Explanation))
    {
    }

    /// <summary>An attainment whose explanation <paramref name="explain"/> writes when it is first read.</summary>
    internal KpiAttainment(decimal? score, AttainmentStatus status, bool met, decimal? progress, Func<Explanation> explain)
        : this(score, status, met, progress, DeferredExplanation.From(explain))
    {
    }

    private KpiAttainment(decimal? score, AttainmentStatus status, bool met, decimal? progress, Lazy<Explanation> explanation)
    {
        Score = score;
        Status = status;
        Met = met;
        Progress = progress;
        _explanation = explanation;
    }

    public decimal? Score { get; init; }

    public AttainmentStatus Status { get; init; }

    public bool Met { get; init; }

    public decimal? Progress { get; init; }

    /// <summary>Why the score is what it is, written on first read.</summary>
    public Explanation Explanation
    {
        get => _explanation.Value;
        init => _explanation = DeferredExplanation.Of(value);
    }

    /// <summary>Whether <see cref="Explanation"/> has been written yet (tests of the rule book's laziness).</summary>
    internal bool IsExplanationWritten => _explanation.IsValueCreated;

    public bool IsMeasured => Score.HasValue;

    /// <summary>The approved override that replaced the computed score (docs/attainment.md, "Forzature"), or null.</summary>
    public ApprovedOverride? Override { get; init; }

    /// <summary>The rule book's own attainment when an override replaced it, else null (then this is the computed one).</summary>
    public KpiAttainment? Computed { get; init; }

    public bool IsOverridden => Override is not null;

    /// <summary>The score the rule book computed from the result (null when not measured), whether or not overridden.</summary>
    public decimal? ComputedScore => Computed is null ? Score : Computed.Score;

    /// <summary>The approved override's score, or null.</summary>
    public decimal? OverrideScore => Override?.Score;

    public void Deconstruct(out decimal? Score, out AttainmentStatus Status, out bool Met, out decimal? Progress, out Explanation Explanation)
    {
        Score = this.Score;
        Status = this.Status;
        Met = this.Met;
        Progress = this.Progress;
        Explanation = this.Explanation;
    }

    /// <summary>Value equality as before the explanation became lazy: equal values and equal explanations.</summary>
    public bool Equals(KpiAttainment? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Score == other.Score
            && Status == other.Status
            && Met == other.Met
            && Progress == other.Progress
            && Equals(Override, other.Override)
            && Equals(Computed, other.Computed)
            && DeferredExplanation.Equal(_explanation, other._explanation));

    /// <summary>Hashes the values only, so that hashing writes no explanation (equal attainments still hash alike).</summary>
    public override int GetHashCode() => HashCode.Combine(Score, Status, Met, Progress, Override, Computed);
}

/// <summary>
/// An override approved by the OIV (docs/attainment.md, "Forzature"): the score that replaces the computed one, why,
/// who approved it and when, with the decision's note.
/// </summary>
public sealed record ApprovedOverride(decimal Score, string Reason, string ApprovedBy, DateTimeOffset ApprovedAt, string Note)
{
    /// <summary>
    /// Who decides an override, as every published output names it (explanation, pages, PDF, open data, API): the body,
    /// never the person (<see cref="ApprovedBy"/> stays on the internal overrides list, the history and the export).
    /// </summary>
    public const string Decider = "OIV / Nucleo di Valutazione";
}

/// <summary>An item entering a weighted mean: a KPI inside an objective, or an objective inside an area.</summary>
public sealed record WeightedScore(string Label, decimal? Score, decimal Weight, int MeasuredKpis, int TotalKpis);

/// <summary>
/// A roll-up (objective, area, section, Direzione, plan) with its coverage: MeasuredKpis of TotalKpis. As for
/// <see cref="KpiAttainment"/>, the numbers are decided at once and the <see cref="Explanation"/> is written on first read.
/// </summary>
public sealed record AggregateAttainment
{
    private readonly Lazy<Explanation> _explanation;

    public AggregateAttainment(decimal? Score, AttainmentStatus Status, int MeasuredKpis, int TotalKpis, Explanation Explanation)
        : this(Score, Status, MeasuredKpis, TotalKpis, DeferredExplanation.Of(Explanation))
    {
    }

    /// <summary>A roll-up whose explanation <paramref name="explain"/> writes when it is first read.</summary>
    internal AggregateAttainment(decimal? score, AttainmentStatus status, int measuredKpis, int totalKpis, Func<Explanation> explain)
        : this(score, status, measuredKpis, totalKpis, DeferredExplanation.From(explain))
    {
    }

    private AggregateAttainment(decimal? score, AttainmentStatus status, int measuredKpis, int totalKpis, Lazy<Explanation> explanation)
    {
        Score = score;
        Status = status;
        MeasuredKpis = measuredKpis;
        TotalKpis = totalKpis;
        _explanation = explanation;
    }

    public decimal? Score { get; init; }

    public AttainmentStatus Status { get; init; }

    public int MeasuredKpis { get; init; }

    public int TotalKpis { get; init; }

    /// <summary>How the mean was computed, written on first read.</summary>
    public Explanation Explanation
    {
        get => _explanation.Value;
        init => _explanation = DeferredExplanation.Of(value);
    }

    /// <summary>Whether <see cref="Explanation"/> has been written yet (tests of the rule book's laziness).</summary>
    internal bool IsExplanationWritten => _explanation.IsValueCreated;

    public bool IsMeasured => Score.HasValue;

    public void Deconstruct(out decimal? Score, out AttainmentStatus Status, out int MeasuredKpis, out int TotalKpis, out Explanation Explanation)
    {
        Score = this.Score;
        Status = this.Status;
        MeasuredKpis = this.MeasuredKpis;
        TotalKpis = this.TotalKpis;
        Explanation = this.Explanation;
    }

    /// <summary>Value equality as before the explanation became lazy: equal values and equal explanations.</summary>
    public bool Equals(AggregateAttainment? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Score == other.Score
            && Status == other.Status
            && MeasuredKpis == other.MeasuredKpis
            && TotalKpis == other.TotalKpis
            && DeferredExplanation.Equal(_explanation, other._explanation));

    /// <summary>Hashes the values only, so that hashing writes no explanation (equal roll-ups still hash alike).</summary>
    public override int GetHashCode() => HashCode.Combine(Score, Status, MeasuredKpis, TotalKpis);
}

/// <summary>An attainment's explanation, given or written on first read by the scoring code (once, across threads).</summary>
internal static class DeferredExplanation
{
    public static Lazy<Explanation> Of(Explanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        return new Lazy<Explanation>(explanation);
    }

    public static Lazy<Explanation> From(Func<Explanation> explain)
    {
        ArgumentNullException.ThrowIfNull(explain);
        return new Lazy<Explanation>(explain, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Two explanations are equal when they are the same one (nothing is written) or equal once written.</summary>
    public static bool Equal(Lazy<Explanation> a, Lazy<Explanation> b) => ReferenceEquals(a, b) || a.Value.Equals(b.Value);
}

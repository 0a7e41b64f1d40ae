using Pdo.Domain.Attainment;
using Pdo.Domain.Values;

namespace Pdo.Domain.Plans;

/// <summary>
/// The editable definition of a KPI. <see cref="TargetText"/> is the target as written in the plan (shown in the
/// report); <see cref="TargetValue"/> / <see cref="Deadline"/> are what it means for the rule book.
/// <see cref="ValueKind"/> says how values are read and shown (Number, Percent, Minutes, Days, YesNo, Deadline).
/// </summary>
public sealed record KpiDefinition(
    string Code,
    string Name,
    string? Group,
    KpiKind Kind,
    ValueKind ValueKind,
    string? Unit,
    Direction Direction,
    Comparator Comparator,
    string TargetText,
    decimal? TargetValue,
    DateOnly? Deadline,
    decimal? Baseline,
    decimal Weight,
    ScoringMethod Method,
    IReadOnlyList<ScoreBand>? Bands = null,
    decimal? PenaltyPerDay = null);

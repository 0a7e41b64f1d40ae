using Pdo.Domain.Attainment;
using Pdo.Domain.Values;

namespace Pdo.Domain.Plans;

/// <summary>What a person (or a plan file) says about a KPI: the target as written and what it means, plus optional overrides.</summary>
public sealed record KpiDraft(
    string Code,
    string Name,
    string? Group,
    string TargetText,
    ItalianValue? Target,
    ItalianValue? Baseline,
    string? Unit,
    decimal Weight,
    KpiKind? Kind = null,
    ValueKind? ValueKind = null,
    Direction? Direction = null,
    Comparator? Comparator = null,
    ScoringMethod? Method = null,
    IReadOnlyList<ScoreBand>? Bands = null,
    decimal? PenaltyPerDay = null);

/// <summary>
/// Completes a KPI definition from its target as written (docs/plan-format.md): a deadline makes a deadline KPI,
/// SI/NO a yes/no KPI, anything else a numeric one; the value kind, direction, comparator and scoring method follow
/// from the target unless given. One rule for the plan importer and the browser forms.
/// </summary>
public static class KpiDefinitionInference
{
    public static KpiDefinition Infer(KpiDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var target = draft.Target;
        var kind = draft.Kind ?? target?.Kind switch
        {
            Values.ValueKind.Deadline or Values.ValueKind.Date => KpiKind.Deadline,
            Values.ValueKind.YesNo => KpiKind.Boolean,
            _ => KpiKind.Numeric,
        };
        var valueKind = draft.ValueKind ?? kind switch
        {
            KpiKind.Deadline => Values.ValueKind.Deadline,
            KpiKind.Boolean => Values.ValueKind.YesNo,
            _ => target?.Kind ?? Values.ValueKind.Number,
        };
        var writtenComparator = draft.Comparator ?? target?.Comparator;
        if (draft.Direction is null && kind == KpiKind.Numeric && IsDirectionAmbiguous(writtenComparator, valueKind, target?.Number))
        {
            throw new DomainRuleException(
                $"KPI «{draft.Code}» ({draft.Name}): dal target «{draft.TargetText}» non si capisce se è meglio un valore più alto o più basso " +
                "(tempi, durate e target 0 senza comparatore). Indicare l'andamento («maggiore è meglio» o «minore è meglio») " +
                "oppure scrivere il comparatore nel target, es. «<= 3 minuti».");
        }

        var direction = draft.Direction ?? writtenComparator switch
        {
            Attainment.Comparator.AtMost or Attainment.Comparator.LessThan => Attainment.Direction.LowerIsBetter,
            Attainment.Comparator.AtLeast or Attainment.Comparator.GreaterThan or Attainment.Comparator.EqualTo => Attainment.Direction.HigherIsBetter,
            _ => target?.Number < 0 ? Attainment.Direction.LowerIsBetter : Attainment.Direction.HigherIsBetter,
        };
        var comparator = draft.Comparator ?? target?.Comparator
            ?? (direction == Attainment.Direction.LowerIsBetter ? Attainment.Comparator.AtMost : Attainment.Comparator.AtLeast);
        var method = draft.Method ?? kind switch
        {
            KpiKind.Numeric => ScoringMethod.Proportional,
            KpiKind.Boolean => ScoringMethod.Threshold,
            _ => ScoringMethod.Deadline,
        };

        return new KpiDefinition(
            draft.Code,
            draft.Name,
            draft.Group,
            kind,
            valueKind,
            draft.Unit ?? (string.IsNullOrEmpty(target?.Unit) ? null : target.Unit),
            direction,
            comparator,
            draft.TargetText,
            kind == KpiKind.Numeric ? target?.Number : null,
            kind == KpiKind.Deadline ? target?.Date : null,
            draft.Baseline?.Number,
            draft.Weight,
            method,
            draft.Bands,
            draft.PenaltyPerDay);
    }

    /// <summary>
    /// Whether a numeric target without comparator reads both ways (attainment.md, "Direction"): a duration ("3 minuti",
    /// "9,9 giorni": a time is usually better lower, a period of service better higher) or a zero target ("0" incidents).
    /// </summary>
    public static bool IsDirectionAmbiguous(Attainment.Comparator? comparator, Values.ValueKind valueKind, decimal? target) =>
        comparator is null && (valueKind is Values.ValueKind.Minutes or Values.ValueKind.Days || target == 0m);
}

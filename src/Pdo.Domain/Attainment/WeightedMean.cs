using static Pdo.Domain.Attainment.AttainmentText;

namespace Pdo.Domain.Attainment;

/// <summary>
/// Roll-ups (attainment.md, "Aggregation"): the weighted mean of the measured items' unrounded scores; items that
/// are Non rilevato are left out of the mean but counted in the coverage.
/// </summary>
internal static class WeightedMean
{
    private const string MethodName = "Media ponderata";

    /// <summary>Above this many terms the formula is written with sums instead of listing every term.</summary>
    private const int MaxTermsInFormula = 12;

    public static AggregateAttainment Of(string scope, IReadOnlyCollection<WeightedScore> items, Methodology methodology)
    {
        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentException("An aggregate cannot contain a null item.", nameof(items));
            }

            if (item.Weight < 0m)
            {
                throw new ArgumentOutOfRangeException(nameof(items), item.Weight, $"The weight of «{item.Label}» is negative.");
            }
        }

        var measuredKpis = items.Sum(i => i.MeasuredKpis);
        var totalKpis = items.Sum(i => i.TotalKpis);
        var coverage = Coverage(measuredKpis, totalKpis);
        // Up to MaxTermsInFormula items each is listed; a larger roll-up (a plan of 2.000 objectives) is summarised,
        // so that explaining it costs the same whatever its size.
        var inputs = items.Count <= MaxTermsInFormula
            ? items
                .Select(i => new ExplanationInput(
                    i.Label,
                    i.Score is decimal s
                        ? $"{Percent(s)}, peso {Number(i.Weight)}"
                        : $"non rilevato, peso {Number(i.Weight)} (escluso dalla media)"))
                .Append(new ExplanationInput("Copertura", coverage))
                .ToList()
            : [
                new ExplanationInput("Elementi", $"{Number(items.Count)}, di cui {Number(items.Count(i => i.Score.HasValue))} con punteggio"),
                new ExplanationInput("Copertura", coverage),
            ];
        var rules = Sentences(
            "Media ponderata dei punteggi non arrotondati: Σ (punteggio × peso) / Σ pesi",
            "Gli elementi non rilevati sono esclusi dalla media e indicati nella copertura",
            StatusBandsText(methodology.StatusBands));
        var prefix = string.IsNullOrWhiteSpace(scope) ? string.Empty : scope.Trim() + ": ";

        var measured = items.Where(i => i.Score.HasValue).ToList();
        if (measured.Count == 0)
        {
            return NotMeasured(
                "nessun elemento rilevato: media non calcolabile",
                $"{prefix}Non rilevato, nessun elemento ha ancora un punteggio ({coverage}).");
        }

        var totalWeight = measured.Sum(i => i.Weight);
        if (totalWeight == 0m)
        {
            return NotMeasured(
                "pesi a zero: la somma dei pesi degli elementi rilevati è 0, media non calcolabile",
                $"{prefix}Non rilevato, gli elementi rilevati hanno pesi a zero ({coverage}).");
        }

        var weightedSum = measured.Sum(i => i.Score!.Value * i.Weight);
        var score = weightedSum / totalWeight;
        var formula = measured.Count <= MaxTermsInFormula
            ? $"({string.Join(" + ", measured.Select(i => $"{ItemScore(i.Score!.Value)} × {Number(i.Weight)}"))}) / {Number(totalWeight)} = {Percent(score)}"
            : $"Σ (punteggio × peso) / Σ pesi = {ItemScore(weightedSum)} / {Number(totalWeight)} = {Percent(score)}";
        var status = AttainmentRules.StatusOf(score, methodology.StatusBands);
        return new AggregateAttainment(
            score,
            status,
            measuredKpis,
            totalKpis,
            new Explanation(MethodName, formula, inputs, rules, $"{prefix}{StatusLabel(status)} ({Percent(score)}), {coverage}."));

        AggregateAttainment NotMeasured(string why, string summary) => new(
            null,
            AttainmentStatus.NotMeasured,
            measuredKpis,
            totalKpis,
            new Explanation(MethodName, why, inputs, rules, summary));
    }

    /// <summary>A term of the formula: "100", "50", "83,3".</summary>
    private static string ItemScore(decimal score) => Operand(Math.Round(score, 1, MidpointRounding.AwayFromZero));
}

using Pdo.Domain.Values;
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

        int measuredKpis = 0, totalKpis = 0, measuredItems = 0;
        decimal totalWeight = 0m, weightedSum = 0m;
        foreach (var item in items)
        {
            measuredKpis += item.MeasuredKpis;
            totalKpis += item.TotalKpis;
            if (item.Score is decimal itemScore)
            {
                measuredItems++;
                totalWeight += item.Weight;
                weightedSum += itemScore * item.Weight;
            }
        }

        // The explanation keeps the items it lists (up to MaxTermsInFormula), copied; a larger roll-up keeps its sums only.
        var mean = new Mean(
            scope,
            items.Count <= MaxTermsInFormula ? [.. items] : null,
            items.Count,
            measuredItems,
            measuredKpis,
            totalKpis,
            totalWeight,
            weightedSum,
            measuredItems == 0 || totalWeight == 0m ? null : weightedSum / totalWeight);
        var status = AttainmentRules.StatusOf(mean.Score, methodology.StatusBands);
        return new AggregateAttainment(mean.Score, status, measuredKpis, totalKpis, () => Explain(mean, status, methodology));
    }

    /// <summary>The numbers of a mean, decided when it is computed, that its explanation writes out.</summary>
    private sealed record Mean(
        string Scope,
        IReadOnlyList<WeightedScore>? Listed,
        int Items,
        int MeasuredItems,
        int MeasuredKpis,
        int TotalKpis,
        decimal TotalWeight,
        decimal WeightedSum,
        decimal? Score);

    private static Explanation Explain(Mean mean, AttainmentStatus status, Methodology methodology)
    {
        var (scope, items, itemCount, measuredItems, measuredKpis, totalKpis, totalWeight, weightedSum, score) = mean;
        var measured = items?.Where(i => i.Score.HasValue).ToList();
        var coverage = Coverage(measuredKpis, totalKpis);
        var decimals = score is decimal unrounded ? TermDecimals(measured, weightedSum, totalWeight, unrounded) : 1;

        // Up to MaxTermsInFormula items each is listed; a larger roll-up (a plan of 2.000 objectives) is summarised,
        // so that explaining it costs the same whatever its size.
        var inputs = items is not null
            ? items
                .Select(i => new ExplanationInput(
                    i.Label,
                    i.Score is decimal s
                        ? $"{(decimals == 1 ? Percent(s) : Term(s, decimals) + " %")}, peso {Number(i.Weight)}"
                        : $"non rilevato, peso {Number(i.Weight)} (escluso dalla media)"))
                .Append(new ExplanationInput("Copertura", coverage))
                .ToList()
            : [
                new ExplanationInput("Elementi", $"{Number(itemCount)}, di cui {Number(measuredItems)} con punteggio"),
                new ExplanationInput("Copertura", coverage),
            ];
        var rules = Sentences(
            "Media ponderata dei punteggi non arrotondati: Σ (punteggio × peso) / Σ pesi",
            "I termini sono scritti con i decimali che servono a rifare il calcolo a mano",
            "Gli elementi non rilevati sono esclusi dalla media e indicati nella copertura",
            "Sotto la copertura piena la media è provvisoria",
            StatusBandsText(methodology.StatusBands));
        var prefix = string.IsNullOrWhiteSpace(scope) ? string.Empty : scope.Trim() + ": ";

        if (measuredItems == 0)
        {
            return new Explanation(
                MethodName,
                "nessun elemento rilevato: media non calcolabile",
                inputs,
                rules,
                $"{prefix}Non rilevato, nessun elemento ha ancora un punteggio ({coverage}).");
        }

        if (score is not decimal value)
        {
            return new Explanation(
                MethodName,
                "pesi a zero: la somma dei pesi degli elementi rilevati è 0, media non calcolabile",
                inputs,
                rules,
                $"{prefix}Non rilevato, gli elementi rilevati hanno pesi a zero ({coverage}).");
        }

        var formula = (measured is not null
            ? $"({string.Join(" + ", measured.Select(i => $"{Operand(Math.Round(i.Score!.Value, decimals, MidpointRounding.AwayFromZero), decimals)} × {Number(i.Weight)}"))}) / {Number(totalWeight)}"
            : $"Σ (punteggio × peso) / Σ pesi = {Operand(Math.Round(weightedSum, decimals, MidpointRounding.AwayFromZero), decimals)} / {Number(totalWeight)}")
            + Result(value);
        var headline = AttainmentRules.IsProvisional(value, measuredKpis, totalKpis)
            ? $"{prefix}{AttainmentRules.ProvisionalLabel} ({Percent(value)}), {coverage}: la media riguarda solo i KPI rilevati."
            : $"{prefix}{StatusLabel(status)} ({Percent(value)}), {coverage}.";
        return new Explanation(MethodName, formula, inputs, rules, headline);
    }

    /// <summary>
    /// The fewest decimals (1 to 4) with which the terms, rounded as written, give by hand the same one-decimal result
    /// as the unrounded mean: (75,05 × 3 + 62,5 × 1) / 4 rather than (75,1 × 3 + 62,5 × 1) / 4, which gives 72,0; a term
    /// below 100 is never written as 100. <paramref name="listedTerms"/>: the measured items when the formula lists them,
    /// else null (then the formula writes the rounded weighted sum).
    /// </summary>
    private static int TermDecimals(IReadOnlyList<WeightedScore>? listedTerms, decimal weightedSum, decimal totalWeight, decimal score)
    {
        var expected = Math.Round(score, 1, MidpointRounding.AwayFromZero);
        for (var decimals = 1; decimals < MaxTermDecimals; decimals++)
        {
            var numerator = listedTerms is not null
                ? listedTerms.Sum(i => Math.Round(i.Score!.Value, decimals, MidpointRounding.AwayFromZero) * i.Weight)
                : Math.Round(weightedSum, decimals, MidpointRounding.AwayFromZero);
            var termsBelowFullStayBelow = listedTerms is null
                || listedTerms.All(i => i.Score >= 100m || Math.Round(i.Score!.Value, decimals, MidpointRounding.AwayFromZero) < 100m);
            if (termsBelowFullStayBelow && Math.Round(numerator / totalWeight, 1, MidpointRounding.AwayFromZero) == expected)
            {
                return decimals;
            }
        }

        return MaxTermDecimals;
    }

    /// <summary>"= 83,3 %"; a mean below 100 that would round to 100,0 says so: "= 99,95 → 99,9 % (…)".</summary>
    private static string Result(decimal score) =>
        Math.Round(score, 1, MidpointRounding.AwayFromZero) == AttainmentRules.RoundForDisplay(score)
            ? $" = {Percent(score)}"
            : $" = {Number(score)} → {Percent(score)} (non pienamente raggiunto: sotto 100 non si mostra mai 100,0)";

    /// <summary>A term of the formula with the given decimals and no trailing zeros: "100", "75,05", "83,3".</summary>
    private static string Term(decimal score, int decimals) => ItalianValues.FormatNumber(score, decimals);

    /// <summary>A term inside the formula: negatives in parentheses.</summary>
    private static string Operand(decimal value, int decimals) => value < 0 ? $"({Term(value, decimals)})" : Term(value, decimals);

    private const int MaxTermDecimals = 4;
}

using Pdo.Domain.Values;
using static Pdo.Domain.Attainment.AttainmentText;

namespace Pdo.Domain.Attainment;

/// <summary>
/// Scores one KPI (attainment.md, "Scoring methods") and writes the explanation of the score. Scores are unrounded;
/// a result that is not met never reaches 100 (at most 99,9). Each branch decides the numbers at once and hands the
/// attainment the function that writes its texts, run only when the explanation is first read.
/// </summary>
/// <remarks>
/// Edge cases decided here: <see cref="KpiAttainment.Progress"/> is in percent points and unclamped (null when the
/// progress is undefined, and for SI/NO and deadline KPIs); a measurement that does not fit the KPI kind (SI for a
/// numeric KPI, a number for a SI/NO KPI) is Non rilevato with an explanation rather than an exception; a numeric KPI
/// with the Deadline method is scored all or nothing; a late completion with penalty 0 scores 99,9, not 100.
/// </remarks>
internal static class KpiScoring
{
    private const decimal Full = 100m;
    private const decimal NotMetCeiling = 99.9m;

    public static KpiAttainment Score(KpiSpec kpi, Measurement? measurement, Methodology methodology)
    {
        if (measurement is null || (measurement.Value is null && measurement.Done is null && measurement.CompletionDate is null))
        {
            return NotMeasured(
                kpi,
                methodology,
                "nessun valore raggiunto: punteggio non calcolato",
                static () => "nessun valore raggiunto inserito; il KPI è escluso dalle medie");
        }

        return kpi.Kind switch
        {
            KpiKind.Boolean => ScoreBoolean(kpi, measurement, methodology),
            KpiKind.Deadline => ScoreDeadline(kpi, measurement, methodology),
            _ => ScoreNumeric(kpi, measurement, methodology),
        };
    }

    private static KpiAttainment ScoreNumeric(KpiSpec kpi, Measurement measurement, Methodology methodology)
    {
        if (measurement.Value is not decimal actual)
        {
            return Incompatible(kpi, methodology, "un valore numerico, es. 1.003, 91,1% o 1'16\"");
        }

        if (kpi.Target is not decimal target)
        {
            return NotMeasured(
                kpi,
                methodology,
                "target non definito: punteggio non calcolato",
                static () => "il KPI non ha un valore di target, quindi non può essere valutato");
        }

        var satisfied = Satisfies(actual, kpi.Comparator, target);
        var progress = Progress.Of(kpi, actual, target, methodology.LowerIsBetter);

        if (kpi.Method is not (ScoringMethod.Proportional or ScoringMethod.Bands))
        {
            // Threshold (a numeric KPI cannot be scored by deadline: it is read as all-or-nothing too).
            return Scored(
                kpi,
                methodology,
                satisfied ? Full : 0m,
                satisfied,
                progress.Percent,
                () => new(
                    satisfied
                        ? $"{Comparison(kpi, actual, target)} → raggiunto: 100 %"
                        : $"{Comparison(kpi, actual, target)} non soddisfatto → non raggiunto: 0 %",
                    NumericInputs(kpi, actual, target, null),
                    "Tutto o niente: 100 se il valore soddisfa il target, altrimenti 0",
                    ValueDetail(kpi, actual, target, satisfied)));
        }

        var bands = kpi.Method == ScoringMethod.Bands ? OrderedBands(kpi) : null;
        if (satisfied || progress.CountsAsMet)
        {
            return Scored(
                kpi,
                methodology,
                Full,
                true,
                progress.Percent,
                () => new(
                    $"{(satisfied ? Comparison(kpi, actual, target) : progress.Formula)} → raggiunto: 100 %",
                    NumericInputs(kpi, actual, target, bands),
                    NumericRules(progress, bands),
                    ValueDetail(kpi, actual, target, true)));
        }

        if (progress.Percent is not decimal percent)
        {
            return Scored(
                kpi,
                methodology,
                0m,
                false,
                null,
                () => new(
                    $"{Comparison(kpi, actual, target)} non soddisfatto; {progress.Formula} → punteggio 0",
                    NumericInputs(kpi, actual, target, bands),
                    NumericRules(progress, bands),
                    $"{ValueDetail(kpi, actual, target, false)} e il progresso non è definito"));
        }

        return bands is null
            ? Proportional(kpi, methodology, actual, target, percent, progress)
            : Banded(kpi, methodology, actual, target, percent, bands, progress);
    }

    private static KpiAttainment Proportional(
        KpiSpec kpi,
        Methodology methodology,
        decimal actual,
        decimal target,
        decimal percent,
        Progress progress)
    {
        var score = Math.Clamp(percent, 0m, NotMetCeiling);
        return Scored(kpi, methodology, score, false, percent, () =>
        {
            var note = percent > NotMetCeiling
                ? " (non raggiunto: al massimo 99,9)"
                : percent < 0m ? " (il punteggio non scende sotto 0)" : string.Empty;
            var notMetDetail = ValueDetail(kpi, actual, target, false);
            return new(
                $"{progress.Formula} → punteggio {OneDecimal(score)}{note}",
                NumericInputs(kpi, actual, target, null),
                NumericRules(progress, null),
                percent > NotMetCeiling ? $"{notMetDetail}; un risultato non raggiunto non mostra mai 100" : notMetDetail);
        });
    }

    private static KpiAttainment Banded(
        KpiSpec kpi,
        Methodology methodology,
        decimal actual,
        decimal target,
        decimal percent,
        IReadOnlyList<ScoreBand> bands,
        Progress progress)
    {
        var band = bands.FirstOrDefault(b => b.MinimumProgress <= percent);
        if (band is null)
        {
            return Scored(
                kpi,
                methodology,
                0m,
                false,
                percent,
                () => new(
                    $"{progress.Formula} → nessuna fascia raggiunta → punteggio 0",
                    NumericInputs(kpi, actual, target, bands),
                    NumericRules(progress, bands),
                    $"{ValueDetail(kpi, actual, target, false)} e il progresso è sotto la fascia più bassa"));
        }

        var capped = band.Score > NotMetCeiling;
        var score = Math.Clamp(band.Score, 0m, NotMetCeiling);
        return Scored(kpi, methodology, score, false, percent, () =>
        {
            var formula = $"{progress.Formula} → fascia ≥ {Number(band.MinimumProgress)} %: {Number(band.Score)}"
                + (capped ? $" → punteggio {OneDecimal(score)} (non raggiunto: al massimo 99,9)" : $" → punteggio {OneDecimal(score)}");
            var notMetDetail = ValueDetail(kpi, actual, target, false);
            var detail = capped
                ? $"{notMetDetail}; la fascia vale {Number(band.Score)}, ma un risultato non raggiunto non mostra mai 100"
                : notMetDetail;
            return new(formula, NumericInputs(kpi, actual, target, bands), NumericRules(progress, bands), detail);
        });
    }

    /// <summary>Target, actual, baseline (when there is one), direction and, for the Bands method, the bands.</summary>
    private static List<ExplanationInput> NumericInputs(KpiSpec kpi, decimal actual, decimal target, IReadOnlyList<ScoreBand>? bands)
    {
        var inputs = new List<ExplanationInput>
        {
            new("Target", TargetText(kpi)),
            new("Valore raggiunto", Value(kpi, actual)),
        };
        if (kpi.Baseline is decimal baseline)
        {
            inputs.Add(new("Valore di partenza", Value(kpi, baseline)));
        }

        inputs.Add(new("Andamento", DirectionText(kpi, target)));
        if (bands is not null)
        {
            inputs.Add(new("Fasce", BandsText(bands)));
        }

        return inputs;
    }

    private static string NumericRules(Progress progress, IReadOnlyList<ScoreBand>? bands) =>
        bands is null ? progress.Rule : $"{progress.Rule}. Fasce: {BandsText(bands)}";

    /// <summary>"91,1 ≥ 70": the actual compared with the target.</summary>
    private static string Comparison(KpiSpec kpi, decimal actual, decimal target) =>
        $"{Compared(kpi, actual)} {Symbol(kpi.Comparator)} {Compared(kpi, target)}";

    /// <summary>"il valore 91,1 % soddisfa il target ≥ 70 %" (or «non soddisfa»).</summary>
    private static string ValueDetail(KpiSpec kpi, decimal actual, decimal target, bool satisfied) =>
        $"il valore {Value(kpi, actual)} {(satisfied ? "soddisfa" : "non soddisfa")} il target {Symbol(kpi.Comparator)} {Value(kpi, target)}";

    private static KpiAttainment ScoreBoolean(KpiSpec kpi, Measurement measurement, Methodology methodology)
    {
        if (measurement.Done is not bool done)
        {
            return Incompatible(kpi, methodology, "SI oppure NO");
        }

        return Scored(
            kpi,
            methodology,
            done ? Full : 0m,
            done,
            null,
            () => new(
                done ? "SI → raggiunto: 100 %" : "NO → non raggiunto: 0 %",
                [new("Target", "SI"), new("Valore raggiunto", done ? "SI" : "NO")],
                "Tutto o niente: SI vale 100, NO vale 0",
                done ? "il risultato è stato conseguito (SI)" : "il risultato non è stato conseguito (NO)"));
    }

    private static KpiAttainment ScoreDeadline(KpiSpec kpi, Measurement measurement, Methodology methodology)
    {
        var done = measurement.Done ?? (measurement.CompletionDate is null ? null : true);
        if (done is null)
        {
            return Incompatible(kpi, methodology, "SI, NO oppure la data di completamento, es. 15/11/2019");
        }

        var allOrNothing = kpi.Method == ScoringMethod.Threshold;
        var completed = measurement.CompletionDate;
        if (done == false)
        {
            return Deadline(0m, false, static () => "NO → non completato: 0 %", static () => "non completato");
        }

        if (kpi.Deadline is not DateOnly deadline)
        {
            return Deadline(Full, true, static () => "completato, nessuna scadenza indicata → raggiunto: 100 %", static () => "completato");
        }

        if (completed is not DateOnly completion)
        {
            return Deadline(
                Full,
                true,
                () => $"SI → completato entro la scadenza del {Date(deadline)}: 100 %",
                () => $"completato entro la scadenza del {Date(deadline)}");
        }

        if (completion <= deadline)
        {
            return Deadline(
                Full,
                true,
                () => $"completato il {Date(completion)} ≤ scadenza {Date(deadline)} → raggiunto: 100 %",
                () => $"completato il {Date(completion)}, entro la scadenza del {Date(deadline)}");
        }

        var daysLate = completion.DayNumber - deadline.DayNumber;
        string Late() => $"completato il {Date(completion)}, {Days(daysLate)} dopo la scadenza del {Date(deadline)}";
        string LateDetail() => $"completato con {Days(daysLate)} di ritardo sulla scadenza del {Date(deadline)}";
        if (allOrNothing || kpi.PenaltyPerDay is not decimal penalty)
        {
            return Deadline(
                0m,
                false,
                () => $"{Late()} → {(allOrNothing ? "tutto o niente" : "in ritardo, senza penalità giornaliera")}: 0 %",
                LateDetail);
        }

        var raw = Full - (daysLate * penalty);
        var score = Math.Clamp(raw, 0m, NotMetCeiling);
        return Deadline(
            score,
            false,
            () => $"{Late()} → 100 − {daysLate} × {Operand(penalty)} = {OneDecimal(raw)}" + (raw < 0m
                ? " → punteggio 0 (il punteggio non scende sotto 0)"
                : raw > NotMetCeiling ? $" → punteggio {OneDecimal(score)} (non raggiunto: al massimo 99,9)" : string.Empty),
            LateDetail);

        KpiAttainment Deadline(decimal score, bool met, Func<string> formula, Func<string> detail) => Scored(
            kpi,
            methodology,
            score,
            met,
            null,
            () => new(formula(), DeadlineInputs(kpi, done.Value, completed, allOrNothing), DeadlineRules(kpi, allOrNothing), detail()));
    }

    /// <summary>The deadline, when it was completed (or NO) and the penalty per day of delay.</summary>
    private static List<ExplanationInput> DeadlineInputs(KpiSpec kpi, bool done, DateOnly? completed, bool allOrNothing) =>
    [
        new("Scadenza", kpi.Deadline is DateOnly due ? $"entro il {Date(due)}" : "non indicata"),
        new("Completato", !done ? "NO" : completed is DateOnly on ? $"il {Date(on)}" : "SI (entro la scadenza)"),
        new("Penalità per giorno di ritardo", allOrNothing
            ? "nessuna: tutto o niente"
            : kpi.PenaltyPerDay is decimal p ? $"{ItalianValues.Count(p, "punto", "punti")} al giorno" : "nessuna: in ritardo vale 0"),
    ];

    private static string DeadlineRules(KpiSpec kpi, bool allOrNothing) => allOrNothing
        ? "Scadenza, tutto o niente: 100 se completato entro la scadenza, altrimenti 0"
        : kpi.PenaltyPerDay is decimal perDay
            ? $"Scadenza: 100 se completato entro la scadenza; in ritardo 100 − giorni di ritardo × {Number(perDay)} (minimo 0); non completato 0"
            : "Scadenza: 100 se completato entro la scadenza; in ritardo o non completato 0";

    private static bool Satisfies(decimal actual, Comparator comparator, decimal target) => comparator switch
    {
        Comparator.AtLeast => actual >= target,
        Comparator.GreaterThan => actual > target,
        Comparator.AtMost => actual <= target,
        Comparator.LessThan => actual < target,
        _ => actual == target,
    };

    private static IReadOnlyList<ScoreBand> OrderedBands(KpiSpec kpi) =>
        (kpi.Bands ?? [])
            .OrderByDescending(b => b.MinimumProgress)
            .ThenByDescending(b => b.Score)
            .ToList();

    /// <summary>"≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; altrimenti 0".</summary>
    private static string BandsText(IReadOnlyList<ScoreBand> bands) => bands.Count == 0
        ? "nessuna fascia definita: punteggio 0 se non raggiunto"
        : string.Join("; ", bands.Select(b => $"≥ {Number(b.MinimumProgress)} % → {Number(b.Score)}")) + "; altrimenti 0";

    private static string DirectionText(KpiSpec kpi, decimal target) => kpi.Direction == Direction.HigherIsBetter
        ? "maggiore è meglio"
        : target < 0m ? "riduzione (minore è meglio)" : "minore è meglio";

    /// <summary>A value of the KPI in its own kind and unit: "91,1 %", 1'16", "6,5 km".</summary>
    private static string Value(KpiSpec kpi, decimal value) =>
        kpi.ValueKind is ValueKind.Number or ValueKind.Percent or ValueKind.Minutes or ValueKind.Days
            ? ItalianValues.Format(value, kpi.ValueKind, kpi.Unit)
            : ItalianValues.Format(value, ValueKind.Number, kpi.Unit);

    /// <summary>
    /// A value in the comparison line of the formula: a plain number ("91,1 ≥ 70"), except durations, which read as
    /// minutes and seconds (1'16" ≤ 3 minuti) rather than as a rounded decimal.
    /// </summary>
    private static string Compared(KpiSpec kpi, decimal value) =>
        kpi.ValueKind == ValueKind.Minutes ? ItalianValues.Format(value, ValueKind.Minutes) : Number(value);

    private static string MethodName(KpiSpec kpi) => kpi.Kind switch
    {
        KpiKind.Boolean => "SI/NO",
        KpiKind.Deadline => kpi.Method == ScoringMethod.Threshold ? "Scadenza (tutto o niente)" : AttainmentRules.MethodLabel(ScoringMethod.Deadline),
        _ => AttainmentRules.MethodLabel(kpi.Method == ScoringMethod.Deadline ? ScoringMethod.Threshold : kpi.Method),
    };

    private static string TargetText(KpiSpec kpi) => kpi.Kind switch
    {
        KpiKind.Boolean => "SI",
        KpiKind.Deadline => kpi.Deadline is DateOnly due ? $"entro il {Date(due)}" : "non indicata",
        _ => kpi.Target is decimal target ? $"{Symbol(kpi.Comparator)} {Value(kpi, target)}" : "non definito",
    };

    /// <summary>The texts of one scoring branch: formula, inputs, its rules and the detail of the summary.</summary>
    private sealed record BranchText(string Formula, IReadOnlyList<ExplanationInput> Inputs, string Rules, string Detail);

    /// <summary>The attainment of a scored KPI; <paramref name="text"/> runs only when the explanation is read.</summary>
    private static KpiAttainment Scored(
        KpiSpec kpi,
        Methodology methodology,
        decimal score,
        bool met,
        decimal? progress,
        Func<BranchText> text)
    {
        var status = AttainmentRules.StatusOf(score, methodology.StatusBands);
        return new KpiAttainment(score, status, met, progress, () =>
        {
            var branch = text();
            return new Explanation(
                MethodName(kpi),
                branch.Formula,
                branch.Inputs,
                Sentences(branch.Rules, StatusBandsText(methodology.StatusBands)),
                $"{StatusLabel(status)} ({Percent(score)}): {branch.Detail}.");
        });
    }

    private static KpiAttainment NotMeasured(KpiSpec kpi, Methodology methodology, string formula, Func<string> reason) =>
        new(null, AttainmentStatus.NotMeasured, false, null, () => new Explanation(
            MethodName(kpi),
            formula,
            [new("Target", TargetText(kpi)), new("Valore raggiunto", "non rilevato")],
            Sentences(StatusBandsText(methodology.StatusBands)),
            $"Non rilevato: {reason()}."));

    private static KpiAttainment Incompatible(KpiSpec kpi, Methodology methodology, string expected) =>
        NotMeasured(
            kpi,
            methodology,
            "valore non compatibile con il tipo di KPI: punteggio non calcolato",
            () => $"il valore registrato non è adatto a questo KPI (atteso {expected})");

    /// <summary>
    /// Progress towards the target in percent points (unclamped), decided at once, with the rule used and the
    /// substituted formula, written only when <see cref="Formula"/> is read; <see cref="Percent"/> is null when the
    /// progress is not defined.
    /// </summary>
    private sealed class Progress(decimal? percent, Func<string> formula, string rule, bool countsAsMet = false)
    {
        public decimal? Percent { get; } = percent;

        public bool CountsAsMet { get; } = countsAsMet;

        public string Rule { get; } = rule;

        public string Formula => formula();

        public static Progress Of(KpiSpec kpi, decimal actual, decimal target, LowerIsBetterFormula lowerIsBetter)
        {
            try
            {
                return Compute(kpi, actual, target, lowerIsBetter);
            }
            catch (OverflowException)
            {
                return Undefined("i valori sono fuori scala", "Progresso non calcolabile");
            }
        }

        private static Progress Compute(KpiSpec kpi, decimal actual, decimal target, LowerIsBetterFormula lowerIsBetter)
        {
            if (kpi.Baseline is decimal b)
            {
                const string rule = "Con valore di partenza: progresso = (valore − partenza) / (target − partenza)";
                return target == b
                    ? Undefined("il target coincide con il valore di partenza", rule)
                    : Ratio(
                        actual - b,
                        target - b,
                        () => $"progresso = (valore − partenza) / (target − partenza) = ({Operand(actual)} − {Operand(b)}) / ({Operand(target)} − {Operand(b)})",
                        rule);
            }

            if (kpi.Direction == Direction.HigherIsBetter)
            {
                const string rule = "Maggiore è meglio: progresso = valore / target";
                return target > 0m
                    ? Ratio(actual, target, () => $"progresso = valore / target = {Operand(actual)} / {Operand(target)}", rule)
                    : Undefined("con un target ≤ 0 e senza valore di partenza il progresso non è definito", rule);
            }

            if (target < 0m)
            {
                return Ratio(
                    actual,
                    target,
                    () => $"progresso = valore / target = {Operand(actual)} / {Operand(target)}",
                    "Riduzione (target negativo): progresso = valore / target");
            }

            if (target == 0m)
            {
                return Undefined(
                    "con target 0 e senza valore di partenza il progresso non è definito",
                    "Minore è meglio con target 0: 100 solo se il valore soddisfa il target, altrimenti 0");
            }

            if (lowerIsBetter == LowerIsBetterFormula.Linear)
            {
                return Ratio(
                    (2m * target) - actual,
                    target,
                    () => $"progresso = (2 × target − valore) / target = (2 × {Operand(target)} − {Operand(actual)}) / {Operand(target)}",
                    "Minore è meglio: formula Lineare ((2 × target − valore) / target)");
            }

            const string ratioRule = "Minore è meglio: formula Rapporto (target / valore)";
            return actual <= 0m
                ? new Progress(null, () => $"valore {Number(actual)} ≤ 0 con la formula Rapporto: conta come raggiunto", ratioRule, countsAsMet: true)
                : Ratio(target, actual, () => $"progresso = target / valore = {Operand(target)} / {Operand(actual)}", ratioRule);
        }

        private static Progress Ratio(decimal numerator, decimal denominator, Func<string> expression, string rule)
        {
            var percent = numerator / denominator * 100m;
            return new Progress(percent, () => $"{expression()} = {AttainmentText.Percent(percent)}", rule);
        }

        private static Progress Undefined(string reason, string rule) => new(null, () => $"progresso non definito: {reason}", rule);
    }
}

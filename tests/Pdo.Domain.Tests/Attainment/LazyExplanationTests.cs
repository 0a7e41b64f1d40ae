using Pdo.Domain.Attainment;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Attainment;

/// <summary>
/// The rule book writes an explanation only when it is read (PlanSnapshot keeps only score and status): scoring writes
/// nothing, and the explanation read later is, branch by branch, the text the eager rule book wrote (the expected texts
/// below are its output at ce07f96, before the explanation became lazy).
/// </summary>
public class LazyExplanationTests
{
    public static TheoryData<string> Branches => [.. ExplanationCases.Kpis.Select(c => c.Name), .. ExplanationCases.Aggregates.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Branches))]
    public void WritesNoExplanationGivenOnlyTheNumbersRead(string branch)
    {
        var scored = Score(branch);

        scored.ReadNumbers();

        Assert.False(scored.IsWritten());
    }

    [Theory]
    [MemberData(nameof(Branches))]
    public async Task ReturnsTheEagerTextGivenTheExplanationReadLaterByConcurrentReaders(string branch)
    {
        var scored = Score(branch);
        scored.ReadNumbers();

        var explanation = await ReadConcurrently(scored.Explanation);

        Assert.Equal(ExpectedTexts[branch], ExplanationCases.Render(explanation));
        Assert.True(scored.IsWritten());
    }

    [Fact]
    public void ScoresWithoutWritingGivenAKpiWhoseExplanationCannotBeWritten()
    {
        // A comparator the formatter does not know: the score (equality) is decided, but writing «{symbol} 900» throws.
        var spec = KpiSpecBuilder.Higher((Comparator)99, 900m).Build();
        var approved = new ApprovedOverride(85m, "Motivo.", "OIV", new DateTimeOffset(2021, 1, 25, 9, 0, 0, TimeSpan.Zero), "Accolta.");

        var scored = AttainmentRules.ScoreKpi(spec, Measurement.Number(900m), Methodology.Default);
        var overridden = AttainmentRules.ScoreKpi(spec, Measurement.Number(900m), Methodology.Default, approved);

        Assert.Equal((100m, AttainmentStatus.Achieved), (scored.Score, scored.Status));
        Assert.Equal((85m, 100m), (overridden.Score, overridden.ComputedScore));
        Assert.Throws<ArgumentOutOfRangeException>(() => scored.Explanation);
        Assert.Throws<ArgumentOutOfRangeException>(() => overridden.Explanation);
    }

    [Fact]
    public void ReturnsEqualWithoutWritingGivenACopyOfAnAttainment()
    {
        var kpi = Kpi("proportional");
        var rollUp = Aggregate("mean");

        Assert.Equal(kpi, kpi with { });
        Assert.Equal(kpi.GetHashCode(), (kpi with { }).GetHashCode());
        Assert.Equal(rollUp, rollUp with { });
        Assert.False(kpi.IsExplanationWritten);
        Assert.False(rollUp.IsExplanationWritten);
    }

    [Fact]
    public void ReturnsEqualGivenEqualValuesAndTheSameExplanation()
    {
        var kpi = Kpi("proportional");
        var rollUp = Aggregate("mean");

        var eagerKpi = new KpiAttainment(kpi.Score, kpi.Status, kpi.Met, kpi.Progress, kpi.Explanation);
        var eagerRollUp = new AggregateAttainment(rollUp.Score, rollUp.Status, rollUp.MeasuredKpis, rollUp.TotalKpis, rollUp.Explanation);

        Assert.Equal(kpi, eagerKpi);
        Assert.Equal(kpi.GetHashCode(), eagerKpi.GetHashCode());
        Assert.Equal(rollUp, eagerRollUp);
        Assert.Equal(rollUp.GetHashCode(), eagerRollUp.GetHashCode());
    }

    [Fact]
    public void ReturnsNotEqualGivenADifferentExplanationOrScore()
    {
        var kpi = Kpi("proportional");
        var rollUp = Aggregate("mean");

        Assert.NotEqual(kpi, kpi with { Explanation = kpi.Explanation with { Summary = "Altro." } });
        Assert.NotEqual(kpi, kpi with { Score = 81m });
        Assert.NotEqual(kpi, Kpi("overridden").Computed);
        Assert.NotEqual(rollUp, rollUp with { Explanation = rollUp.Explanation with { Formula = "Altro" } });
        Assert.NotEqual(rollUp, rollUp with { TotalKpis = 3 });
    }

    [Fact]
    public void ReturnsTheGivenExplanationGivenAnEagerAttainmentAndItsDeconstruction()
    {
        var explanation = new Explanation("Metodo", "Formula", [new("Target", "≥ 1")], "Regole.", "Sintesi.");

        var (score, status, met, progress, given) = new KpiAttainment(50m, AttainmentStatus.NotAchieved, false, 50m, explanation);
        var (_, _, measured, total, givenToRollUp) = new AggregateAttainment(50m, AttainmentStatus.NotAchieved, 1, 2, explanation);

        Assert.Equal((50m, AttainmentStatus.NotAchieved, false, 50m), (score, status, met, progress));
        Assert.Equal((1, 2), (measured, total));
        Assert.Same(explanation, given);
        Assert.Same(explanation, givenToRollUp);
    }

    private static KpiAttainment Kpi(string branch) => ExplanationCases.Kpis.Single(c => c.Name == branch).Score();

    private static AggregateAttainment Aggregate(string branch) => ExplanationCases.Aggregates.Single(c => c.Name == branch).Aggregate();

    /// <summary>A branch scored: what its readers read (the numbers only, as PlanSnapshot), its explanation, and whether that is written.</summary>
    private sealed record Scored(Action ReadNumbers, Func<Explanation> Explanation, Func<bool> IsWritten);

    private static Scored Score(string branch)
    {
        if (ExplanationCases.Kpis.Any(c => c.Name == branch))
        {
            var kpi = Kpi(branch);
            return new Scored(
                () => _ = (kpi.Score, kpi.Status, kpi.Met, kpi.Progress, kpi.IsOverridden, kpi.ComputedScore, kpi.OverrideScore, kpi.GetHashCode()),
                () => kpi.Explanation,
                () => kpi.IsExplanationWritten || (kpi.Computed?.IsExplanationWritten ?? false));
        }

        var rollUp = Aggregate(branch);
        return new Scored(
            () => _ = (rollUp.Score, rollUp.Status, rollUp.MeasuredKpis, rollUp.TotalKpis, AttainmentRules.IsProvisional(rollUp), rollUp.GetHashCode()),
            () => rollUp.Explanation,
            () => rollUp.IsExplanationWritten);
    }

    /// <summary>Eight readers at once, on their own threads (snapshots are shared across requests): each gets the one explanation written.</summary>
    private static async Task<Explanation> ReadConcurrently(Func<Explanation> read)
    {
        const int Readers = 8;
        using var start = new Barrier(Readers);
        var explanations = await Task.WhenAll(Enumerable.Range(0, Readers).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return read();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));
        Assert.All(explanations, e => Assert.Same(explanations[0], e));
        return explanations[0];
    }

    private static readonly Dictionary<string, string> ExpectedTexts = new()
    {
        ["threshold met"] =
            """
            Soglia (tutto o niente)
            400 ≥ 330 → raggiunto: 100 %
            Target: ≥ 330
            Valore raggiunto: 400
            Andamento: maggiore è meglio
            Tutto o niente: 100 se il valore soddisfa il target, altrimenti 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Raggiunto (100,0 %): il valore 400 soddisfa il target ≥ 330.
            """,
        ["threshold not met"] =
            """
            Soglia (tutto o niente)
            329,9 ≥ 330 non soddisfatto → non raggiunto: 0 %
            Target: ≥ 330
            Valore raggiunto: 329,9
            Andamento: maggiore è meglio
            Tutto o niente: 100 se il valore soddisfa il target, altrimenti 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (0,0 %): il valore 329,9 non soddisfa il target ≥ 330.
            """,
        ["target satisfied"] =
            """
            Proporzionale
            91,1 ≥ 70 → raggiunto: 100 %
            Target: ≥ 70 %
            Valore raggiunto: 91,1 %
            Andamento: maggiore è meglio
            Maggiore è meglio: progresso = valore / target. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Raggiunto (100,0 %): il valore 91,1 % soddisfa il target ≥ 70 %.
            """,
        ["minutes satisfied"] =
            """
            Proporzionale
            1'16" ≤ 3 minuti → raggiunto: 100 %
            Target: ≤ 3 minuti
            Valore raggiunto: 1'16"
            Andamento: minore è meglio
            Minore è meglio: formula Rapporto (target / valore). Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Raggiunto (100,0 %): il valore 1'16" soddisfa il target ≤ 3 minuti.
            """,
        ["non-positive actual counts as met"] =
            """
            Proporzionale
            valore 0 ≤ 0 con la formula Rapporto: conta come raggiunto → raggiunto: 100 %
            Target: = 10
            Valore raggiunto: 0
            Andamento: minore è meglio
            Minore è meglio: formula Rapporto (target / valore). Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Raggiunto (100,0 %): il valore 0 soddisfa il target = 10.
            """,
        ["proportional"] =
            """
            Proporzionale
            progresso = valore / target = 720 / 900 = 80,0 % → punteggio 80,0
            Target: ≥ 900 alloggi
            Valore raggiunto: 720 alloggi
            Andamento: maggiore è meglio
            Maggiore è meglio: progresso = valore / target. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Parzialmente raggiunto (80,0 %): il valore 720 alloggi non soddisfa il target ≥ 900 alloggi.
            """,
        ["proportional at most 99,9"] =
            """
            Proporzionale
            progresso = valore / target = 30 / 30 = 100,0 % → punteggio 99,9 (non raggiunto: al massimo 99,9)
            Target: > 30
            Valore raggiunto: 30
            Andamento: maggiore è meglio
            Maggiore è meglio: progresso = valore / target. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Parzialmente raggiunto (99,9 %): il valore 30 non soddisfa il target > 30; un risultato non raggiunto non mostra mai 100.
            """,
        ["proportional not below 0"] =
            """
            Proporzionale
            progresso = valore / target = 0,5 / (-1,5) = -33,3 % → punteggio 0,0 (il punteggio non scende sotto 0)
            Target: ≤ -1,5 %
            Valore raggiunto: 0,5 %
            Andamento: riduzione (minore è meglio)
            Riduzione (target negativo): progresso = valore / target. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (0,0 %): il valore 0,5 % non soddisfa il target ≤ -1,5 %.
            """,
        ["proportional with baseline"] =
            """
            Proporzionale
            progresso = (valore − partenza) / (target − partenza) = (15 − 20) / (10 − 20) = 50,0 % → punteggio 50,0
            Target: ≤ 10
            Valore raggiunto: 15
            Valore di partenza: 20
            Andamento: minore è meglio
            Con valore di partenza: progresso = (valore − partenza) / (target − partenza). Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (50,0 %): il valore 15 non soddisfa il target ≤ 10.
            """,
        ["lower is better, linear"] =
            """
            Proporzionale
            progresso = (2 × target − valore) / target = (2 × 10 − 12) / 10 = 80,0 % → punteggio 80,0
            Target: ≤ 10
            Valore raggiunto: 12
            Andamento: minore è meglio
            Minore è meglio: formula Lineare ((2 × target − valore) / target). Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Parzialmente raggiunto (80,0 %): il valore 12 non soddisfa il target ≤ 10.
            """,
        ["lower is better, ratio"] =
            """
            Proporzionale
            progresso = target / valore = 10 / 12 = 83,3 % → punteggio 83,3
            Target: ≤ 10
            Valore raggiunto: 12
            Andamento: minore è meglio
            Minore è meglio: formula Rapporto (target / valore). Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Parzialmente raggiunto (83,3 %): il valore 12 non soddisfa il target ≤ 10.
            """,
        ["progress undefined"] =
            """
            Proporzionale
            -8 ≥ -5 non soddisfatto; progresso non definito: con un target ≤ 0 e senza valore di partenza il progresso non è definito → punteggio 0
            Target: ≥ -5
            Valore raggiunto: -8
            Andamento: maggiore è meglio
            Maggiore è meglio: progresso = valore / target. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (0,0 %): il valore -8 non soddisfa il target ≥ -5 e il progresso non è definito.
            """,
        ["baseline equal to target"] =
            """
            Proporzionale
            100 > 100 non soddisfatto; progresso non definito: il target coincide con il valore di partenza → punteggio 0
            Target: > 100
            Valore raggiunto: 100
            Valore di partenza: 100
            Andamento: maggiore è meglio
            Con valore di partenza: progresso = (valore − partenza) / (target − partenza). Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (0,0 %): il valore 100 non soddisfa il target > 100 e il progresso non è definito.
            """,
        ["progress out of scale"] =
            """
            Proporzionale
            1 = 79.228.162.514.264.337.593.543.950.335 non soddisfatto; progresso non definito: i valori sono fuori scala → punteggio 0
            Target: = 79.228.162.514.264.337.593.543.950.335
            Valore raggiunto: 1
            Andamento: minore è meglio
            Progresso non calcolabile. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (0,0 %): il valore 1 non soddisfa il target = 79.228.162.514.264.337.593.543.950.335 e il progresso non è definito.
            """,
        ["band reached"] =
            """
            Fasce
            progresso = target / valore = 10 / 11 = 90,9 % → fascia ≥ 90 %: 80 → punteggio 80,0
            Target: < 10
            Valore raggiunto: 11
            Andamento: minore è meglio
            Fasce: ≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; altrimenti 0
            Minore è meglio: formula Rapporto (target / valore). Fasce: ≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; altrimenti 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Parzialmente raggiunto (80,0 %): il valore 11 non soddisfa il target < 10.
            """,
        ["band of 100 capped"] =
            """
            Fasce
            progresso = valore / target = 100 / 100 = 100,0 % → fascia ≥ 100 %: 100 → punteggio 99,9 (non raggiunto: al massimo 99,9)
            Target: > 100
            Valore raggiunto: 100
            Andamento: maggiore è meglio
            Fasce: ≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; altrimenti 0
            Maggiore è meglio: progresso = valore / target. Fasce: ≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; altrimenti 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Parzialmente raggiunto (99,9 %): il valore 100 non soddisfa il target > 100; la fascia vale 100, ma un risultato non raggiunto non mostra mai 100.
            """,
        ["below the lowest band"] =
            """
            Fasce
            progresso = valore / target = 50 / 100 = 50,0 % → nessuna fascia raggiunta → punteggio 0
            Target: ≥ 100
            Valore raggiunto: 50
            Andamento: maggiore è meglio
            Fasce: ≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; altrimenti 0
            Maggiore è meglio: progresso = valore / target. Fasce: ≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; altrimenti 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (0,0 %): il valore 50 non soddisfa il target ≥ 100 e il progresso è sotto la fascia più bassa.
            """,
        ["bands, target met"] =
            """
            Fasce
            120 ≥ 100 → raggiunto: 100 %
            Target: ≥ 100
            Valore raggiunto: 120
            Andamento: maggiore è meglio
            Fasce: ≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; altrimenti 0
            Maggiore è meglio: progresso = valore / target. Fasce: ≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; altrimenti 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Raggiunto (100,0 %): il valore 120 soddisfa il target ≥ 100.
            """,
        ["SI"] =
            """
            SI/NO
            SI → raggiunto: 100 %
            Target: SI
            Valore raggiunto: SI
            Tutto o niente: SI vale 100, NO vale 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Raggiunto (100,0 %): il risultato è stato conseguito (SI).
            """,
        ["NO"] =
            """
            SI/NO
            NO → non raggiunto: 0 %
            Target: SI
            Valore raggiunto: NO
            Tutto o niente: SI vale 100, NO vale 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (0,0 %): il risultato non è stato conseguito (NO).
            """,
        ["deadline NO"] =
            """
            Scadenza
            NO → non completato: 0 %
            Scadenza: entro il 30/06/2019
            Completato: NO
            Penalità per giorno di ritardo: nessuna: in ritardo vale 0
            Scadenza: 100 se completato entro la scadenza; in ritardo o non completato 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (0,0 %): non completato.
            """,
        ["deadline not given"] =
            """
            Scadenza
            completato, nessuna scadenza indicata → raggiunto: 100 %
            Scadenza: non indicata
            Completato: SI (entro la scadenza)
            Penalità per giorno di ritardo: nessuna: in ritardo vale 0
            Scadenza: 100 se completato entro la scadenza; in ritardo o non completato 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Raggiunto (100,0 %): completato.
            """,
        ["deadline SI"] =
            """
            Scadenza
            SI → completato entro la scadenza del 31/12/2019: 100 %
            Scadenza: entro il 31/12/2019
            Completato: SI (entro la scadenza)
            Penalità per giorno di ritardo: nessuna: in ritardo vale 0
            Scadenza: 100 se completato entro la scadenza; in ritardo o non completato 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Raggiunto (100,0 %): completato entro la scadenza del 31/12/2019.
            """,
        ["completed on time"] =
            """
            Scadenza
            completato il 30/06/2019 ≤ scadenza 30/06/2019 → raggiunto: 100 %
            Scadenza: entro il 30/06/2019
            Completato: il 30/06/2019
            Penalità per giorno di ritardo: nessuna: in ritardo vale 0
            Scadenza: 100 se completato entro la scadenza; in ritardo o non completato 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Raggiunto (100,0 %): completato il 30/06/2019, entro la scadenza del 30/06/2019.
            """,
        ["late, all or nothing"] =
            """
            Scadenza (tutto o niente)
            completato il 01/07/2019, 1 giorno dopo la scadenza del 30/06/2019 → tutto o niente: 0 %
            Scadenza: entro il 30/06/2019
            Completato: il 01/07/2019
            Penalità per giorno di ritardo: nessuna: tutto o niente
            Scadenza, tutto o niente: 100 se completato entro la scadenza, altrimenti 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (0,0 %): completato con 1 giorno di ritardo sulla scadenza del 30/06/2019.
            """,
        ["late, no penalty"] =
            """
            Scadenza
            completato il 01/07/2019, 1 giorno dopo la scadenza del 30/06/2019 → in ritardo, senza penalità giornaliera: 0 %
            Scadenza: entro il 30/06/2019
            Completato: il 01/07/2019
            Penalità per giorno di ritardo: nessuna: in ritardo vale 0
            Scadenza: 100 se completato entro la scadenza; in ritardo o non completato 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (0,0 %): completato con 1 giorno di ritardo sulla scadenza del 30/06/2019.
            """,
        ["late with penalty"] =
            """
            Scadenza
            completato il 10/07/2019, 10 giorni dopo la scadenza del 30/06/2019 → 100 − 10 × 1 = 90,0
            Scadenza: entro il 30/06/2019
            Completato: il 10/07/2019
            Penalità per giorno di ritardo: 1 punto al giorno
            Scadenza: 100 se completato entro la scadenza; in ritardo 100 − giorni di ritardo × 1 (minimo 0); non completato 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Parzialmente raggiunto (90,0 %): completato con 10 giorni di ritardo sulla scadenza del 30/06/2019.
            """,
        ["late, penalty below 0"] =
            """
            Scadenza
            completato il 10/07/2019, 10 giorni dopo la scadenza del 30/06/2019 → 100 − 10 × 20 = -100,0 → punteggio 0 (il punteggio non scende sotto 0)
            Scadenza: entro il 30/06/2019
            Completato: il 10/07/2019
            Penalità per giorno di ritardo: 20 punti al giorno
            Scadenza: 100 se completato entro la scadenza; in ritardo 100 − giorni di ritardo × 20 (minimo 0); non completato 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non raggiunto (0,0 %): completato con 10 giorni di ritardo sulla scadenza del 30/06/2019.
            """,
        ["late, penalty 0"] =
            """
            Scadenza
            completato il 10/07/2019, 10 giorni dopo la scadenza del 30/06/2019 → 100 − 10 × 0 = 100,0 → punteggio 99,9 (non raggiunto: al massimo 99,9)
            Scadenza: entro il 30/06/2019
            Completato: il 10/07/2019
            Penalità per giorno di ritardo: 0 punti al giorno
            Scadenza: 100 se completato entro la scadenza; in ritardo 100 − giorni di ritardo × 0 (minimo 0); non completato 0. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Parzialmente raggiunto (99,9 %): completato con 10 giorni di ritardo sulla scadenza del 30/06/2019.
            """,
        ["not measured"] =
            """
            Proporzionale
            nessun valore raggiunto: punteggio non calcolato
            Target: ≥ 900
            Valore raggiunto: non rilevato
            Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non rilevato: nessun valore raggiunto inserito; il KPI è escluso dalle medie.
            """,
        ["no target"] =
            """
            Proporzionale
            target non definito: punteggio non calcolato
            Target: non definito
            Valore raggiunto: non rilevato
            Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non rilevato: il KPI non ha un valore di target, quindi non può essere valutato.
            """,
        ["SI for a numeric KPI"] =
            """
            Proporzionale
            valore non compatibile con il tipo di KPI: punteggio non calcolato
            Target: ≥ 900
            Valore raggiunto: non rilevato
            Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non rilevato: il valore registrato non è adatto a questo KPI (atteso un valore numerico, es. 1.003, 91,1% o 1'16").
            """,
        ["number for a SI/NO KPI"] =
            """
            SI/NO
            valore non compatibile con il tipo di KPI: punteggio non calcolato
            Target: SI
            Valore raggiunto: non rilevato
            Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non rilevato: il valore registrato non è adatto a questo KPI (atteso SI oppure NO).
            """,
        ["number for a deadline KPI"] =
            """
            Scadenza
            valore non compatibile con il tipo di KPI: punteggio non calcolato
            Target: entro il 30/06/2019
            Valore raggiunto: non rilevato
            Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non rilevato: il valore registrato non è adatto a questo KPI (atteso SI, NO oppure la data di completamento, es. 15/11/2019).
            """,
        ["overridden"] =
            """
            Proporzionale
            progresso = valore / target = 720 / 900 = 80,0 % → punteggio 80,0 → punteggio calcolato 80,0 %; forzatura approvata: 85,0 %
            Target: ≥ 900
            Valore raggiunto: 720
            Andamento: maggiore è meglio
            Punteggio calcolato: 80,0 %
            Punteggio forzato: 85,0 %
            Motivo della forzatura: Cantiere sospeso dalla Soprintendenza.
            Forzatura approvata da: OIV / Nucleo di Valutazione il 26/01/2021
            Maggiore è meglio: progresso = valore / target. Fasce di stato: 100 raggiunto, da 80 parzialmente. Forzatura: il punteggio approvato dall'OIV sostituisce quello calcolato nel grado del KPI e in tutte le medie.
            Parzialmente raggiunto (85,0 %), punteggio forzato (calcolato: 80,0 %): forzatura approvata da OIV / Nucleo di Valutazione il 26/01/2021. Motivo: Cantiere sospeso dalla Soprintendenza.
            """,
        ["overridden, not measured"] =
            """
            Proporzionale
            nessun valore raggiunto: punteggio non calcolato → punteggio calcolato non calcolato; forzatura approvata: 85,0 %
            Target: ≥ 900
            Valore raggiunto: non rilevato
            Punteggio calcolato: non calcolato
            Punteggio forzato: 85,0 %
            Motivo della forzatura: Cantiere sospeso dalla Soprintendenza.
            Forzatura approvata da: OIV / Nucleo di Valutazione il 26/01/2021
            Fasce di stato: 100 raggiunto, da 80 parzialmente. Forzatura: il punteggio approvato dall'OIV sostituisce quello calcolato nel grado del KPI e in tutte le medie.
            Parzialmente raggiunto (85,0 %), punteggio forzato (calcolato: non calcolato): forzatura approvata da OIV / Nucleo di Valutazione il 26/01/2021. Motivo: Cantiere sospeso dalla Soprintendenza.
            """,
        ["mean"] =
            """
            Media ponderata
            (100 × 2 + 62,5 × 1) / 3 = 87,5 %
            KPI A: 100,0 %, peso 2
            KPI B: 62,5 %, peso 1
            Copertura: 2 KPI rilevati su 2
            Media ponderata dei punteggi non arrotondati: Σ (punteggio × peso) / Σ pesi. I termini sono scritti con i decimali che servono a rifare il calcolo a mano. Gli elementi non rilevati sono esclusi dalla media e indicati nella copertura. Sotto la copertura piena la media è provvisoria. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Obiettivo 1.1: Parzialmente raggiunto (87,5 %), 2 KPI rilevati su 2.
            """,
        ["mean with two-decimal terms"] =
            """
            Media ponderata
            (75,05 × 3 + 62,5 × 1) / 4 = 71,9 %
            KPI: 75,05 %, peso 3
            KPI: 62,5 %, peso 1
            Copertura: 2 KPI rilevati su 2
            Media ponderata dei punteggi non arrotondati: Σ (punteggio × peso) / Σ pesi. I termini sono scritti con i decimali che servono a rifare il calcolo a mano. Gli elementi non rilevati sono esclusi dalla media e indicati nella copertura. Sotto la copertura piena la media è provvisoria. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Obiettivo: Non raggiunto (71,9 %), 2 KPI rilevati su 2.
            """,
        ["mean just below 100"] =
            """
            Media ponderata
            (100 × 1 + 99,9 × 1) / 2 = 99,95 → 99,9 % (non pienamente raggiunto: sotto 100 non si mostra mai 100,0)
            KPI: 100,0 %, peso 1
            KPI: 99,9 %, peso 1
            Copertura: 2 KPI rilevati su 2
            Media ponderata dei punteggi non arrotondati: Σ (punteggio × peso) / Σ pesi. I termini sono scritti con i decimali che servono a rifare il calcolo a mano. Gli elementi non rilevati sono esclusi dalla media e indicati nella copertura. Sotto la copertura piena la media è provvisoria. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Piano: Parzialmente raggiunto (99,9 %), 2 KPI rilevati su 2.
            """,
        ["provisional mean"] =
            """
            Media ponderata
            (80 × 1) / 1 = 80,0 %
            KPI: 80,0 %, peso 1
            KPI non rilevato: non rilevato, peso 1 (escluso dalla media)
            Copertura: 1 KPI rilevato su 2
            Media ponderata dei punteggi non arrotondati: Σ (punteggio × peso) / Σ pesi. I termini sono scritti con i decimali che servono a rifare il calcolo a mano. Gli elementi non rilevati sono esclusi dalla media e indicati nella copertura. Sotto la copertura piena la media è provvisoria. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Area: Provvisorio (80,0 %), 1 KPI rilevato su 2: la media riguarda solo i KPI rilevati.
            """,
        ["nothing measured"] =
            """
            Media ponderata
            nessun elemento rilevato: media non calcolabile
            KPI non rilevato: non rilevato, peso 1 (escluso dalla media)
            KPI non rilevato: non rilevato, peso 2 (escluso dalla media)
            Copertura: 0 KPI rilevati su 2
            Media ponderata dei punteggi non arrotondati: Σ (punteggio × peso) / Σ pesi. I termini sono scritti con i decimali che servono a rifare il calcolo a mano. Gli elementi non rilevati sono esclusi dalla media e indicati nella copertura. Sotto la copertura piena la media è provvisoria. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Obiettivo: Non rilevato, nessun elemento ha ancora un punteggio (0 KPI rilevati su 2).
            """,
        ["weights at zero"] =
            """
            Media ponderata
            pesi a zero: la somma dei pesi degli elementi rilevati è 0, media non calcolabile
            KPI: 80,0 %, peso 0
            KPI non rilevato: non rilevato, peso 1 (escluso dalla media)
            Copertura: 1 KPI rilevato su 2
            Media ponderata dei punteggi non arrotondati: Σ (punteggio × peso) / Σ pesi. I termini sono scritti con i decimali che servono a rifare il calcolo a mano. Gli elementi non rilevati sono esclusi dalla media e indicati nella copertura. Sotto la copertura piena la media è provvisoria. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Non rilevato, gli elementi rilevati hanno pesi a zero (1 KPI rilevato su 2).
            """,
        ["summarised mean"] =
            """
            Media ponderata
            Σ (punteggio × peso) / Σ pesi = 1.652 / 25 = 66,1 %
            Elementi: 13, di cui 13 con punteggio
            Copertura: 13 KPI rilevati su 26
            Media ponderata dei punteggi non arrotondati: Σ (punteggio × peso) / Σ pesi. I termini sono scritti con i decimali che servono a rifare il calcolo a mano. Gli elementi non rilevati sono esclusi dalla media e indicati nella copertura. Sotto la copertura piena la media è provvisoria. Fasce di stato: 100 raggiunto, da 80 parzialmente.
            Piano: Provvisorio (66,1 %), 13 KPI rilevati su 26: la media riguarda solo i KPI rilevati.
            """,
    };
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Generation;

/// <summary>Sizes of a generated city-scale data set (docs/benchmarks.md).</summary>
public sealed record GeneratorOptions(int FirstYear = 2010, int Years = 10, int ObjectivesPerYear = 2_000, int KpisPerYear = 10_000, int Seed = 42);

/// <summary>
/// Builds realistic large plans for benchmarks and tests: every year the same objective and KPI codes (so the
/// year-over-year views work), 20 Direzioni, the four sections and areas of Milano, KPIs of every kind, interim and
/// final results with partial scores and justifications. Everything goes through the domain entities and their
/// rules; earlier years are approved, the last one is in monitoring. Years already present are skipped. Each year is
/// written in one transaction by <see cref="BulkInsert"/> (no change tracking, no audit rows: ADR 015), on SQLite and
/// PostgreSQL; the same seed gives the same data in every run.
/// </summary>
public sealed class PlanGenerator(AppDbContext db, ILogger<PlanGenerator> logger)
{
    private static readonly string[] DirectorateNames =
    [
        "Casa", "Cultura", "Economia Urbana e Lavoro", "Politiche Sociali", "Mobilità", "Ambiente ed Energia", "Educazione",
        "Sport", "Bilancio", "Entrate", "Verde", "Sicurezza Urbana", "Urbanistica", "Opere Pubbliche", "Demanio",
        "Servizi Civici", "Organizzazione e Risorse Umane", "Sistemi Informativi", "Turismo", "Quartieri e Municipi",
    ];

    private static readonly (string Code, string Name)[] Areas =
    [
        ("SOLIDALE", "Milano più solidale"), ("ATTRATTIVA", "Milano più attrattiva"), ("DIGITALE", "Milano digitale"), ("AMBIENTE", "Milano per l’ambiente"),
    ];

    private static readonly (string Code, string Name)[] Sections =
    [
        ("SOL", "Obiettivi Solidali"), ("GES", "Obiettivi Gestionali"), ("FUN", "Indicatori di funzionamento dell’Ente"), ("DIR", "Obiettivi di Direzione"),
    ];

    public async Task<int> GenerateAsync(GeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ObjectivesPerYear, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KpisPerYear, options.ObjectivesPerYear);
        if (!BulkInsert.Supports(db))
        {
            throw new NotSupportedException(BulkInsert.UnsupportedProvider);
        }

        var directorates = await EnsureDirectoratesAsync(options, cancellationToken);
        var existing = (await db.Plans.Select(p => p.Year).ToListAsync(cancellationToken)).ToHashSet();
        var years = Enumerable.Range(options.FirstYear, options.Years).Where(y => !existing.Contains(y)).ToList();
        var last = options.FirstYear + options.Years - 1;

        // While one year is written, the next one is built on another core (each year has its own seeded Random).
        Task<PerformancePlan> BuildAsync(int year) =>
            Task.Run(() => Build(year, year == last, options, directorates, YearRandom(options.Seed, year)), cancellationToken);

        var next = years.Count > 0 ? BuildAsync(years[0]) : null;
        for (var i = 0; i < years.Count; i++)
        {
            var plan = await next!;
            next = i + 1 < years.Count ? BuildAsync(years[i + 1]) : null;
            await WriteAsync(plan, cancellationToken);
            logger.LogInformation("Generated plan {Year}: {Objectives} objectives, {Kpis} KPIs", plan.Year, options.ObjectivesPerYear, options.KpisPerYear);
        }

        return years.Count;
    }

    /// <summary>
    /// The same data for the same seed in every run (HashCode.Combine, used before, is seeded anew in each process); a
    /// seeded <see cref="Random"/> gives the same sequence on every .NET version.
    /// </summary>
    internal static Random YearRandom(int seed, int year) => new(unchecked((seed * 1_000_003) + year));

    /// <summary>
    /// One year in one transaction, principals before their dependents (<see cref="BulkInsert"/>, ADR 015). The commit
    /// goes through EF Core, so this process's caches see it (<see cref="DataChangeSignal"/>); the field-by-field audit is
    /// not written for generated data, so a cache of plans must be dropped after a generation (DashboardCache.Clear).
    /// </summary>
    private async Task WriteAsync(PerformancePlan plan, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var insert = new BulkInsert(db, transaction.GetDbTransaction());
        await insert.WriteAsync([plan], cancellationToken);
        await insert.WriteAsync(plan.Categories, cancellationToken);
        await insert.WriteAsync(plan.Areas, cancellationToken);
        await insert.WriteAsync(plan.Periods, cancellationToken);
        await insert.WriteAsync(plan.Objectives, cancellationToken);
        var kpis = plan.Objectives.SelectMany(o => o.Kpis).ToList();
        await insert.WriteAsync(kpis, cancellationToken);
        await insert.WriteAsync(kpis.SelectMany(k => k.Results).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Every generated year assigns these Direzioni: they must be active from the first one (an existing one, e.g. of the
    // 2019 seed, is opened earlier when needed; it stays open).
    internal async Task<List<Directorate>> EnsureDirectoratesAsync(GeneratorOptions options, CancellationToken cancellationToken)
    {
        var from = Directorate.StartOfYear(options.FirstYear);
        var all = await db.Directorates.ToListAsync(cancellationToken);
        foreach (var name in DirectorateNames)
        {
            var code = Code(name);
            if (all.FirstOrDefault(d => d.Code == code) is { } existing)
            {
                if (existing.ActiveFrom > from || existing.ActiveTo is not null)
                {
                    existing.SetActivity(existing.ActiveFrom < from ? existing.ActiveFrom : from, null);
                }
            }
            else
            {
                var directorate = new Directorate(code, $"Direzione {name}", from);
                db.Directorates.Add(directorate);
                all.Add(directorate);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return all.Where(d => DirectorateNames.Select(Code).Contains(d.Code)).ToList();
    }

    internal static PerformancePlan Build(int year, bool isLast, GeneratorOptions options, IReadOnlyList<Directorate> directorates, Random random)
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(year, $"Piano degli Obiettivi {year} (dati generati)");
        var sections = Sections.Select(s => plan.AddCategory(s.Code, s.Name)).ToList();
        var areas = Areas.Select(a => plan.AddArea(a.Code, a.Name)).ToList();
        var kpisLeft = options.KpisPerYear;
        var owned = 0; // objectives given to a Direzione so far: every Direzione gets its share
        for (var o = 0; o < options.ObjectivesPerYear; o++)
        {
            var section = sections[o % sections.Count];
            var area = section.Code == "SOL" ? areas[o / sections.Count % areas.Count] : null;
            Directorate? directorate = null;
            if (section.Code is not ("SOL" or "FUN"))
            {
                directorate = directorates[owned % directorates.Count];
                owned++;
            }

            var code = $"G{o + 1:D4}";
            var objective = plan.AddObjective(code, directorate is null ? $"Obiettivo {o + 1} dell’Ente" : $"Obiettivo {o + 1} della {directorate.Name}", section, area, directorate, random.Next(4) == 0 ? 2m : 1m);
            objective.Describe($"Obiettivo generato per le prove di carico ({year}).\n\nDescrive il programma di lavoro e i risultati attesi.", null);
            var count = kpisLeft / (options.ObjectivesPerYear - o);
            kpisLeft -= count;
            for (var k = 0; k < count; k++)
            {
                objective.AddKpi(Definition($"{code}.{k + 1}", (o + k) % 6, year));
            }
        }

        plan.StartMonitoring();
        foreach (var period in plan.Periods)
        {
            period.Open();
        }

        var recordedAt = new DateTimeOffset(year, 7, 15, 9, 0, 0, TimeSpan.Zero);
        foreach (var kpi in plan.Objectives.SelectMany(o => o.Kpis))
        {
            foreach (var period in plan.Periods)
            {
                if (period.IsFinal && random.Next(20) == 0)
                {
                    continue; // about 5 % not measured at year end
                }

                var (text, measurement) = Actual(kpi, random, period.IsFinal);
                var score = kpi.Score(measurement).Score;
                var justification = score < 100m ? "Scostamento dovuto a ritardi nelle forniture e nei cantieri." : null;
                kpi.RecordResult(period, text, measurement, justification, "generatore", recordedAt);
            }
        }

        if (!isLast)
        {
            // Synthetic history: each year is approved as on the day of its (generated) act, future years included.
            // As before an approval in the portal: every final result confirmed by a second user, and every KPI
            // without one declared non rilevabile with its reason (the approval gate refuses otherwise).
            var final = plan.FinalPeriod!;
            var reviewedAt = new DateTimeOffset(year + 1, 2, 10, 9, 0, 0, TimeSpan.Zero);
            foreach (var kpi in plan.Objectives.SelectMany(o => o.Kpis))
            {
                if (kpi.ResultFor(final) is { } result)
                {
                    result.Confirm("revisore.generatore", reviewedAt);
                }
                else
                {
                    kpi.DeclareUnmeasurable("Dato non disponibile alla chiusura del consuntivo (dati generati).", "generatore", reviewedAt);
                }
            }

            var act = new ApprovalAct((100 + year % 100).ToString(CultureInfo.InvariantCulture), new DateOnly(year + 1, 4, 14), null, $"Approvazione Consuntivo PDO {year} (dati generati)");
            plan.Approve(act, today: act.Date);
        }

        return plan;
    }

    private static KpiDefinition Definition(string code, int shape, int year) => shape switch
    {
        0 => new(code, $"Avanzamento dei programmi di lavoro ({code})", null, KpiKind.Numeric, ValueKind.Percent, null, Direction.HigherIsBetter, Comparator.AtLeast, "≥ 70%", 70m, null, null, 1m, ScoringMethod.Proportional),
        1 => new(code, $"Pratiche digitalizzate ({code})", "Servizi digitali", KpiKind.Numeric, ValueKind.Number, null, Direction.HigherIsBetter, Comparator.GreaterThan, "> 30", 30m, null, null, 1m, ScoringMethod.Proportional),
        2 => new(code, $"Tempo medio di risposta ({code})", "Tempi di risposta", KpiKind.Numeric, ValueKind.Minutes, null, Direction.LowerIsBetter, Comparator.AtMost, "3 minuti", 3m, null, null, 1m, ScoringMethod.Proportional),
        3 => new(code, $"Riduzione delle emissioni ({code})", "Area più pulita", KpiKind.Numeric, ValueKind.Percent, null, Direction.LowerIsBetter, Comparator.AtMost, "-10%", -10m, null, null, 1m, ScoringMethod.Proportional),
        4 => new(code, $"Messa a regime del servizio ({code})", null, KpiKind.Boolean, ValueKind.YesNo, null, Direction.HigherIsBetter, Comparator.AtLeast, "SI", null, null, null, 1m, ScoringMethod.Threshold),
        _ => new(code, $"Avvio del progetto ({code})", null, KpiKind.Deadline, ValueKind.Deadline, null, Direction.HigherIsBetter, Comparator.AtLeast, $"entro il 30/11/{year}", null, new DateOnly(year, 11, 30), null, 1m, ScoringMethod.Deadline, null, 2m),
    };

    /// <summary>About 70 % met, the rest spread over partial and missed results.</summary>
    private static (string Text, Measurement Measurement) Actual(Kpi kpi, Random random, bool final)
    {
        var roll = random.NextDouble();
        var factor = roll < 0.7 ? 1.0 + random.NextDouble() * 0.4 : roll < 0.85 ? 0.8 + random.NextDouble() * 0.2 : 0.3 + random.NextDouble() * 0.5;
        if (!final)
        {
            factor *= 0.9;
        }

        switch (kpi.Kind)
        {
            case KpiKind.Boolean:
                return roll < 0.8 ? ("SI", Measurement.YesNo(true)) : ("NO", Measurement.YesNo(false));
            case KpiKind.Deadline:
                // Late by 1 to 31 days from the 30/11 deadline: a completion date stays inside the plan's year (attainment.md).
                var days = roll < 0.75 ? -random.Next(60) : random.Next(1, 32);
                var date = kpi.Deadline!.Value.AddDays(days);
                return (ItalianValues.FormatDate(date), Measurement.CompletedOn(date));
        }

        var target = kpi.TargetValue!.Value;
        var value = kpi.Direction == Direction.HigherIsBetter || target < 0
            ? Math.Round(target * (decimal)factor, 1)
            : Math.Round(target / (decimal)factor, 1);
        if (kpi.Comparator == Comparator.GreaterThan && roll < 0.7)
        {
            value = Math.Max(value, target + 1);
        }

        return (ItalianValues.Format(value, kpi.ValueKind, kpi.Unit), Measurement.Number(value));
    }

    /// <summary>The Direzioni of the 2019 plan keep their codes, so that generated years line up with it.</summary>
    private static string Code(string name) => name switch
    {
        "Economia Urbana e Lavoro" => "ECONOMIA",
        "Politiche Sociali" => "SOCIALI",
        _ => Letters(name),
    };

    private static string Letters(string name)
    {
        var letters = new string(name.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter).ToArray()).ToUpperInvariant();
        return letters[..Math.Min(12, letters.Length)];
    }
}

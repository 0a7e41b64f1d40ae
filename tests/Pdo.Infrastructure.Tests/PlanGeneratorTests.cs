using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Generation;
using Pdo.Infrastructure.Tests.Support;

namespace Pdo.Infrastructure.Tests;

/// <summary>
/// The data generator (docs/benchmarks.md): what it writes is what it claims, and its bulk rows are the rows EF Core's
/// SaveChanges writes for the same plans (ADR 015). Small sizes: the same code writes the 10,000-KPI years.
/// </summary>
public sealed class PlanGeneratorTests : IDisposable
{
    private static readonly GeneratorOptions Small = new(FirstYear: 2030, Years: 2, ObjectivesPerYear: 40, KpisPerYear: 200, Seed: 7);

    // Every table a generated plan writes, and the columns a run draws at random (concurrency tokens).
    private static readonly string[] Tables = ["Directorates", "Plans", "Categories", "Areas", "MonitoringPeriods", "Objectives", "Kpis", "KpiResults"];

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WritesEachYearsObjectivesKpisAndResultsGivenASmallSize()
    {
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(2, await Generator(db).GenerateAsync(Small));
        }

        await using var read = _database.CreateContext();
        var plans = await read.Plans.AsNoTracking().AsSplitQuery().OrderBy(p => p.Year)
            .Include(p => p.Periods).Include(p => p.Objectives).ThenInclude(o => o.Kpis).ThenInclude(k => k.Results).ToListAsync();
        Assert.Equal([2030, 2031], plans.Select(p => p.Year));
        Assert.Equal([PlanStatus.Approved, PlanStatus.Monitoring], plans.Select(p => p.Status));
        Assert.Equal("130", plans[0].ApprovalAct!.Number);
        Assert.Null(plans[1].ApprovalAct);
        Assert.All(plans, p => Assert.Equal(40, p.Objectives.Count));
        Assert.All(plans, p => Assert.Equal(200, p.Objectives.Sum(o => o.Kpis.Count)));
        Assert.Equal(20, await read.Directorates.CountAsync());

        // Every KPI has its interim result; a final one is missing on about 5 % (declared non rilevabile when approved).
        foreach (var plan in plans)
        {
            var kpis = plan.Objectives.SelectMany(o => o.Kpis).ToList();
            var final = plan.Periods.Single(p => p.IsFinal);
            Assert.All(kpis, k => Assert.Contains(k.Results, r => r.PeriodId != final.Id));
            var withoutFinal = kpis.Where(k => k.Results.All(r => r.PeriodId != final.Id)).ToList();
            Assert.InRange(withoutFinal.Count, 1, 30);
            Assert.All(withoutFinal, k => Assert.Equal(plan.Status == PlanStatus.Approved, k.IsUnmeasurable));
        }

        // The scores are computable from the stored rows, a justification exactly where a result scores below 100.
        var results = plans.SelectMany(p => p.Objectives).SelectMany(o => o.Kpis)
            .SelectMany(k => k.Results.Select(r => (Result: r, Score: AttainmentRules.ScoreKpi(k.ToSpec(), r.Measurement, plans[0].Methodology).Score)))
            .ToList();
        Assert.All(results, r => Assert.InRange(r.Score!.Value, 0m, 100m));
        Assert.All(results, r => Assert.Equal(r.Score < 100m, r.Result.Justification is not null));
        Assert.InRange(results.Count(r => r.Score == 100m), results.Count / 2, results.Count * 9 / 10);
        var approvedFinal = plans[0].Periods.Single(p => p.IsFinal).Id;
        Assert.All(plans[0].Objectives.SelectMany(o => o.Kpis).SelectMany(k => k.Results).Where(r => r.PeriodId == approvedFinal), r => Assert.Equal(ResultStatus.Confirmed, r.Status));
    }

    [Fact]
    public async Task WritesTheRowsSaveChangesWritesGivenTheSamePlans()
    {
        await using (var db = _database.CreateContext())
        {
            await Generator(db).GenerateAsync(Small);
        }

        using var other = new TestDatabase();
        await using (var db = other.CreateContext())
        {
            var directorates = await Generator(db).EnsureDirectoratesAsync(Small, CancellationToken.None);
            for (var year = Small.FirstYear; year < Small.FirstYear + Small.Years; year++)
            {
                db.Plans.Add(PlanGenerator.Build(year, year == Small.FirstYear + Small.Years - 1, Small, directorates, PlanGenerator.YearRandom(Small.Seed, year)));
                await db.SaveChangesAsync();
            }
        }

        foreach (var table in Tables)
        {
            var bulk = await RowsAsync(_database, table);
            var saved = await RowsAsync(other, table);
            Assert.NotEmpty(bulk);
            Assert.Equal(saved, bulk);
        }
    }

    [Fact]
    public async Task GeneratesTheSameValuesInEveryProcessGivenTheSameSeed()
    {
        await using (var db = _database.CreateContext())
        {
            await Generator(db).GenerateAsync(Small with { Years = 1 });
        }

        await using var read = _database.CreateContext();
        var actuals = await read.KpiResults.AsNoTracking().OrderBy(r => r.Id).Select(r => r.ActualText).Take(5).ToListAsync();

        // Fixed by the seed alone (HashCode.Combine, used before, changed them in each process).
        Assert.Equal(["73 %", "73,1 %", "32,1", "40,8", "3 minuti"], actuals);
    }

    [Fact]
    public async Task SkipsAYearAlreadyThereAndLeavesTheKeysToThePortalGivenASecondRun()
    {
        await using (var db = _database.CreateContext())
        {
            await Generator(db).GenerateAsync(Small with { Years = 1 });
        }

        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await Generator(db).GenerateAsync(Small));
            Assert.Equal(400, await db.Kpis.CountAsync());
        }

        // After the bulk rows the portal's own inserts take the next keys (SQLite's AUTOINCREMENT, PostgreSQL's identity).
        await using (var db = _database.CreateContext())
        {
            var plan = PerformancePlan.CreateWithDefaultPeriods(2040, "Piano degli Obiettivi 2040");
            var objective = plan.AddObjective("NUOVO", "Obiettivo scritto dal portale", plan.AddCategory("GES", "Obiettivi Gestionali"), null, null, 1m);
            var kpi = objective.AddKpi(new KpiDefinition(
                "NUOVO.1", "Indicatore scritto dal portale", null, KpiKind.Boolean, ValueKind.YesNo, null,
                Direction.HigherIsBetter, Comparator.AtLeast, "SI", null, null, null, 1m, ScoringMethod.Threshold));
            plan.StartMonitoring();
            plan.Periods[0].Open();
            kpi.RecordResult(plan.Periods[0], "SI", Measurement.YesNo(true), null, "test", _database.Clock.GetUtcNow());
            db.Plans.Add(plan);
            await db.SaveChangesAsync();

            Assert.Equal(await db.Plans.MaxAsync(p => p.Id), plan.Id);
            Assert.Equal(await db.Periods.MaxAsync(p => p.Id), plan.Periods[^1].Id);
            Assert.Equal(await db.Categories.MaxAsync(c => c.Id), plan.Categories[0].Id);
            Assert.Equal(await db.Objectives.MaxAsync(o => o.Id), objective.Id);
            Assert.Equal(await db.Kpis.MaxAsync(k => k.Id), kpi.Id);
            Assert.Equal(await db.KpiResults.MaxAsync(r => r.Id), kpi.Results[0].Id);
            Assert.Equal(401, await db.Kpis.CountAsync());
        }
    }

    private PlanGenerator Generator(AppDbContext db) => new(db, NullLogger<PlanGenerator>.Instance);

    /// <summary>Every row of <paramref name="table"/> in key order, each column as text, without the random Version.</summary>
    private static async Task<List<string>> RowsAsync(TestDatabase database, string table)
    {
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY \"Id\"";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount)
                .Where(i => reader.GetName(i) != "Version")
                .Select(i => $"{reader.GetName(i)}={Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)}")));
        }

        return rows;
    }
}

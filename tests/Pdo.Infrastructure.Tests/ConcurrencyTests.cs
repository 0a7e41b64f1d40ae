using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.PlanImport;
using Pdo.Infrastructure.Tests.Support;

namespace Pdo.Infrastructure.Tests;

/// <summary>
/// Optimistic concurrency on real SQLite and PostgreSQL: two users editing the same KPI or result from two DbContexts. The second
/// save is refused (Guid Version tokens, unique indexes) and the first user's change is what stays: no lost update.
/// </summary>
public sealed class ConcurrencyTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2020, 7, 10, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task RefusesTheSecondOfTwoConcurrentCorrectionsOfAResult()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        var firstKpi = await LoadKpiAsync(first, "SOL-01.1");
        var secondKpi = await LoadKpiAsync(second, "SOL-01.1");
        Record(firstKpi, "95%", 95m);
        Record(secondKpi, "96%", 96m);

        await first.SaveChangesAsync();
        var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.IsType<KpiResult>(Assert.Single(conflict.Entries).Entity);
        var stored = await StoredResultAsync("SOL-01.1");
        Assert.Equal(("95%", 95m), (stored.ActualText, stored.Value));
    }

    [Fact]
    public async Task RefusesAReturnGivenTheResultWasConfirmedMeanwhile()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        var confirmed = (await LoadKpiAsync(first, "SOL-01.1")).Results.Single();
        var returned = (await LoadKpiAsync(second, "SOL-01.1")).Results.Single();
        confirmed.Confirm("direttore@pdo.local", At);
        returned.Return("Il valore non coincide con il cronoprogramma.", "vicedirettore@pdo.local", At);

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        var stored = await StoredResultAsync("SOL-01.1");
        Assert.Equal((ResultStatus.Confirmed, "direttore@pdo.local", null), (stored.Status, stored.ReviewedBy, stored.ReviewComment));
    }

    [Fact]
    public async Task RefusesAConfirmationGivenTheResultWasCorrectedMeanwhile()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        Record(await LoadKpiAsync(first, "SOL-01.1"), "72%", 72m);
        var seenByDirector = (await LoadKpiAsync(second, "SOL-01.1")).Results.Single();
        seenByDirector.Confirm("direttore@pdo.local", At);

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        var stored = await StoredResultAsync("SOL-01.1");
        Assert.Equal(("72%", ResultStatus.Entered), (stored.ActualText, stored.Status));
    }

    [Fact]
    public async Task RefusesTheSecondOfTwoConcurrentEditsOfAKpiInDraft()
    {
        await ImportAsync(SeedPlan.DraftTree(2020));
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        var firstKpi = await LoadKpiAsync(first, "SOL-01.1");
        var secondKpi = await LoadKpiAsync(second, "SOL-01.1");
        firstKpi.Update(firstKpi.Definition with { TargetText = "75%", TargetValue = 75m });
        secondKpi.Update(secondKpi.Definition with { Name = "Piano Quartieri: avanzamento dei lavori", Weight = 2m });

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = _database.CreateContext();
        var stored = await LoadKpiAsync(check, "SOL-01.1");
        Assert.Equal(("75%", 75m, 1m), (stored.TargetText, stored.TargetValue, stored.Weight));
        Assert.Equal("Piano Quartieri: avanzamento del 70% dei programmi di lavoro del 2019", stored.Name);
    }

    [Fact]
    public async Task RefusesOpeningAPeriodGivenThePlanWasApprovedMeanwhile()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        var approving = await LoadPlanAsync(first);
        var opening = await LoadPlanAsync(second);
        approving.Approve(new ApprovalAct("501", new DateOnly(2021, 4, 14), null), new DateOnly(2021, 6, 1));
        opening.Periods.Single(p => p.Code == "FIN").Open();

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = _database.CreateContext();
        var stored = await LoadPlanAsync(check);
        Assert.Equal(PlanStatus.Approved, stored.Status);
        Assert.All(stored.Periods, p => Assert.False(p.IsOpen));
    }

    [Fact]
    public async Task KeepsOneResultGivenTwoUsersEnterTheFirstResultOfTheSameKpiAndPeriod()
    {
        await ImportAsync(SeedPlan.DraftTree(2020));
        await using (var db = _database.CreateContext())
        {
            var plan = await db.Plans.Include(p => p.Periods).Include(p => p.Objectives).ThenInclude(o => o.Kpis).SingleAsync(p => p.Year == 2020);
            plan.StartMonitoring();
            plan.Periods.Single(p => p.Code == "INT").Open();
            await db.SaveChangesAsync();
        }

        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        var firstKpi = await LoadKpiAsync(first, "SOL-01.1");
        var secondKpi = await LoadKpiAsync(second, "SOL-01.1");
        Assert.Empty(firstKpi.Results);
        Assert.Empty(secondKpi.Results);
        Record(firstKpi, "91,1%", 91.1m);
        Record(secondKpi, "90%", 90m);

        await first.SaveChangesAsync();
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        Assert.True(TestDatabase.IsUniqueViolation(error.InnerException as DbException), $"Not the unique index on (KpiId, PeriodId): {error.InnerException}");
        await using var check = _database.CreateContext();
        var stored = await check.KpiResults.Where(r => r.Kpi!.Code == "SOL-01.1").ToListAsync();
        Assert.Equal("91,1%", Assert.Single(stored).ActualText);
    }

    [Fact]
    public async Task SavesBothGivenTwoUsersEditingDifferentResultsOfThePlan()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        Record(await LoadKpiAsync(first, "SOL-01.1"), "95%", 95m);
        Record(await LoadKpiAsync(second, "DIR-CASA-01.2"), "1.050", 1050m);

        await first.SaveChangesAsync();
        await second.SaveChangesAsync();

        Assert.Equal("95%", (await StoredResultAsync("SOL-01.1")).ActualText);
        Assert.Equal("1.050", (await StoredResultAsync("DIR-CASA-01.2")).ActualText);
    }

    private static void Record(Kpi kpi, string actual, decimal value) =>
        kpi.RecordResult(
            kpi.Objective!.Plan!.Periods.Single(p => p.Code == "INT"), actual, Measurement.Number(value), null, "ufficio@pdo.local", At);

    private static Task<Kpi> LoadKpiAsync(AppDbContext db, string code) =>
        db.Kpis
            .Include(k => k.Results)
            .Include(k => k.Objective!).ThenInclude(o => o.Plan!).ThenInclude(p => p.Periods)
            .SingleAsync(k => k.Code == code && k.Objective!.Plan!.Year == 2020);

    private static Task<PerformancePlan> LoadPlanAsync(AppDbContext db) =>
        db.Plans.Include(p => p.Periods).SingleAsync(p => p.Year == 2020);

    private async Task<KpiResult> StoredResultAsync(string kpi)
    {
        await using var db = _database.CreateContext();
        return await db.KpiResults.AsNoTracking().SingleAsync(r => r.Kpi!.Code == kpi && r.Period!.Code == "INT");
    }

    private async Task ImportAsync(System.Text.Json.Nodes.JsonObject tree)
    {
        await using var db = _database.CreateContext();
        var result = await _database.CreateImporter(db).ImportAsync(SeedPlan.Stream(tree), "test");
        Assert.True(result.Outcome == PlanImportOutcome.Imported, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }
}

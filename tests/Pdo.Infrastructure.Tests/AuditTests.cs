using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.PlanImport;
using Pdo.Infrastructure.Tests.Support;

namespace Pdo.Infrastructure.Tests;

/// <summary>
/// The audit trail on real SQLite: one row per changed field, written by AuditInterceptor in the same SaveChanges as
/// the change, never updated or deleted.
/// </summary>
public sealed class AuditTests : IDisposable
{
    private const string Reason = "Correzione del dato dopo la verifica con la Direzione Casa";

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    // ---- Creation ----

    [Fact]
    public async Task WritesWhoWhenAndTheNewValueOfEveryFieldGivenAnImportedPlan()
    {
        await ImportAsync(SeedPlan.Tree());

        await using var db = _database.CreateContext();
        var rows = await db.AuditEntries.ToListAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.Equal("test@pdo.local", r.UserName);
            Assert.Equal(_database.Clock.GetUtcNow(), r.OccurredAt);
            Assert.Equal(TimeSpan.Zero, r.OccurredAt.Offset);
            Assert.Equal(AuditAction.Created, r.Action);
            Assert.Null(r.OldValue);
            Assert.Null(r.Reason);
        });

        var actual = Assert.Single(rows, r => r.EntityKey == "2019/SOL-01/SOL-01.1/FIN" && r.Field == nameof(KpiResult.ActualText));
        Assert.Equal((nameof(KpiResult), 2019, "SOL-01", "SOL-01.1", "91,1%"), (actual.EntityType, actual.PlanYear, actual.ObjectiveCode, actual.KpiCode, actual.NewValue));
        Assert.Equal("91.1", Single(rows, "2019/SOL-01/SOL-01.1/FIN", nameof(KpiResult.Value)).NewValue);
        Assert.Equal("70", Single(rows, "2019/SOL-01/SOL-01.1", nameof(Kpi.TargetValue)).NewValue);
        Assert.Equal("Piano Quartieri", Single(rows, "2019/SOL-01", nameof(Objective.Title)).NewValue);
        Assert.Equal("Approved", Single(rows, "2019", nameof(PerformancePlan.Status)).NewValue);
        Assert.Equal("501", Single(rows, "2019", "ApprovalAct.Number").NewValue);
        Assert.Equal("2020-04-14", Single(rows, "2019", "ApprovalAct.Date").NewValue);
        Assert.Equal("2019-12-31", Single(rows, "2019/FIN", nameof(MonitoringPeriod.EndDate)).NewValue);
        Assert.Equal("Direzione Casa", Single(rows, "CASA", nameof(Directorate.Name)).NewValue);
    }

    [Fact]
    public async Task WritesNoBookkeepingFieldsGivenAnImportedPlan()
    {
        await ImportAsync(SeedPlan.Tree());

        await using var db = _database.CreateContext();
        var fields = await db.AuditEntries.Select(r => r.Field).Distinct().ToListAsync();
        Assert.DoesNotContain("Id", fields);
        Assert.DoesNotContain("Version", fields);
        Assert.DoesNotContain("SortOrder", fields);
        Assert.DoesNotContain("KpiId", fields);
        Assert.DoesNotContain("RecordedAt", fields);
    }

    // ---- Modification ----

    [Fact]
    public async Task WritesOldAndNewValueWithTheReasonGivenACorrectedResult()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        var before = await AuditCountAsync();
        _database.Clock.Advance(TimeSpan.FromDays(30));
        _database.Audit.Reason = Reason;

        await using (var db = _database.CreateContext())
        {
            var kpi = await LoadKpiAsync(db, 2020, "DIR-CASA-01.2");
            kpi.RecordResult(kpi.Objective!.Plan!.Periods.Single(p => p.Code == "INT"), "1.050", Measurement.Number(1050m), null, "ufficio@pdo.local", _database.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var rows = await RowsAfterAsync(before);
        Assert.Equal(2, rows.Count);
        var text = Single(rows, "2020/DIR-CASA-01/DIR-CASA-01.2/INT", nameof(KpiResult.ActualText));
        Assert.Equal(("1003", "1.050", AuditAction.Modified), (text.OldValue, text.NewValue, text.Action));
        var value = Single(rows, "2020/DIR-CASA-01/DIR-CASA-01.2/INT", nameof(KpiResult.Value));
        Assert.Equal(("1003", "1050"), (value.OldValue, value.NewValue));
        Assert.All(rows, r =>
        {
            Assert.Equal(Reason, r.Reason);
            Assert.Equal("test@pdo.local", r.UserName);
            Assert.Equal(new DateTimeOffset(2020, 5, 14, 10, 0, 0, TimeSpan.Zero), r.OccurredAt);
            Assert.Equal((nameof(KpiResult), 2020, "DIR-CASA-01", "DIR-CASA-01.2"), (r.EntityType, r.PlanYear, r.ObjectiveCode, r.KpiCode));
        });
    }

    [Fact]
    public async Task WritesTheStatusChangeGivenAConfirmedResult()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        var before = await AuditCountAsync();

        await using (var db = _database.CreateContext())
        {
            var kpi = await LoadKpiAsync(db, 2020, "SOL-01.1");
            kpi.Results.Single().Confirm("direttore@pdo.local", _database.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var row = Assert.Single(await RowsAfterAsync(before));
        Assert.Equal(("2020/SOL-01/SOL-01.1/INT", nameof(KpiResult.Status), "Entered", "Confirmed"), (row.EntityKey, row.Field, row.OldValue, row.NewValue));
    }

    [Fact]
    public async Task WritesTheReturnCommentGivenAReturnedResult()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        var before = await AuditCountAsync();

        await using (var db = _database.CreateContext())
        {
            var kpi = await LoadKpiAsync(db, 2020, "SOL-01.1");
            kpi.Results.Single().Return("Il valore non coincide con il cronoprogramma.", "direttore@pdo.local", _database.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var rows = await RowsAfterAsync(before);
        Assert.Equal("Returned", Single(rows, "2020/SOL-01/SOL-01.1/INT", nameof(KpiResult.Status)).NewValue);
        var comment = Single(rows, "2020/SOL-01/SOL-01.1/INT", nameof(KpiResult.ReviewComment));
        Assert.Equal((null, "Il valore non coincide con il cronoprogramma."), (comment.OldValue, comment.NewValue));
    }

    [Fact]
    public async Task WritesTheOldAndNewTargetGivenAKpiEditedInDraft()
    {
        await ImportAsync(SeedPlan.DraftTree(2020));
        var before = await AuditCountAsync();

        await using (var db = _database.CreateContext())
        {
            var kpi = await LoadKpiAsync(db, 2020, "SOL-01.1");
            kpi.Update(kpi.Definition with { TargetText = "75%", TargetValue = 75m });
            await db.SaveChangesAsync();
        }

        var rows = await RowsAfterAsync(before);
        Assert.Equal(2, rows.Count);
        Assert.Equal(("70%", "75%"), Values(Single(rows, "2020/SOL-01/SOL-01.1", nameof(Kpi.TargetText))));
        Assert.Equal(("70", "75"), Values(Single(rows, "2020/SOL-01/SOL-01.1", nameof(Kpi.TargetValue))));
    }

    [Fact]
    public async Task WritesTheOldValuesGivenAKpiRemovedInDraft()
    {
        await ImportAsync(SeedPlan.DraftTree(2020));
        var before = await AuditCountAsync();

        await using (var db = _database.CreateContext())
        {
            var kpi = await LoadKpiAsync(db, 2020, "SOL-02.3");
            kpi.Objective!.RemoveKpi(kpi);
            await db.SaveChangesAsync();
        }

        var rows = await RowsAfterAsync(before);
        var code = Single(rows, "2020/SOL-02/SOL-02.3", nameof(Kpi.Code));
        Assert.Equal((AuditAction.Deleted, "SOL-02.3", null), (code.Action, code.OldValue, code.NewValue));
        await using var check = _database.CreateContext();
        Assert.False(await check.Kpis.AnyAsync(k => k.Code == "SOL-02.3"));
    }

    // ---- Lifecycle ----

    [Fact]
    public async Task WritesTheApprovalWithTheActTheClosedPeriodsAndTheReason()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        var before = await AuditCountAsync();
        _database.Audit.Reason = "Delibera di Giunta n. 501 del 14/04/2021";

        await using (var db = _database.CreateContext())
        {
            var plan = await db.Plans.Include(p => p.Periods).SingleAsync(p => p.Year == 2020);
            plan.Approve(new ApprovalAct("501", new DateOnly(2021, 4, 14), "https://www.comune.milano.it/delibera-501.pdf"), new DateOnly(2021, 6, 1));
            await db.SaveChangesAsync();
        }

        var rows = await RowsAfterAsync(before);
        Assert.Equal(("Monitoring", "Approved"), Values(Single(rows, "2020", nameof(PerformancePlan.Status))));
        Assert.Equal((null, "501"), Values(Single(rows, "2020", "ApprovalAct.Number")));
        Assert.Equal((null, "2021-04-14"), Values(Single(rows, "2020", "ApprovalAct.Date")));
        Assert.Equal((null, "https://www.comune.milano.it/delibera-501.pdf"), Values(Single(rows, "2020", "ApprovalAct.Link")));
        Assert.Equal(("true", "false"), Values(Single(rows, "2020/INT", nameof(MonitoringPeriod.IsOpen))));
        Assert.All(rows, r => Assert.Equal("Delibera di Giunta n. 501 del 14/04/2021", r.Reason));
        Assert.All(rows, r => Assert.Equal(2020, r.PlanYear));
    }

    [Fact]
    public async Task WritesTheReopeningWithTheWithdrawnActAndTheReason()
    {
        await ImportAsync(SeedPlan.Tree());
        var before = await AuditCountAsync();
        _database.Audit.Reason = Reason;

        await using (var db = _database.CreateContext())
        {
            var plan = await db.Plans.SingleAsync(p => p.Year == 2019);
            plan.Reopen(Reason);
            await db.SaveChangesAsync();
        }

        var rows = await RowsAfterAsync(before);
        Assert.Equal(("Approved", "Monitoring"), Values(Single(rows, "2019", nameof(PerformancePlan.Status))));
        Assert.Equal(("501", null), Values(Single(rows, "2019", "ApprovalAct.Number")));
        Assert.Equal(("2020-04-14", null), Values(Single(rows, "2019", "ApprovalAct.Date")));
        Assert.All(rows, r =>
        {
            Assert.Equal(Reason, r.Reason);
            Assert.Equal(2019, r.PlanYear);
            Assert.Equal(nameof(PerformancePlan), r.EntityType);
        });
        await using var check = _database.CreateContext();
        var reopened = await check.Plans.SingleAsync(p => p.Year == 2019);
        Assert.Equal(PlanStatus.Monitoring, reopened.Status);
        Assert.Null(reopened.ApprovalAct);
    }

    // ---- A failed save writes nothing ----

    [Fact]
    public async Task LeavesNeitherTheChangeNorItsAuditRowsGivenAUniqueIndexViolation()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        var before = await AuditCountAsync();

        await using (var db = _database.CreateContext())
        {
            var kpi = await LoadKpiAsync(db, 2020, "SOL-01.1");
            kpi.RecordResult(kpi.Objective!.Plan!.Periods.Single(p => p.Code == "INT"), "95%", Measurement.Number(95m), null, "ufficio@pdo.local", _database.Clock.GetUtcNow());
            db.Directorates.Add(new Directorate("CASA", "Direzione Casa (duplicata)", new DateOnly(2019, 1, 1)));

            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before, await AuditCountAsync());
        Assert.Equal("91,1%", await ActualTextAsync(2020, "SOL-01.1"));
        await using var check = _database.CreateContext();
        Assert.Equal(4, await check.Directorates.CountAsync());
    }

    [Fact]
    public async Task LeavesNeitherTheChangeNorItsAuditRowsGivenAConcurrencyConflict()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        var firstKpi = await LoadKpiAsync(first, 2020, "SOL-01.1");
        var secondKpi = await LoadKpiAsync(second, 2020, "SOL-01.1");
        Record(firstKpi, "95%", 95m);
        Record(secondKpi, "96%", 96m);
        await first.SaveChangesAsync();
        var before = await AuditCountAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.Equal(before, await AuditCountAsync());
        Assert.Equal("95%", await ActualTextAsync(2020, "SOL-01.1"));
        await using var check = _database.CreateContext();
        Assert.False(await check.AuditEntries.AnyAsync(r => r.NewValue == "96%"));
    }

    [Fact]
    public async Task WritesNoAuditRowForAChangeAbandonedAfterAFailedSave()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        await using (var db = _database.CreateContext())
        {
            var duplicate = new Directorate("CASA", "Direzione Casa (duplicata)", new DateOnly(2019, 1, 1));
            db.Directorates.Add(duplicate);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

            // The caller gives up the duplicate and saves something else with the same context.
            db.Entry(duplicate).State = EntityState.Detached;
            var kpi = await LoadKpiAsync(db, 2020, "SOL-01.1");
            Record(kpi, "95%", 95m);
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateContext();
        Assert.False(await check.AuditEntries.AnyAsync(r => r.NewValue == "Direzione Casa (duplicata)"));
        Assert.Equal(1, await check.AuditEntries.CountAsync(r => r.EntityKey == "2020/SOL-01/SOL-01.1/INT" && r.NewValue == "95%"));
    }

    [Fact]
    public async Task WritesTheRowsOnceWithTheStoredOldValueGivenASaveRetriedAfterAConflict()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        Record(await LoadKpiAsync(first, 2020, "SOL-01.1"), "95%", 95m);
        Record(await LoadKpiAsync(second, 2020, "SOL-01.1"), "96%", 96m);
        await first.SaveChangesAsync();

        // The usual EF Core resolution: take the stored values as the originals and save again ("client wins").
        var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        foreach (var entry in conflict.Entries)
        {
            entry.OriginalValues.SetValues((await entry.GetDatabaseValuesAsync())!);
        }

        await second.SaveChangesAsync();

        await using var check = _database.CreateContext();
        var row = await check.AuditEntries.SingleAsync(r => r.EntityKey == "2020/SOL-01/SOL-01.1/INT" && r.Field == "ActualText" && r.NewValue == "96%");
        Assert.Equal("95%", row.OldValue);
    }

    [Fact]
    public async Task DetectsChangesAgainGivenSavesThatSucceededConflictedFailedOrWereRefused()
    {
        // The interceptor detects the changes itself and turns EF Core's detection off for the rest of the save: it must
        // come back on however the save ends, or the context's next change would not be seen.
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        Record(await LoadKpiAsync(first, 2020, "SOL-01.1"), "95%", 95m);
        Record(await LoadKpiAsync(second, 2020, "SOL-01.1"), "96%", 96m);

        await first.SaveChangesAsync();
        Assert.True(first.ChangeTracker.AutoDetectChangesEnabled);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.True(second.ChangeTracker.AutoDetectChangesEnabled);

        second.ChangeTracker.Clear();
        second.Directorates.Add(new Directorate("CASA", "Direzione Casa (duplicata)", new DateOnly(2019, 1, 1)));
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
        Assert.True(second.ChangeTracker.AutoDetectChangesEnabled);

        second.ChangeTracker.Clear();
        var row = await second.AuditEntries.FirstAsync();
        second.Entry(row).Property(r => r.NewValue).CurrentValue = "100%";
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.SaveChangesAsync());
        Assert.True(second.ChangeTracker.AutoDetectChangesEnabled);

        // A change made after all that, through the same context, is detected and saved with its audit row.
        second.ChangeTracker.Clear();
        var kpi = await LoadKpiAsync(second, 2020, "FUN-01.1");
        Record(kpi, "3%", 3m);
        Assert.True(second.ChangeTracker.HasChanges());
        await second.SaveChangesAsync();
        Assert.Equal("3%", await ActualTextAsync(2020, "FUN-01.1"));
        await using var check = _database.CreateContext();
        Assert.Equal(1, await check.AuditEntries.CountAsync(r => r.EntityKey == "2020/FUN-01/FUN-01.1/INT" && r.NewValue == "3%"));
    }

    // ---- Audit rows are append-only ----

    [Fact]
    public async Task RefusesToModifyAnAuditRowAndWritesNothing()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        var before = await AuditCountAsync();

        await using (var db = _database.CreateContext())
        {
            var row = await db.AuditEntries.FirstAsync(r => r.EntityKey == "2020/SOL-01/SOL-01.1/INT" && r.Field == "ActualText");
            db.Entry(row).Property(r => r.NewValue).CurrentValue = "100%";
            Record(await LoadKpiAsync(db, 2020, "FUN-01.1"), "3%", 3m);

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before, await AuditCountAsync());
        await using var check = _database.CreateContext();
        Assert.Equal("91,1%", (await check.AuditEntries.SingleAsync(r => r.EntityKey == "2020/SOL-01/SOL-01.1/INT" && r.Field == "ActualText")).NewValue);
        Assert.Equal("2,9%", await ActualTextAsync(2020, "FUN-01.1"));
    }

    [Fact]
    public async Task RefusesToDeleteAnAuditRowAndWritesNothing()
    {
        await ImportAsync(SeedPlan.MonitoringTree(2020));
        var before = await AuditCountAsync();

        await using (var db = _database.CreateContext())
        {
            var row = await db.AuditEntries.FirstAsync();
            db.AuditEntries.Remove(row);

            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        Assert.Equal(before, await AuditCountAsync());
    }

    private static void Record(Kpi kpi, string actual, decimal value) =>
        kpi.RecordResult(
            kpi.Objective!.Plan!.Periods.Single(p => p.Code == "INT"), actual, Measurement.Number(value), null, "ufficio@pdo.local",
            new DateTimeOffset(2020, 7, 10, 9, 0, 0, TimeSpan.Zero));

    private static AuditEntry Single(IEnumerable<AuditEntry> rows, string key, string field) =>
        Assert.Single(rows, r => r.EntityKey == key && r.Field == field);

    private static (string? Old, string? New) Values(AuditEntry row) => (row.OldValue, row.NewValue);

    private static Task<Kpi> LoadKpiAsync(AppDbContext db, int year, string code) =>
        db.Kpis
            .Include(k => k.Results)
            .Include(k => k.Objective!).ThenInclude(o => o.Plan!).ThenInclude(p => p.Periods)
            .SingleAsync(k => k.Code == code && k.Objective!.Plan!.Year == year);

    private async Task ImportAsync(System.Text.Json.Nodes.JsonObject tree)
    {
        await using var db = _database.CreateContext();
        var result = await _database.CreateImporter(db).ImportAsync(SeedPlan.Stream(tree), "test");
        Assert.True(result.Outcome == PlanImportOutcome.Imported, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = _database.CreateContext();
        return await db.AuditEntries.CountAsync();
    }

    private async Task<List<AuditEntry>> RowsAfterAsync(int count)
    {
        await using var db = _database.CreateContext();
        return await db.AuditEntries.OrderBy(r => r.Id).Skip(count).ToListAsync();
    }

    private async Task<string> ActualTextAsync(int year, string kpi)
    {
        await using var db = _database.CreateContext();
        return await db.KpiResults
            .Where(r => r.Kpi!.Code == kpi && r.Kpi.Objective!.Plan!.Year == year)
            .Select(r => r.ActualText)
            .SingleAsync();
    }
}

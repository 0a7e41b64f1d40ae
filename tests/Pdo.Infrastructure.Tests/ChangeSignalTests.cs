using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Infrastructure.PlanImport;
using Pdo.Infrastructure.Tests.Support;

namespace Pdo.Infrastructure.Tests;

/// <summary>
/// The change signal moves only once a change is durable, so that a cache reading it before the database never
/// misses a commit and never keeps data that a rollback undid.
/// </summary>
public sealed class ChangeSignalTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ReturnsAMovedVersionGivenASavedResult()
    {
        await ImportAsync();
        var before = _database.Signal.Version;

        await using (var db = _database.CreateContext())
        {
            Record(await LoadKpiAsync(db), "95%", 95m);
            await db.SaveChangesAsync();
        }

        Assert.True(_database.Signal.Version > before);
    }

    [Fact]
    public async Task ReturnsTheSameVersionUntilTheCommitGivenASaveInsideATransaction()
    {
        await ImportAsync();
        await using var db = _database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var before = _database.Signal.Version;

        Record(await LoadKpiAsync(db), "95%", 95m);
        await db.SaveChangesAsync();
        Assert.Equal(before, _database.Signal.Version);

        await transaction.CommitAsync();
        Assert.True(_database.Signal.Version > before);
    }

    [Fact]
    public async Task ReturnsTheSameVersionGivenARolledBackTransaction()
    {
        await ImportAsync();
        await using var db = _database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var before = _database.Signal.Version;

        Record(await LoadKpiAsync(db), "95%", 95m);
        await db.SaveChangesAsync();
        await transaction.RollbackAsync();

        Assert.Equal(before, _database.Signal.Version);
    }

    [Fact]
    public async Task ReturnsTheSameVersionGivenAFailedSave()
    {
        await ImportAsync();
        await using var db = _database.CreateContext();
        var before = _database.Signal.Version;

        db.Directorates.Add(new Directorate("CASA", "Direzione Casa (duplicata)", new DateOnly(2019, 1, 1)));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(before, _database.Signal.Version);
    }

    [Fact]
    public async Task ReturnsTheSamePeopleVersionGivenASavedResult()
    {
        // The security-stamp cache reads PeopleVersion: results saved meanwhile do not make every read ask the database.
        await ImportAsync();
        var before = _database.Signal.PeopleVersion;

        await using (var db = _database.CreateContext())
        {
            Record(await LoadKpiAsync(db), "95%", 95m);
            await db.SaveChangesAsync();
        }

        Assert.Equal(before, _database.Signal.PeopleVersion);
    }

    [Fact]
    public async Task ReturnsAMovedPeopleVersionGivenASavedChangeOfAUser()
    {
        await using var db = _database.CreateContext();
        db.Users.Add(new AppUser { UserName = "segnale@pdo.local", Email = "segnale@pdo.local", FullName = "Prova Segnale" });
        await db.SaveChangesAsync();
        var before = (_database.Signal.Version, _database.Signal.PeopleVersion);

        var user = await db.Users.SingleAsync(u => u.UserName == "segnale@pdo.local");
        user.SecurityStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync();

        Assert.True(_database.Signal.PeopleVersion > before.PeopleVersion);
        Assert.True(_database.Signal.Version > before.Version);
    }

    [Fact]
    public async Task ReturnsTheSamePeopleVersionUntilTheCommitGivenAUserChangedInsideATransaction()
    {
        await using var db = _database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var before = _database.Signal.PeopleVersion;

        db.Users.Add(new AppUser { UserName = "transazione@pdo.local", Email = "transazione@pdo.local", FullName = "Prova Transazione" });
        await db.SaveChangesAsync();
        Assert.Equal(before, _database.Signal.PeopleVersion);

        await transaction.CommitAsync();
        Assert.True(_database.Signal.PeopleVersion > before);
    }

    private static void Record(Kpi kpi, string actual, decimal value) =>
        kpi.RecordResult(
            kpi.Objective!.Plan!.Periods.Single(p => p.Code == "INT"), actual, Measurement.Number(value), null, "ufficio@pdo.local",
            new DateTimeOffset(2020, 7, 10, 9, 0, 0, TimeSpan.Zero));

    private static Task<Kpi> LoadKpiAsync(AppDbContext db) =>
        db.Kpis
            .Include(k => k.Results)
            .Include(k => k.Objective!).ThenInclude(o => o.Plan!).ThenInclude(p => p.Periods)
            .SingleAsync(k => k.Code == "SOL-01.1" && k.Objective!.Plan!.Year == 2020);

    private async Task ImportAsync()
    {
        await using var db = _database.CreateContext();
        var result = await _database.CreateImporter(db).ImportAsync(SeedPlan.Stream(SeedPlan.MonitoringTree(2020)), "test");
        Assert.Equal(PlanImportOutcome.Imported, result.Outcome);
    }
}

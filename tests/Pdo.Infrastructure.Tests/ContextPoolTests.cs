using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Tests;

/// <summary>
/// The portal's contexts are pooled (DatabaseSetup): each scope leases one, gives it back once when it ends, and
/// saves through it as the scope's own user, with none of an earlier scope's queued security events.
/// </summary>
public sealed class ContextPoolTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pdo-pool-");
    private int _users;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public void ReturnsADifferentContextToEachOpenScopeGivenAContextGivenBackByAnEndedScope()
    {
        using var services = Services();
        AppDbContext ended;
        using (var scope = services.CreateScope())
        {
            ended = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Same(ended, scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }

        // The ended scope's context went back to the pool: one of two scopes open together gets it, the other a new one.
        // (A context given back twice is leased twice only when a request leases it between the two Disposes, which
        // this sequential test cannot stage: the next test pins the one registration that rules that out.)
        using var first = services.CreateScope();
        using var second = services.CreateScope();
        var one = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var other = second.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.NotSame(one, other);
        Assert.True(ReferenceEquals(ended, one) || ReferenceEquals(ended, other), "the ended scope's context is reused");
    }

    [Fact]
    public void ServesTheLeasedContextUnderOneServiceTypeGivenThePortalsRegistrations()
    {
        // DI disposes what each registration gave, and a leased context goes back to the pool at its first Dispose: served
        // also as SqliteAppDbContext, an ended scope would give it back a second time, perhaps while a concurrent request
        // had leased it already (two requests on one context: seen under eight writers before this registration).
        var services = new ServiceCollection();
        services.AddPdoInfrastructure(new ConfigurationBuilder().Build(), _folder.FullName);

        var contexts = services.Where(d => typeof(DbContext).IsAssignableFrom(d.ServiceType)).Select(d => d.ServiceType).ToList();

        Assert.Equal([typeof(AppDbContext)], contexts);
    }

    [Fact]
    public async Task AuditsAsTheScopesUserWithoutAnEarlierScopesEventsGivenAReusedContext()
    {
        await using var services = Services();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.MigrateAsync();
            Assert.Equal("utente-1", db.Audit.Who.UserName);
            new SecurityAuditLog(db).Enqueue(SecurityEvent.SignInFailed, "utente-1", "utente-1", "mai salvato");
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal("utente-2", db.Audit.Who.UserName);
            db.Directorates.Add(new Directorate("CASA", "Direzione Casa", new DateOnly(2019, 1, 1)));
            await db.SaveChangesAsync();
        }

        await using var check = services.CreateAsyncScope();
        var rows = await check.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().ToListAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("utente-2", r.UserName));
        Assert.DoesNotContain(rows, r => r.EntityType == SecurityAuditLog.EntityType);
    }

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            [new("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(_folder.FullName, "pool.db")}")]).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<IAuditContext>(_ => new SystemAuditContext { UserName = $"utente-{Interlocked.Increment(ref _users)}" });
        services.AddPdoInfrastructure(configuration, _folder.FullName);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}

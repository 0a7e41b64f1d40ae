using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Dashboards;

/// <summary>
/// When the dashboards' snapshots are checked against the database: at once after a commit made by this process
/// (the change signal moved), otherwise once per interval (changes made by another instance).
/// </summary>
public sealed class DashboardCacheTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    // This cache plays another instance: the app's own commits do not move its signal.
    private readonly DataChangeSignal _signal = new();
    private readonly FakeTimeProvider _clock = new();

    public Task InitializeAsync() => factory.EnsurePlan2020Async();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReturnsTheSameSnapshotsWithinTheIntervalAndTheChangeAfterItGivenAChangeByAnotherInstance()
    {
        var cache = NewCache();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = await cache.AllAsync(db, CancellationToken.None);

        await SaveResultAsync("NO", "Il bando è andato deserto.");
        _clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        var within = await cache.AllAsync(db, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var after = await cache.AllAsync(db, CancellationToken.None);

        Assert.Same(before, within);
        Assert.NotSame(before, after);
        Assert.Equal("NO", await ActualTextAsync(after, db));
    }

    [Fact]
    public async Task ReturnsTheSameChangeStampGivenAChangeOfAnotherYear()
    {
        var cache = NewCache();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before2019 = await cache.ChangeStampAsync(db, 2019, CancellationToken.None);
        var before2020 = await cache.ChangeStampAsync(db, 2020, CancellationToken.None);

        await SaveResultAsync("SI", null);
        _signal.Changed();
        var after2019 = await cache.ChangeStampAsync(db, 2019, CancellationToken.None);
        var after2020 = await cache.ChangeStampAsync(db, 2020, CancellationToken.None);

        Assert.NotNull(before2019);
        Assert.Equal(before2019, after2019);
        Assert.Equal(await LastAuditIdAsync(db, 2019), after2019?.LastId);
        Assert.True(after2020?.LastId > before2020?.LastId, "The change of 2020 was expected to move 2020's stamp.");
        Assert.True(after2020?.Rows > before2020?.Rows, "The change of 2020 was expected to count 2020's new audit rows.");
    }

    [Fact]
    public async Task ReturnsTheNewHighestAuditIdOfTheYearGivenAChangeOfThatYear()
    {
        var cache = NewCache();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await cache.AllAsync(db, CancellationToken.None);
        var before = await cache.ChangeStampAsync(db, 2020, CancellationToken.None);

        await SaveResultAsync("NO", "Il bando è andato deserto.");
        var within = await cache.ChangeStampAsync(db, 2020, CancellationToken.None);
        _signal.Changed();
        var after = await cache.ChangeStampAsync(db, 2020, CancellationToken.None);

        Assert.Equal(before, within); // another instance's change, within the interval: the stamp of a moment ago
        Assert.NotEqual(before, after);
        Assert.Equal(await LastAuditIdAsync(db, 2020), after?.LastId);
        Assert.Equal(await db.AuditEntries.LongCountAsync(a => a.PlanYear == 2020), after?.Rows);
    }

    [Fact]
    public async Task ReturnsTheChangeAtOnceGivenACommitSignalledByThisProcess()
    {
        var cache = NewCache();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await cache.AllAsync(db, CancellationToken.None);

        await SaveResultAsync("SI", null);
        _signal.Changed();
        var after = await cache.AllAsync(db, CancellationToken.None);

        Assert.Equal("SI", await ActualTextAsync(after, db));
    }

    [Fact]
    public async Task ReturnsTheRollUpsOfAFreshLoadGivenResultsRescoredIncrementally()
    {
        var cache = NewCache();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = (await cache.AllAsync(db, CancellationToken.None)).Single(p => p.Year == 2020);
        var period = before.Periods.Single(p => p.Code == "INT").Id;
        var overallBefore = before.Overall(period).Score;

        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await ResultForm.SaveAsync(factory, office, 2020, "DIR-CASA-01", "INT", ("100%", null), ("720", "Cantieri in ritardo."), ("2.646", null));
        _signal.Changed();
        var incremental = (await cache.AllAsync(db, CancellationToken.None)).Single(p => p.Year == 2020);
        var fresh = (await NewCache().AllAsync(db, CancellationToken.None)).Single(p => p.Year == 2020);

        Assert.Same(before.KpiIndex, incremental.KpiIndex); // rescored in place of a reload
        Assert.Equal(Rollups(fresh, period), Rollups(incremental, period));
        Assert.Equal(fresh.Overall(period).Score, incremental.Overall(period).Score);
        Assert.NotEqual(overallBefore, incremental.Overall(period).Score);
    }

    /// <summary>
    /// PostgreSQL and SQL Server take an audit id at insert: a transaction holding a lower id may commit after the stamp
    /// has passed it. Played here with audit rows under chosen ids (SQLite, whose single writer commits ids in order,
    /// cannot produce it): a row of no plan under id S+3 commits first, then a result changed under id S+1.
    /// </summary>
    [Fact]
    public async Task ReturnsTheChangeGivenAResultCommittedLateUnderALowerAuditId()
    {
        var cache = NewCache();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await SaveResultAsync("SI", null);
        var source = await db.AuditEntries.Where(a => a.PlanYear == 2020 && a.EntityType == "KpiResult").MaxAsync(a => a.Id);
        var kpi = await db.Kpis.Where(k => k.Objective!.Code == "DIR-SOC-01" && k.Objective.Plan!.Year == 2020).OrderBy(k => k.SortOrder)
            .Select(k => new { k.Id, k.Code }).FirstAsync();
        await cache.AllAsync(db, CancellationToken.None);
        var stampBefore = await cache.ChangeStampAsync(db, 2020, CancellationToken.None);
        var stamp = await db.AuditEntries.MaxAsync(a => a.Id);

        await CopyAuditRowAsync(db, source, stamp + 3, kpiCode: null); // committed first
        _signal.Changed();
        var meanwhile = await cache.AllAsync(db, CancellationToken.None);
        var period = meanwhile.Single(p => p.Year == 2020).Periods.Single(p => p.Code == "INT").Id;
        await db.Database.ExecuteSqlAsync($"""UPDATE "KpiResults" SET "ActualText" = 'NO', "Done" = {false} WHERE "KpiId" = {kpi.Id} AND "PeriodId" = {period}""");
        await CopyAuditRowAsync(db, source, stamp + 1, kpi.Code); // committed late, under a lower id
        _signal.Changed();
        var after = await cache.AllAsync(db, CancellationToken.None);
        var stampAfter = await cache.ChangeStampAsync(db, 2020, CancellationToken.None);

        Assert.Equal("SI", await ActualTextAsync(meanwhile, db));
        Assert.Equal("NO", await ActualTextAsync(after, db));
        Assert.NotEqual(stampBefore, stampAfter);
        Assert.Equal(stampBefore?.Rows + 1, stampAfter?.Rows);
    }

    [Fact]
    public async Task KeepsEverySnapshotGivenAUserChangeAndASecurityEvent()
    {
        var cache = NewCache();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = await cache.AllAsync(db, CancellationToken.None);
        var stamp = await db.AuditEntries.MaxAsync(a => a.Id);

        await factory.CreateUserAsync("cruscotto.immutato@pdo.local", Roles.DirectorateManager, "CASA");
        await using (var events = factory.Services.CreateAsyncScope())
        {
            await events.ServiceProvider.GetRequiredService<SecurityAuditLog>()
                .RecordAsync(SecurityEvent.SignInFailed, "cruscotto.immutato@pdo.local", "cruscotto.immutato@pdo.local");
        }

        _signal.Changed();
        var after = await cache.AllAsync(db, CancellationToken.None);

        Assert.True(await db.AuditEntries.CountAsync(a => a.Id > stamp && a.PlanYear == null) >= 4, "The user and the event wrote audit rows.");
        Assert.Same(before, after);
    }

    [Fact]
    public async Task RendersAgainGivenARequestTheClientAbandoned()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var filter = await NewFilterAsync(scope);
        var renders = 0;

        // The client went away while the page was being rendered: nothing (or a part) was written.
        using (var gone = new CancellationTokenSource())
        {
            await gone.CancelAsync();
            var abandoned = Request(gone.Token);
            await Record.ExceptionAsync(() => filter.OnResourceExecutionAsync(abandoned, Render(abandoned, "", () => renders++)));
        }

        var next = Request(CancellationToken.None);
        await filter.OnResourceExecutionAsync(next, Render(next, "<p>cruscotto</p>", () => renders++));
        var remembered = Request(CancellationToken.None);
        await filter.OnResourceExecutionAsync(remembered, Render(remembered, "<p>altro</p>", () => renders++));

        Assert.Equal(2, renders);
        var page = Assert.IsType<FileContentResult>(remembered.Result);
        Assert.Equal("<p>cruscotto</p>", System.Text.Encoding.UTF8.GetString(page.FileContents));
    }

    [Theory]
    [InlineData("Pdo.Auth=biglietto-rinnovato; path=/; secure; httponly", 1)]
    [InlineData("Pdo.Antiforgery=nuovo-gettone; path=/; secure; httponly", 2)]
    public async Task RendersOnceGivenARenewedSignInCookieAndAgainGivenANewAntiforgeryCookie(string setCookie, int expectedRenders)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var filter = await NewFilterAsync(scope);
        var renders = 0;

        var first = Request(CancellationToken.None);
        await filter.OnResourceExecutionAsync(first, async () =>
        {
            first.HttpContext.Response.Headers.Append("Set-Cookie", setCookie);
            return await Render(first, "<p>cruscotto</p>", () => renders++)();
        });
        var next = Request(CancellationToken.None);
        await filter.OnResourceExecutionAsync(next, Render(next, "<p>cruscotto</p>", () => renders++));

        Assert.Equal(expectedRenders, renders);
    }

    private async Task<RenderedDashboardCache> NewFilterAsync(AsyncServiceScope scope)
    {
        var cache = NewCache();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await cache.AllAsync(db, CancellationToken.None);
        return new RenderedDashboardCache(cache, db, Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions { Cookie = { Name = "Pdo.Antiforgery" } }));
    }

    private static List<(decimal? Score, int Measured, int Total)> Rollups(PlanSnapshot plan, int period) =>
        [.. plan.ObjectiveScores(period).Select(o => (o.Score, o.MeasuredKpis, o.TotalKpis))];

    private DashboardCache NewCache()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Dashboards:ChangeCheckInterval"] = Interval.ToString() })
            .Build();
        return new DashboardCache(_signal, _clock, configuration, NullLogger<DashboardCache>.Instance);
    }

    private async Task SaveResultAsync(string actual, string? justification)
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var response = await ResultForm.PostAsync(factory, office, 2020, "DIR-SOC-01", "INT", (actual, justification));
        Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode == 302, $"The result was not saved: {(int)response.StatusCode}");
    }

    /// <summary>A copy of audit row <paramref name="source"/> under id <paramref name="id"/>: of no plan, or of <paramref name="kpiCode"/> of its objective.</summary>
    private static async Task CopyAuditRowAsync(AppDbContext db, long source, long id, string? kpiCode)
    {
        if (kpiCode is null)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "AuditEntries" ("Id", "OccurredAt", "UserName", "Action", "EntityType", "EntityKey", "PlanYear", "ObjectiveCode", "KpiCode", "Field", "OldValue", "NewValue", "Reason")
                SELECT {id}, "OccurredAt", "UserName", "Action", 'ApplicationUser', "EntityKey", NULL, NULL, NULL, "Field", "OldValue", "NewValue", "Reason"
                FROM "AuditEntries" WHERE "Id" = {source}
                """);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "AuditEntries" ("Id", "OccurredAt", "UserName", "Action", "EntityType", "EntityKey", "PlanYear", "ObjectiveCode", "KpiCode", "Field", "OldValue", "NewValue", "Reason")
                SELECT {id}, "OccurredAt", "UserName", "Action", "EntityType", "EntityKey", "PlanYear", "ObjectiveCode", {kpiCode}, "Field", "OldValue", "NewValue", "Reason"
                FROM "AuditEntries" WHERE "Id" = {source}
                """);
        }

        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            // An id given by hand does not move PostgreSQL's identity: the next rows' ids must stay above it.
            await db.Database.ExecuteSqlRawAsync("""SELECT setval(pg_get_serial_sequence('"AuditEntries"', 'Id'), (SELECT MAX("Id") FROM "AuditEntries"))""");
        }
    }

    private static Task<long?> LastAuditIdAsync(AppDbContext db, int year) =>
        db.AuditEntries.Where(a => a.PlanYear == year).MaxAsync(a => (long?)a.Id);

    private static async Task<string?> ActualTextAsync(IReadOnlyList<PlanSnapshot> snapshots, AppDbContext db)
    {
        var kpi = await db.Kpis.Where(k => k.Objective!.Code == "DIR-SOC-01" && k.Objective.Plan!.Year == 2020).OrderBy(k => k.SortOrder).Select(k => k.Id).FirstAsync();
        var plan = snapshots.Single(p => p.Year == 2020);
        return plan.Result(plan.Periods.Single(p => p.Code == "INT").Id, kpi)?.ActualText;
    }

    private static ResourceExecutingContext Request(CancellationToken aborted)
    {
        var http = new DefaultHttpContext { RequestAborted = aborted };
        http.Request.Method = HttpMethods.Get;
        http.Request.Path = "/piani/2020/cruscotto";
        http.Request.Headers.Cookie = "Pdo.Antiforgery=token-del-browser";
        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ufficio@pdo.local"), new Claim(ClaimTypes.Role, Roles.PlanningOffice)], "Test"));
        var action = new ActionContext(http, new RouteData(), new ActionDescriptor());
        return new ResourceExecutingContext(action, [], new List<IValueProviderFactory>());
    }

    private static ResourceExecutionDelegate Render(ResourceExecutingContext context, string html, Action counted) => async () =>
    {
        counted();
        await context.HttpContext.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(html));
        return new ResourceExecutedContext(context, []);
    };
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;

namespace Pdo.Web.Tests.Support;

/// <summary>
/// The whole portal over a real SQLite file of its own, or a PostgreSQL database of its own when
/// <c>PDO_TEST_POSTGRES</c> is set (<see cref="TestDatabaseServer"/>; dropped at dispose), with migrations applied and the
/// 2019 plan seeded at start-up, as in production, in the Testing environment, with a test authentication scheme
/// beside the real cookie.
/// </summary>
public partial class PdoWebFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Password-di-prova-1";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "pdo-tests", Guid.NewGuid().ToString("N"));

    private readonly string? _postgreSql = TestDatabaseServer.IsPostgreSql ? TestDatabaseServer.CreatePostgreSqlDatabase() : null;

    /// <summary>This portal's own data folder (database, logs).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>The connection string of this portal's PostgreSQL database, or null on SQLite.</summary>
    public string? PostgreSqlConnectionString => _postgreSql;

    /// <summary>
    /// The settings that put a portal (this one, another process, another factory) on this portal's database:
    /// its PostgreSQL database with the migrations applied at start-up, or else nothing (the SQLite file of the data
    /// folder, <see cref="DataDirectory"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> DatabaseSettings => _postgreSql is null
        ? new Dictionary<string, string>()
        : new Dictionary<string, string>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings:PostgreSql"] = _postgreSql,
            ["Database:MigrateAtStartup"] = "true",
        };

    /// <summary>Adds EF Core options (an interceptor…) to the context of whichever provider the tests run on.</summary>
    public static void ConfigureDbContext(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
    {
        if (TestDatabaseServer.IsPostgreSql)
        {
            services.ConfigureDbContext<PostgreSqlAppDbContext>(configure, ServiceLifetime.Singleton);
        }
        else
        {
            services.ConfigureDbContext<SqliteAppDbContext>(configure, ServiceLifetime.Singleton);
        }
    }

    /// <summary>A raw connection (no EF Core, no interceptor, no change signal) to this portal's database, unopened.</summary>
    public async Task<System.Data.Common.DbConnection> OpenRawConnectionAsync()
    {
        var connectionString = await WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        System.Data.Common.DbConnection connection = _postgreSql is null
            ? new Microsoft.Data.Sqlite.SqliteConnection(connectionString)
            : new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A client over https (the cookies are Secure) that does not follow redirects.</summary>
    public HttpClient CreateHttpsClient(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = followRedirects });

    /// <summary>A client signed in by the test scheme as <paramref name="role"/> bound to the Direzioni with these codes.</summary>
    public async Task<HttpClient> CreateClientAsAsync(string role, params string[] directorateCodes)
    {
        var client = CreateHttpsClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, role);
        if (directorateCodes.Length > 0)
        {
            var ids = await WithDbAsync(db => db.Directorates.Where(d => directorateCodes.Contains(d.Code)).Select(d => d.Id).ToListAsync());
            client.DefaultRequestHeaders.Add(TestAuthHandler.DirectoratesHeader, string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))));
        }

        return client;
    }

    /// <summary>Like <see cref="CreateClientAsAsync"/>, signed in under <paramref name="userName"/> (a second user of a role).</summary>
    public async Task<HttpClient> CreateClientAsUserAsync(string userName, string role, params string[] directorateCodes)
    {
        var client = await CreateClientAsAsync(role, directorateCodes);
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, userName);
        return client;
    }

    /// <summary>Creates a real user with <see cref="DemoPassword"/>.</summary>
    public Task<AppUser> CreateUserAsync(string email, string role, params string[] directorateCodes) =>
        CreateUserWithPasswordAsync(email, role, DemoPassword, directorateCodes);

    /// <summary>Creates a real user with this password.</summary>
    public async Task<AppUser> CreateUserWithPasswordAsync(string email, string role, string password, params string[] directorateCodes)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = $"Utente {email}" };
        user.SetDirectorates(await db.Directorates.Where(d => directorateCodes.Contains(d.Code)).Select(d => d.Id).ToListAsync());
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(' ', result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>The antiforgery token of a page's first form (the client keeps the matching cookie).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"No antiforgery token in {url}");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts a form with the antiforgery token taken from <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AntiforgeryTokenAsync(client, formPage);
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(action, content);
    }

    /// <summary>Imports a plan (a JSON tree such as <see cref="SeedPlanJson.AsYear"/>) through the real importer; it must be imported.</summary>
    public async Task ImportPlanAsync(System.Text.Json.Nodes.JsonObject tree)
    {
        await using var scope = Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<Pdo.Infrastructure.PlanImport.PlanImporter>();
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(tree.ToJsonString()));
        var result = await importer.ImportAsync(json, "test");
        Assert.True(result.Outcome == Pdo.Infrastructure.PlanImport.PlanImportOutcome.Imported, result.Summary);
    }

    /// <summary>
    /// Waits until the dashboards hold every plan's snapshot (after a restart the others load in the background), so a
    /// test that compares two renderings of a page is not disturbed by the trend filling in between.
    /// </summary>
    public async Task WaitForAllPlanSnapshotsAsync()
    {
        var cache = Services.GetRequiredService<Pdo.Web.Features.Dashboards.DashboardCache>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (snapshots, _) = await WithDbAsync(db => cache.LoadedAsync(db, CancellationToken.None));
            if (snapshots.Complete)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The plans' snapshots were not all loaded within a minute.");
            await Task.Delay(50);
        }
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:DataDirectory", _dataDirectory);

        // The tests' log files go into the data folder. On SQLite the database registration creates the folder first
        // (mode 0700); on PostgreSQL the setup-link store would, but the log sink comes before it: created here alike.
        DatabaseSetup.CreatePrivateDirectory(_dataDirectory);
        foreach (var (key, value) in DatabaseSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(
            [new("Serilog:WriteTo:1:Args:path", Path.Combine(_dataDirectory, "logs", "pdo-.log"))]));
        builder.UseSetting("Pdo:PublicBaseAddress", "https://localhost");

        // Every test of a class signs in from the same (test server) address: the rate limit is tested on its own
        // (SignInRateLimitTests). Sessions are checked with the production interval.
        builder.UseSetting("Security:SignInRateLimit:PermitLimit", "100000");
        builder.UseSetting("Api:RateLimit:PermitLimit", "100000"); // likewise the API's (PublicApiTests)

        // The other plans' snapshots load at once in the background (a restarted portal waits a moment: BackgroundLoadTests).
        builder.UseSetting("Dashboards:BackgroundLoadDelay", "00:00:00");
        // Nor are the queries prepared at start, so that query-count tests count their requests only (DashboardWarmUpTests).
        builder.UseSetting("Dashboards:WarmUpOnStart", "false");
        // Nor are approved plans' PDFs rendered in the background: each test renders what it asks for (ApprovedPdfPreparerTests).
        builder.UseSetting("Reports:PrepareApproved", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication(options =>
                {
                    options.DefaultScheme = "TestOrCookie";
                    options.DefaultAuthenticateScheme = "TestOrCookie";
                    options.DefaultChallengeScheme = "TestOrCookie";
                    options.DefaultForbidScheme = "TestOrCookie";
                })
                .AddPolicyScheme("TestOrCookie", "Test or Identity cookie", options =>
                    options.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(TestAuthHandler.RoleHeader)
                        ? TestAuthHandler.SchemeName
                        : IdentityConstants.ApplicationScheme)
                .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, _ => { });
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_postgreSql is not null)
            {
                TestDatabaseServer.DropPostgreSqlDatabase(_postgreSql);
            }

            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

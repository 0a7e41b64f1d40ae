using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Infrastructure;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Generation;
using Pdo.Infrastructure.Identity;
using Pdo.Infrastructure.Operations;
using Pdo.Web.Features.Accounts;
using Pdo.Web.Features.Api;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.Directorates;
using Pdo.Web.Features.History;
using Pdo.Web.Features.Monitoring;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Features.PlanStructure;
using Pdo.Web.Features.Results;
using Pdo.Web.Features.Review;
using Pdo.Web.Features.Users;
using Pdo.Web.Security;
using Pdo.Web.Features.Objectives;
using Pdo.Web.Features.OpenData;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Infrastructure;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Serilog;

// The environment and address asked for are obeyed; only without them the launch profile's defaults apply (HostingDefaults).
var builder = WebApplication.CreateBuilder(HostingDefaults.Options(args)).UseDefaultAddressUnlessConfigured();

// `dotnet run --project src/Pdo.Web -- genera-dati [--dal 2010] [--anni 10] [--obiettivi 2000] [--kpi 10000]`
// fills the configured database with generated city-scale plans (docs/benchmarks.md) and exits.
var generating = args.Length > 0 && args[0] == "genera-dati";

// Each host its own logger (preserveStaticLogger): with the static Log.Logger, hosts in one process (the tests' portals)
// would write into each other's files, and the first one disposed would silence the others.
builder.Services.AddSerilog(
    (services, logger) => logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services),
    preserveStaticLogger: true);

var dataDirectory = builder.Configuration["Database:DataDirectory"] is { Length: > 0 } configured
    ? configured
    : Path.Combine(builder.Environment.ContentRootPath, "data");

// `-- backup <file> [--sovrascrivi]`: a consistent online copy of the SQLite database (README "Backup e ripristino"),
// before the host is built: no web server, no migrations, no seeding.
if (args is [OperationsCommands.Backup, ..])
{
    return await OperationsCommands.BackupAsync(args[1..], builder.Configuration, dataDirectory, Console.Out);
}

if (!OperationsCommands.DataDirectoryIsUsable(builder.Configuration, dataDirectory))
{
    return 1;
}

builder.Services.AddHttpContextAccessor();
if (generating)
{
    builder.Services.AddScoped<IAuditContext>(_ => new SystemAuditContext { UserName = "generatore", SuppressedForSyntheticData = true });
}
else
{
    builder.Services.AddScoped<IAuditContext, HttpAuditContext>();
}

builder.Services.AddPdoInfrastructure(builder.Configuration, dataDirectory);
if (HostingClock.From(builder.Configuration, builder.Environment, out var clockError) is not { } clock)
{
    Console.Error.WriteLine(clockError);
    return 1;
}

builder.Services.AddSingleton(clock);

builder.Services
    .AddControllersWithViews(options =>
    {
        options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        options.Filters.Add(new Pdo.Web.Features.Errors.StaleFormFilter()); // a refused token gets the Italian stale-form page
        options.Conventions.Add(new HeadLikeGetConvention()); // HEAD wherever GET: no 405 for link checkers and monitors
    })
    .AddRazorOptions(options =>
    {
        // Feature folders: a controller's views sit next to it (Features/<Feature>/), then Features/Shared, Views/Shared.
        options.ViewLocationExpanders.Add(new FeatureViewLocationExpander());
    });

// Italian text (à, è, ’, «») is written as it is, not as numeric character references.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

builder.Services.AddOptions<EnteSettings>()
    .Bind(builder.Configuration.GetSection(EnteSettings.Section))
    .ValidateOnStart();
builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<EnteSettings>, EnteSettingsValidation>(); // Italian, naming the setting

builder.Services.AddScoped<ScorecardService>();
builder.Services.AddScoped<PlanService>();
builder.Services.AddScoped<ObjectiveService>();
builder.Services.AddScoped<OpenDataService>();
builder.Services.AddPdoPublicApi();
builder.Services.AddScoped<ResultEntryService>();
builder.Services.AddScoped<Pdo.Web.Features.ResultUpload.ResultUploadService>();
builder.Services.AddSingleton(services => new Pdo.Web.Features.ResultUpload.PendingUploadStore(Path.Combine(dataDirectory, "uploads"), services.GetRequiredService<TimeProvider>()));
builder.Services.AddScoped<ReviewService>();
builder.Services.AddScoped<PlanEditingService>();
builder.Services.AddScoped<PlanStructureService>();
builder.Services.AddScoped<Pdo.Web.Features.Narrative.NarrativeService>();
builder.Services.AddScoped<OldYearTextFinder>();
builder.Services.AddScoped<MonitoringService>();
builder.Services.AddScoped<Pdo.Web.Features.Collection.CollectionService>();
builder.Services.AddScoped<HistoryService>();
builder.Services.AddSingleton<DashboardCache>();
builder.Services.AddSingleton<DashboardWarmUp>();
builder.Services.AddHostedService(services => services.GetRequiredService<DashboardWarmUp>());
builder.Services.AddSingleton<Pdo.Web.Features.Reports.ApprovedPdfPreparer>();
builder.Services.AddHostedService(services => services.GetRequiredService<Pdo.Web.Features.Reports.ApprovedPdfPreparer>());
builder.Services.AddSingleton<Pdo.Web.Features.OpenData.OpenDataFiles>();
builder.Services.AddScoped<DashboardService>();
builder.Services.AddScoped<RenderedDashboardCache>();
builder.Services.AddScoped<Pdo.Web.Features.Reports.ReportService>();
builder.Services.AddScoped<Pdo.Web.Features.Overrides.OverrideService>();
builder.Services.AddSingleton<Pdo.Web.Features.Reports.ConsuntivoRenderer>();
// The PDFs of approved plans kept on disk (Reports:CacheFolder, default pdf/ in the data folder), served with ETag.
builder.Services.AddSingleton(services => new Pdo.Web.Features.Reports.PdfFileCache(
    builder.Configuration["Reports:CacheFolder"] is { Length: > 0 } pdfFolder ? pdfFolder : Path.Combine(dataDirectory, "pdf"),
    services.GetRequiredService<ILogger<Pdo.Web.Features.Reports.PdfFileCache>>()));
builder.Services.AddScoped<Pdo.Web.Features.Reports.PdfDownloadService>();
// Long imports and exports run as background jobs (Features/Jobs): files under jobs/ in the data folder, owner-only.
builder.Services.Configure<Pdo.Web.Features.Jobs.JobSettings>(builder.Configuration.GetSection("Jobs"));
builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<Pdo.Web.Features.Jobs.JobRunner>(services, Path.Combine(dataDirectory, "jobs")));
builder.Services.AddHostedService(services => services.GetRequiredService<Pdo.Web.Features.Jobs.JobRunner>());
builder.Services.AddScoped<Pdo.Web.Features.Reports.PlanWorkbookExport>();
builder.Services.AddScoped<Pdo.Web.Features.PlanImport.PlanImportService>();
builder.Services.AddScoped<Pdo.Web.Features.Transparency.TransparencyService>();
builder.Services.AddSingleton<Pdo.Web.Features.Transparency.PublicPageStore>();
builder.Services.AddScoped<Pdo.Web.Features.Transparency.PublicPageCache>();

// The OIV (issue #15): observations, validation of the Relazione, checks page, Relazione and validation PDFs.
builder.Services.AddScoped<Pdo.Web.Features.Oversight.ObservationService>();
builder.Services.AddScoped<Pdo.Web.Features.Oversight.ValidationService>();
builder.Services.AddScoped<Pdo.Web.Features.Oversight.ChecksService>();
builder.Services.AddScoped<Pdo.Web.Features.Oversight.RelazioneService>();

// Cookies are Secure and __Host- (HTTPS only) unless a deployment on plain HTTP loopback says otherwise (Development,
// the browser tests). Behind a TLS-terminating proxy, enable ForwardedHeaders so that requests are seen as HTTPS.
var cookies = HostingCookies.From(builder.Configuration);
builder.Services.AddPdoHosting(builder.Configuration, cookies);

builder.Services
    .AddIdentity<AppUser, IdentityRole>(options =>
    {
        // OWASP ASVS L2: length over composition; lockout after 5 failures for 15 minutes.
        options.Password.RequiredLength = 12;
        options.Password.RequiredUniqueChars = 4;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = true;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddUserStore<PdoUserStore>() // recovery codes hashed (ASVS 6.5.2), authenticator keys encrypted
    .AddSignInManager<PdoSignInManager>()
    .AddClaimsPrincipalFactory<PdoClaimsPrincipalFactory>()
    .AddErrorDescriber<ItalianIdentityErrorDescriber>()
    .AddDefaultTokenProviders();
builder.Services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(24));
builder.Services.AddPdoAccountSecurity(builder.Configuration);
builder.Services.ConfigureApplicationCookie(options =>
{
    cookies.Apply(options.Cookie, "Pdo.Auth");
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.ExpireTimeSpan = TimeSpan.FromHours(8);
    options.SlidingExpiration = true;
    options.LoginPath = "/accesso";
    options.LogoutPath = "/accesso/esci";
    options.AccessDeniedPath = "/accesso/negato";
    options.Events.OnRedirectToAccessDenied = AccessDeniedAudit.OnRedirectToAccessDeniedAsync; // a real 403, logged and audited
});
builder.Services.AddAntiforgery(options =>
{
    cookies.Apply(options.Cookie, "Pdo.Antiforgery");
    options.Cookie.SameSite = SameSiteMode.Strict;
});
builder.Services.AddPdoDataProtection(builder.Configuration); // keys in the database, encrypted with DataProtection:CertificatePath
builder.Services.AddAuthorization(Policies.Configure);
builder.Services.AddSingleton<IAuthorizationHandler, DirectorateAuthorizationHandler>();
builder.Services.AddScoped<IdentitySeeder>();
builder.Services.AddSingleton(new SetupTokenStore(Path.Combine(dataDirectory, SetupTokenStore.FileName)));
builder.Services.AddScoped<AccountService>();
builder.Services.AddScoped<TwoFactorService>();
builder.Services.AddScoped<UserAdminService>();
builder.Services.AddScoped<DirectorateAdminService>();

builder.Services.AddHealthChecks().AddPdoDatabaseCheck(builder.Configuration);
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

var app = builder.Build();
if (!generating && !app.HostingSettingsAreValid())
{
    return 1;
}

if (!app.Environment.IsDevelopment() && !app.Services.GetRequiredService<DataProtectionCertificateStatus>().EncryptsKeys)
{
    app.Logger.LogWarning(
        "Data Protection keys are stored in the database unencrypted: whoever holds a copy of the database can forge sign-in cookies. Set {Path} and {Password} (README, Production)",
        HostingDataProtection.CertificatePathKey,
        HostingDataProtection.CertificatePasswordKey);
}

if (clock is HostingClock.ShiftedTimeProvider shifted)
{
    app.Logger.LogWarning("Development clock moved by {Days} days: the portal's today is {Today:yyyy-MM-dd}", shifted.Offset.TotalDays, shifted.GetUtcNow());
}

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    var identity = scope.ServiceProvider.GetRequiredService<IdentitySeeder>();
    await identity.EnsureRolesAsync();
    await identity.ProtectSecondFactorSecretsStoredInClearAsync();
    if (app.Environment.IsDevelopment())
    {
        await identity.EnsureDemoUsersAsync();
    }
    else
    {
        await identity.DisableAccountsWithTheDemoPasswordAsync();
    }

    var setup = app.Services.GetRequiredService<SetupTokenStore>();
    if (!await identity.HasAdministratorAsync())
    {
        // The link is a secret: it goes to a file only the service account can read, never to the log (README).
        app.IssueFirstAdministratorLink();
    }
    else
    {
        setup.Withdraw();
    }
}

if (generating)
{
    await using var scope = app.Services.CreateAsyncScope();
    var options = GeneratorCommand.Parse(args[1..]);
    var created = await scope.ServiceProvider.GetRequiredService<PlanGenerator>().GenerateAsync(options);
    app.Logger.LogInformation("Generated {Count} plans ({Objectives} objectives and {Kpis} KPIs a year)", created, options.ObjectivesPerYear, options.KpisPerYear);
    return 0;
}

if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
{
    var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
    foreach (var proxy in app.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
    {
        forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    }

    app.UseForwardedHeaders(forwarded);
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/errore");
    app.UseHsts();
}

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseStatusCodePagesWithReExecute("/errore/{0}");
app.UseSerilogRequestLogging(options => options.GetLevel = (http, _, exception) =>
    http.RequestAborted.IsCancellationRequested ? Serilog.Events.LogEventLevel.Information // the client went away: not a fault
    : exception is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError ? Serilog.Events.LogEventLevel.Error
    : Serilog.Events.LogEventLevel.Information);
app.UseHttpsOnly();
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("it-IT"),
    SupportedCultures = [new System.Globalization.CultureInfo("it-IT")],
    SupportedUICultures = [new System.Globalization.CultureInfo("it-IT")],
});
app.UseStaticFiles();
app.UseRouting();
app.UseCors();
app.UseRateLimiter();
// The public pages (/trasparenza) never look at who is signed in: the same page for everyone, and no cookie is
// renewed or issued there, so that a reverse proxy may keep them (Features/Transparency).
app.UseWhen(context => !Pdo.Web.Features.Transparency.TransparencyLinks.IsPublic(context.Request.Path), branch => branch.UseAuthentication());
app.UseAuthorization();

app.MapHealthChecks("/health").AllowAnonymous();
app.MapGet("/", () => Results.Redirect("/piani"));
app.MapControllers();
app.MapPdoPublicApi();

app.Run();
return 0;

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;

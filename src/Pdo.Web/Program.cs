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
using Pdo.Web.Features.Accounts;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.History;
using Pdo.Web.Features.Monitoring;
using Pdo.Web.Features.PlanEditing;
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

var builder = WebApplication.CreateBuilder(args);

// `dotnet run --project src/Pdo.Web -- genera-dati [--dal 2010] [--anni 10] [--obiettivi 2000] [--kpi 10000]`
// fills the configured database with generated city-scale plans (docs/benchmarks.md) and exits.
var generating = args.Length > 0 && args[0] == "genera-dati";

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services));

var dataDirectory = builder.Configuration["Database:DataDirectory"] is { Length: > 0 } configured
    ? configured
    : Path.Combine(builder.Environment.ContentRootPath, "data");
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
builder.Services.AddSingleton(TimeProvider.System);

builder.Services
    .AddControllersWithViews(options =>
    {
        options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        options.Filters.Add(new Pdo.Web.Features.Errors.StaleFormFilter()); // a refused token gets the Italian stale-form page
    })
    .AddRazorOptions(options =>
    {
        // Feature folders: a controller's views sit next to it (Features/<Feature>/), then Features/Shared, Views/Shared.
        options.ViewLocationExpanders.Add(new FeatureViewLocationExpander());
    });

// Italian text (à, è, ’, «») is written as it is, not as numeric character references.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

builder.Services.AddScoped<ScorecardService>();
builder.Services.AddScoped<PlanService>();
builder.Services.AddScoped<ObjectiveService>();
builder.Services.AddScoped<OpenDataService>();
builder.Services.AddScoped<ResultEntryService>();
builder.Services.AddScoped<ReviewService>();
builder.Services.AddScoped<PlanEditingService>();
builder.Services.AddScoped<MonitoringService>();
builder.Services.AddScoped<HistoryService>();
builder.Services.AddSingleton<DashboardCache>();
builder.Services.AddScoped<DashboardService>();
builder.Services.AddScoped<RenderedDashboardCache>();
builder.Services.AddScoped<Pdo.Web.Features.Reports.ReportService>();
builder.Services.AddSingleton<Pdo.Web.Features.Reports.ConsuntivoRenderer>();

// Cookies are Secure (HTTPS only) unless a deployment on plain HTTP loopback says otherwise (Development, the
// browser tests). Behind a TLS-terminating proxy, enable ForwardedHeaders so that requests are seen as HTTPS.
var cookieSecurity = builder.Configuration.GetValue("Security:RequireHttpsCookies", true)
    ? CookieSecurePolicy.Always
    : CookieSecurePolicy.SameAsRequest;

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
    .AddSignInManager<PdoSignInManager>()
    .AddClaimsPrincipalFactory<PdoClaimsPrincipalFactory>()
    .AddErrorDescriber<ItalianIdentityErrorDescriber>()
    .AddDefaultTokenProviders();
builder.Services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(24));
builder.Services.Configure<SecurityStampValidatorOptions>(options =>
    options.ValidationInterval = builder.Configuration.GetValue("Security:StampValidationInterval", TimeSpan.FromMinutes(5)));
builder.Services.ConfigureApplicationCookie(options =>
{
    options.Cookie.Name = "Pdo.Auth";
    options.Cookie.HttpOnly = true;
    options.Cookie.SecurePolicy = cookieSecurity;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.ExpireTimeSpan = TimeSpan.FromHours(8);
    options.SlidingExpiration = true;
    options.LoginPath = "/accesso";
    options.LogoutPath = "/accesso/esci";
    options.AccessDeniedPath = "/accesso/negato";
    options.Events.OnRedirectToAccessDenied = context =>
    {
        // A real 403 (shown by the status-code page), not a redirect.
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Pdo.Security")
            .LogWarning("Access denied to {User} for {Method} {Path}", context.HttpContext.User.Identity?.Name, context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    };
});
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "Pdo.Antiforgery";
    options.Cookie.HttpOnly = true;
    options.Cookie.SecurePolicy = cookieSecurity;
    options.Cookie.SameSite = SameSiteMode.Strict;
});
builder.Services.AddDataProtection().SetApplicationName("Pdo").PersistKeysToDbContext<AppDbContext>();
builder.Services.AddAuthorization(Policies.Configure);
builder.Services.AddSingleton<IAuthorizationHandler, DirectorateAuthorizationHandler>();
builder.Services.AddScoped<IdentitySeeder>();
builder.Services.AddSingleton<SetupTokenStore>();
builder.Services.AddScoped<AccountService>();
builder.Services.AddScoped<UserAdminService>();

builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    var identity = scope.ServiceProvider.GetRequiredService<IdentitySeeder>();
    await identity.EnsureRolesAsync();
    if (app.Environment.IsDevelopment())
    {
        await identity.EnsureDemoUsersAsync();
    }

    if (!await identity.HasAdministratorAsync())
    {
        var token = app.Services.GetRequiredService<SetupTokenStore>().Issue();
        app.Logger.LogWarning(
            "No administrator exists yet. Create the first one at /configurazione-iniziale?token={SetupToken} (one-time link, valid until this process stops)",
            token);
    }
}

if (generating)
{
    await using var scope = app.Services.CreateAsyncScope();
    var options = GeneratorCommand.Parse(args[1..]);
    var created = await scope.ServiceProvider.GetRequiredService<PlanGenerator>().GenerateAsync(options);
    app.Logger.LogInformation("Generated {Count} plans ({Objectives} objectives and {Kpis} KPIs a year)", created, options.ObjectivesPerYear, options.KpisPerYear);
    return;
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
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("it-IT"),
    SupportedCultures = [new System.Globalization.CultureInfo("it-IT")],
    SupportedUICultures = [new System.Globalization.CultureInfo("it-IT")],
});
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health").AllowAnonymous();
app.MapGet("/", () => Results.Redirect("/piani"));
app.MapControllers();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;

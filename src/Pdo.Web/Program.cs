using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Infrastructure;
using Pdo.Infrastructure.Data;
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

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services));

var dataDirectory = builder.Configuration["Database:DataDirectory"] is { Length: > 0 } configured
    ? configured
    : Path.Combine(builder.Environment.ContentRootPath, "data");
builder.Services.AddPdoInfrastructure(builder.Configuration, dataDirectory);
builder.Services.AddSingleton(TimeProvider.System);

builder.Services
    .AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
    .AddRazorOptions(options =>
    {
        // Feature folders: Features/{Controller}/{View}.cshtml next to the controller, then Views/Shared.
        options.ViewLocationFormats.Insert(0, "/Features/{1}/{0}.cshtml");
        options.ViewLocationFormats.Insert(1, "/Features/Shared/{0}.cshtml");
    });

// Italian text (à, è, ’, «») is written as it is, not as numeric character references.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

builder.Services.AddScoped<ScorecardService>();
builder.Services.AddScoped<PlanService>();
builder.Services.AddScoped<ObjectiveService>();
builder.Services.AddScoped<OpenDataService>();

builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/errore");
    app.UseHsts();
}

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseStatusCodePagesWithReExecute("/errore/{0}");
app.UseSerilogRequestLogging();
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("it-IT"),
    SupportedCultures = [new System.Globalization.CultureInfo("it-IT")],
    SupportedUICultures = [new System.Globalization.CultureInfo("it-IT")],
});
app.UseStaticFiles();
app.UseRouting();

app.MapHealthChecks("/health");
app.MapGet("/", () => Results.Redirect("/piani"));
app.MapControllers();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;

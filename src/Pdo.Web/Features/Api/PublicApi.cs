using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.OpenApi;

namespace Pdo.Web.Features.Api;

/// <summary>
/// Registration of the read-only API (ADR 011): its service, the CORS policy (GET from any origin, no credentials)
/// and the OpenAPI document of <c>/api/v1</c> only, served at <c>/api/v1/openapi.json</c>. Its rate limit is set up
/// with the others in <see cref="Security.AccountSecurity"/>.
/// </summary>
public static class PublicApi
{
    public const string CorsPolicy = "api";

    public const string DocumentPath = "/api/v1/openapi.json";

    public static IServiceCollection AddPdoPublicApi(this IServiceCollection services)
    {
        services.AddScoped<PublicApiService>();
        services.AddCors(options => options.AddPolicy(CorsPolicy, new CorsPolicyBuilder()
            .AllowAnyOrigin().WithMethods("GET").AllowAnyHeader().WithExposedHeaders("ETag", "Link", "Retry-After").Build()));

        // Every constructor parameter is a property the API always writes: the document lists them as required.
        // Numbers are numbers (not "number or numeric string", the web default), as the API writes them.
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, context, _) =>
            {
                var address = context.ApplicationServices.GetRequiredService<Infrastructure.PublicAddress>();
                document.Info = new OpenApiInfo
                {
                    Title = "Pdo – API dei piani approvati",
                    Version = "v1",
                    Description = "API JSON in sola lettura dei Piani degli Obiettivi approvati: piani, sezioni, aree, Direzioni, obiettivi, KPI, risultati per periodo e punteggi con come è calcolato. Senza accesso, GET soltanto, con limite di richieste per indirizzo (429), ETag e 304. Dati con licenza CC BY 4.0.",
                    License = new OpenApiLicense { Name = OpenData.OpenDataLicense.Name, Url = new Uri(OpenData.OpenDataLicense.Url) },
                };
                document.Servers = [new OpenApiServer { Url = address.Link(string.Empty) }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Serves the OpenAPI document (anonymous, CORS, same rate limit as the API).</summary>
    public static void MapPdoPublicApi(this WebApplication app) =>
        app.MapOpenApi(DocumentPath)
            .AllowAnonymous()
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(Security.AccountSecurity.ApiRateLimit);
}

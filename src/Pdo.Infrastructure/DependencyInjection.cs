using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.PlanImport;

namespace Pdo.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The database for the configured provider, the plan importer and the start-up initializer.</summary>
    public static IServiceCollection AddPdoInfrastructure(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddPdoDatabase(configuration, dataDirectory);
        services.TryAddScoped<IAuditContext, SystemAuditContext>();
        services.AddSingleton<AuditInterceptor>();
        services.AddScoped<SecurityAuditLog>();
        services.AddScoped<PlanImporter>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<Generation.PlanGenerator>();
        return services;
    }
}

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Oversight;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Identity;

namespace Pdo.Infrastructure.Data;

/// <summary>
/// The one database of Pdo: the plans, Identity and the Data Protection keys. Each provider has its own
/// subclass (<see cref="SqliteAppDbContext"/>, <see cref="SqlServerAppDbContext"/>, <see cref="PostgreSqlAppDbContext"/>)
/// with its own migrations.
/// </summary>
/// <remarks>
/// In the portal the contexts are pooled (<see cref="DatabaseSetup"/>): each scope leases one, and
/// <see cref="AuditAs"/> gives it the scope's <see cref="IAuditContext"/>.
/// </remarks>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// What the <see cref="AuditInterceptor"/> writes with this context's next save: who, and the queued security
    /// events. «sistema» until <see cref="AuditAs"/> says otherwise.
    /// </summary>
    public AuditScope Audit { get; private set; } = new(new SystemAuditContext());

    /// <summary>Who changes data through this context from now on, with no security event queued.</summary>
    public void AuditAs(IAuditContext who) => Audit = new AuditScope(who);

    /// <summary>A save through this context changed a person, and the commit that makes it durable has not been signalled yet (<see cref="ChangeSignalInterceptor"/>).</summary>
    internal bool PeopleChangePending { get; set; }

    public DbSet<PerformancePlan> Plans => Set<PerformancePlan>();

    public DbSet<ObjectiveCategory> Categories => Set<ObjectiveCategory>();

    public DbSet<StrategicArea> Areas => Set<StrategicArea>();

    public DbSet<Directorate> Directorates => Set<Directorate>();

    public DbSet<MonitoringPeriod> Periods => Set<MonitoringPeriod>();

    public DbSet<Objective> Objectives => Set<Objective>();

    public DbSet<Kpi> Kpis => Set<Kpi>();

    public DbSet<KpiResult> KpiResults => Set<KpiResult>();

    public DbSet<ScoreOverride> ScoreOverrides => Set<ScoreOverride>();
    public DbSet<Observation> Observations => Set<Observation>();

    public DbSet<ObservationMessage> ObservationMessages => Set<ObservationMessage>();

    public DbSet<PlanValidation> PlanValidations => Set<PlanValidation>();

    public DbSet<UserDirectorate> UserDirectorates => Set<UserDirectorate>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as strings everywhere; decimals with a fixed, generous precision.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 6);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Pdo.Domain.Plans;

namespace Pdo.Infrastructure.Data;

/// <summary>AppDbContext on SQLite (the embedded default); migrations in Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no date-time-with-offset type: store UTC ticks so that times sort and compare in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // A Direzione code is unique regardless of case ("casa" is "CASA"): codes are ASCII, which NOCASE folds.
        builder.Entity<Directorate>().Property(d => d.Code).UseCollation("NOCASE");
    }
}

/// <summary>AppDbContext on SQL Server (production); migrations in Migrations/SqlServer.</summary>
public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // A Direzione code is unique regardless of case, whatever the database's default collation.
        builder.Entity<Directorate>().Property(d => d.Code).UseCollation("Latin1_General_100_CI_AS");
    }
}

/// <summary>AppDbContext on PostgreSQL (production, ADR 010); migrations in Migrations/PostgreSql.</summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options)
{
    /// <summary>
    /// A nondeterministic ICU collation that compares regardless of case (level 2: accents still count, as NOCASE and
    /// Latin1_General_100_CI_AS do). Equality, ORDER BY and unique indexes honour it; LIKE does not work on it before
    /// PostgreSQL 18, and Pdo sends no LIKE on the columns that use it (ADR 010).
    /// </summary>
    public const string CaseInsensitiveCollation = "pdo_case_insensitive";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // A Direzione code is unique regardless of case ("casa" is "CASA"), and looked up the same way, as on SQLite.
        builder.HasCollation(CaseInsensitiveCollation, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        builder.Entity<Directorate>().Property(d => d.Code).UseCollation(CaseInsensitiveCollation);
    }
}

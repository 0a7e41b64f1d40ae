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

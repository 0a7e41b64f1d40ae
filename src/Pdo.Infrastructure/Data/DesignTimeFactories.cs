using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pdo.Infrastructure.Data;

/// <summary>Lets `dotnet ef` build the SQLite model without the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite("Data Source=pdo-design.db", DatabaseSetup.ConfigureSqlite)
            .Options);
}

/// <summary>Lets `dotnet ef` build the SQL Server model (no connection is opened to add migrations or script them).</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=localhost;Database=Pdo;Integrated Security=true;TrustServerCertificate=true", DatabaseSetup.ConfigureSqlServer)
            .Options);
}

/// <summary>Lets `dotnet ef` build the PostgreSQL model (no connection is opened to add migrations or script them).</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    public PostgreSqlAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlAppDbContext>()
            .UseNpgsql("Host=localhost;Database=pdo", DatabaseSetup.ConfigurePostgreSql)
            .Options);
}

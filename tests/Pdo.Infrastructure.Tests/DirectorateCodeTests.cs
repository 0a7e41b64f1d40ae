using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Tests.Support;

namespace Pdo.Infrastructure.Tests;

/// <summary>
/// A Direzione code is one code whatever its case, at the database itself: the column's collation (NOCASE on SQLite,
/// the nondeterministic ICU collation pdo_case_insensitive on PostgreSQL, ADR 010) makes equality and the unique index
/// ignore case, so that SQL sent past the application obeys it as the pages do.
/// </summary>
public sealed class DirectorateCodeTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task FindsTheDirezioneGivenItsCodeInAnotherCase()
    {
        await AddAsync(new Directorate("CASA", "Direzione Casa", new DateOnly(2019, 1, 1)));

        await using var db = _database.CreateContext();
        var found = await db.Directorates.SingleAsync(d => d.Code == "casa");

        Assert.Equal("CASA", found.Code);
    }

    [Fact]
    public async Task RefusesASecondDirezioneAndKeepsOneGivenTheSameCodeInAnotherCase()
    {
        await AddAsync(new Directorate("CASA", "Direzione Casa", new DateOnly(2019, 1, 1)));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync(new Directorate("Casa", "Un'altra Casa", new DateOnly(2021, 1, 1))));

        Assert.True(TestDatabase.IsUniqueViolation(error.InnerException as DbException), $"Not the unique index on Code: {error.InnerException}");
        await using var db = _database.CreateContext();
        Assert.Equal("Direzione Casa", (await db.Directorates.SingleAsync()).Name);
    }

    private async Task AddAsync(Directorate directorate)
    {
        await using var db = _database.CreateContext();
        db.Directorates.Add(directorate);
        await db.SaveChangesAsync();
    }
}

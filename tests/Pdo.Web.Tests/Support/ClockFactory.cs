using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Pdo.Web.Tests.Support;

/// <summary>The portal with a clock the tests move.</summary>
public sealed class ClockFactory : PdoWebFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Updates the user's row as another instance would: straight in the database, no signal to this process.</summary>
    public Task ChangeUserElsewhereAsync(string userId, string assignment) =>
        ExecuteElsewhereAsync($"UPDATE \"AspNetUsers\" SET {assignment}, \"SecurityStamp\" = 'altro-' || \"SecurityStamp\" WHERE \"Id\" = '{userId}';");

    /// <summary>Runs SQL over a connection of its own, as another instance would (quote identifiers: it runs on PostgreSQL too).</summary>
    public async Task ExecuteElsewhereAsync(string sql)
    {
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

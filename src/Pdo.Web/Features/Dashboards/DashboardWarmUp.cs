using Pdo.Infrastructure.Data;

namespace Pdo.Web.Features.Dashboards;

/// <summary>
/// Right after the portal starts, prepares the dashboards' cold-request queries in the background
/// (<see cref="DashboardCache.WarmUpAsync"/>; <c>Dashboards:WarmUpOnStart</c>, default true), so that the first
/// dashboard after a restart pays for its plan's rows, not for translating the queries. Loads no plan; a failure is
/// logged and changes nothing (the first request then prepares the queries itself).
/// </summary>
public sealed class DashboardWarmUp(DashboardCache cache, IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DashboardWarmUp> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the warm-up is on (<c>Dashboards:WarmUpOnStart</c>).</summary>
    public bool Enabled { get; } = configuration.GetValue("Dashboards:WarmUpOnStart", true);

    /// <summary>Completes when the warm-up has run (true), failed or is off (false).</summary>
    public Task<bool> Completion => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            _done.TrySetResult(false);
            return;
        }

        try
        {
            // Off the start-up path: the host finishes starting while the queries are prepared.
            await Task.Yield();
            await using var scope = scopes.CreateAsyncScope();
            await cache.WarmUpAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            logger.LogDebug("Dashboard queries prepared");
            _done.TrySetResult(true);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _done.TrySetResult(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning("Preparing the dashboard queries at start failed: {Reason}", ex.Message.ReplaceLineEndings(" "));
            _done.TrySetResult(false);
        }
    }
}

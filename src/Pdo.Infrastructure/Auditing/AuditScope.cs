namespace Pdo.Infrastructure.Auditing;

/// <summary>
/// One context's share of the audit trail (<see cref="Data.AppDbContext.Audit"/>): who is changing data through it,
/// and the security events queued for its next save (<see cref="SecurityAuditLog.Enqueue"/>), which commit with the
/// change they belong to.
/// </summary>
public sealed class AuditScope(IAuditContext who)
{
    private readonly List<(SecurityEvent Kind, string Actor, string Subject, string? Detail)> _events = [];

    public IAuditContext Who { get; } = who;

    /// <summary>
    /// While a save that <see cref="AuditInterceptor"/> has prepared runs: whether automatic change detection goes back
    /// on when it ends (the interceptor detected the changes and turned it off for the rest of the save).
    /// </summary>
    internal bool? DetectionAfterSave { get; set; }

    internal void Enqueue(SecurityEvent kind, string actor, string subject, string? detail)
    {
        lock (_events)
        {
            _events.Add((kind, actor, subject, detail));
        }
    }

    /// <summary>The queued events, in the order they came; the queue is then empty.</summary>
    internal IReadOnlyList<(SecurityEvent Kind, string Actor, string Subject, string? Detail)> TakeEvents()
    {
        lock (_events)
        {
            var taken = _events.ToList();
            _events.Clear();
            return taken;
        }
    }
}

namespace Pdo.Infrastructure.Auditing;

public enum AuditAction
{
    Created,
    Modified,
    Deleted,

    /// <summary>A security event (<see cref="SecurityEvent"/>), not a change of a field.</summary>
    Event,
}

/// <summary>
/// One changed field of one entity: who, when (UTC), old and new value, and the reason when one was given.
/// Append-only: written by <see cref="AuditInterceptor"/> in the same transaction as the change, never updated
/// or deleted. Entities are named by natural keys (plan year, objective and KPI codes, period code) so that the
/// history reads the same in every database and survives re-imports.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        UserName = string.Empty;
        EntityType = string.Empty;
        EntityKey = string.Empty;
        Field = string.Empty;
    }

    internal AuditEntry(
        DateTimeOffset occurredAt,
        string userName,
        AuditAction action,
        string entityType,
        string entityKey,
        int? planYear,
        string? objectiveCode,
        string? kpiCode,
        string field,
        string? oldValue,
        string? newValue,
        string? reason)
    {
        OccurredAt = occurredAt;
        UserName = userName;
        Action = action;
        EntityType = entityType;
        EntityKey = entityKey;
        PlanYear = planYear;
        ObjectiveCode = objectiveCode;
        KpiCode = kpiCode;
        Field = field;
        OldValue = oldValue;
        NewValue = newValue;
        Reason = reason;
    }

    public long Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string UserName { get; private set; }

    public AuditAction Action { get; private set; }

    public string EntityType { get; private set; }

    public string EntityKey { get; private set; }

    public int? PlanYear { get; private set; }

    public string? ObjectiveCode { get; private set; }

    public string? KpiCode { get; private set; }

    public string Field { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public string? Reason { get; private set; }
}

/// <summary>Who is changing data now, and why (set by the web layer per request, by the importer, by tests).</summary>
public interface IAuditContext
{
    string UserName { get; }

    /// <summary>An optional reason recorded with the next saved changes (e.g. why a plan was reopened).</summary>
    string? Reason { get; set; }
}

/// <summary>The audit context outside a request (start-up seeding, command-line tools).</summary>
public sealed class SystemAuditContext : IAuditContext
{
    public string UserName { get; init; } = "sistema";

    public string? Reason { get; set; }

    /// <summary>
    /// Only for the synthetic-data generator run from the command line (benchmarks): generated plans are not user
    /// changes (their rows bypass SaveChanges, ADR 015), and neither are the Direzioni and the seed that the command
    /// saves around them. Never set in the web application.
    /// </summary>
    public bool SuppressedForSyntheticData { get; init; }
}

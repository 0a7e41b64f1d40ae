using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Auditing;

/// <summary>
/// Security events that are not a change of a plan's data: sign-in, sign-out, denials, password links, second
/// factor. Recorded in the audit trail (entity type <see cref="EntityType"/>, the event's name as field).
/// </summary>
public enum SecurityEvent
{
    SignInSucceeded,
    SignInFailed,
    SignInLockedOut,
    SignedOut,
    AccessDenied,
    PasswordLinkIssued,
    PasswordSet,
    FirstAdministratorCreated,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorFailed,
    RecoveryCodesGenerated,
    RecoveryCodeUsed,
}

/// <summary>
/// Writes <see cref="SecurityEvent"/>s into the audit trail through the <see cref="AuditInterceptor"/> (the only
/// writer of audit rows): <see cref="Enqueue"/> adds the event to the next save of this scope's context, so that it
/// commits with the change it belongs to; <see cref="RecordAsync"/> saves it at once.
/// </summary>
public sealed class SecurityAuditLog(AppDbContext db)
{
    /// <summary>The audit rows' entity type for security events.</summary>
    public const string EntityType = "Security";

    /// <summary>Adds the event to the next SaveChanges of this scope (same transaction as the change).</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="actor">Who did it (the signed-in user, or the e-mail typed at sign-in; "anonimo" if none).</param>
    /// <param name="subject">Whom or what it concerns (an e-mail, a path).</param>
    /// <param name="detail">A short detail (never a secret: no password, token or code).</param>
    public void Enqueue(SecurityEvent kind, string actor, string subject, string? detail = null) =>
        db.Audit.Enqueue(kind, actor, subject, detail);

    /// <summary>Records the event now, in a save of its own.</summary>
    public async Task RecordAsync(SecurityEvent kind, string actor, string subject, string? detail = null, CancellationToken cancellationToken = default)
    {
        Enqueue(kind, actor, subject, detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}

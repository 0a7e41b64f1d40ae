using System.Globalization;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Features.History;

/// <summary>
/// Italian labels of the audit trail: entity types, the fields of a person, the security events, and values that
/// are codes (roles by their label, yes/no, times in Rome).
/// </summary>
public static class AuditLabels
{
    public static IReadOnlyDictionary<string, string> Entities { get; } = new Dictionary<string, string>
    {
        ["PerformancePlan"] = "Piano",
        ["ObjectiveCategory"] = "Sezione",
        ["StrategicArea"] = "Area strategica",
        ["MonitoringPeriod"] = "Periodo",
        ["Objective"] = "Obiettivo",
        ["Kpi"] = "KPI",
        ["KpiResult"] = "Risultato",
        ["Directorate"] = "Direzione",
        [PeopleAudit.EntityType] = "Utente",
        [SecurityAuditLog.EntityType] = "Sicurezza",
    };

    private static readonly Dictionary<string, string> PersonFields = new()
    {
        [nameof(AppUser.FullName)] = "Nome e cognome",
        [nameof(AppUser.Email)] = "E-mail",
        [nameof(AppUser.IsDisabled)] = "Disattivato",
        [nameof(AppUser.LockoutEnd)] = "Bloccato fino a",
        [nameof(AppUser.TwoFactorEnabled)] = "Verifica in due passaggi",
        [PeopleAudit.RolesField] = "Ruoli",
        [PeopleAudit.DirectoratesField] = "Direzioni",
    };

    public static string Entity(string entityType) => Entities.GetValueOrDefault(entityType, entityType);

    public static string Field(string entityType, string field) => entityType switch
    {
        PeopleAudit.EntityType => PersonFields.GetValueOrDefault(field, field),
        SecurityAuditLog.EntityType => Enum.TryParse<SecurityEvent>(field, out var kind) ? Event(kind) : field,
        _ => field,
    };

    public static string Event(SecurityEvent kind) => kind switch
    {
        SecurityEvent.SignInSucceeded => "Accesso riuscito",
        SecurityEvent.SignInFailed => "Accesso non riuscito",
        SecurityEvent.SignInLockedOut => "Accesso rifiutato: account bloccato",
        SecurityEvent.SignedOut => "Uscita",
        SecurityEvent.AccessDenied => "Accesso negato (403)",
        SecurityEvent.PasswordLinkIssued => "Link per la password emesso",
        SecurityEvent.PasswordSet => "Password impostata con il link",
        SecurityEvent.FirstAdministratorCreated => "Primo amministratore creato",
        SecurityEvent.TwoFactorEnabled => "Verifica in due passaggi attivata",
        SecurityEvent.TwoFactorDisabled => "Verifica in due passaggi disattivata",
        SecurityEvent.TwoFactorFailed => "Codice di verifica non valido",
        SecurityEvent.RecoveryCodesGenerated => "Codici di recupero generati",
        SecurityEvent.RecoveryCodeUsed => "Codice di recupero usato",
        _ => kind.ToString(),
    };

    /// <summary>A stored value as a reader expects it: roles by their Italian label, yes/no, times in Rome.</summary>
    public static string? Value(string entityType, string field, string? value)
    {
        if (value is null || entityType != PeopleAudit.EntityType)
        {
            return value;
        }

        return field switch
        {
            PeopleAudit.RolesField => string.Join(PeopleAudit.ListSeparator, value.Split(PeopleAudit.ListSeparator).Select(Roles.Label)),
            nameof(AppUser.IsDisabled) or nameof(AppUser.TwoFactorEnabled) => value == "true" ? "sì" : "no",
            nameof(AppUser.LockoutEnd) when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until) => RomeTime.Format(until),
            _ => value,
        };
    }
}

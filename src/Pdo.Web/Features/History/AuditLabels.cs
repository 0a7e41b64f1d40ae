using System.Globalization;
using Pdo.Domain.Attainment;
using Pdo.Domain.Oversight;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Oversight;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Reports;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Features.History;

/// <summary>
/// Italian labels of the audit trail, the one place where its rows become readable: entity types, every audited
/// field by the name the pages give it, the security events, and values as the pages show them (states and KPI
/// settings by the labels the views use, numbers and dates in Italian, times in Rome, yes/no). The audit rows keep
/// the invariant values written by <see cref="AuditInterceptor"/>; a value that cannot be read is shown as stored.
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
        ["ScoreOverride"] = "Forzatura",
        ["Observation"] = "Osservazione dell'OIV",
        ["ObservationMessage"] = "Risposta a un'osservazione",
        ["PlanValidation"] = "Validazione della Relazione",
        [PeopleAudit.EntityType] = "Utente",
        [SecurityAuditLog.EntityType] = "Sicurezza",
    };

    /// <summary>
    /// The fields of <see cref="KpiResult"/> parsed from the value as written (<see cref="KpiResult.ActualText"/>): in the
    /// same change they only repeat it, so the Storico shows them once, as «Valore raggiunto» (the Registro keeps them).
    /// </summary>
    private static readonly HashSet<string> ReadFromActualText =
        [nameof(KpiResult.Value), nameof(KpiResult.Done), nameof(KpiResult.CompletionDate)];

    private static readonly Dictionary<string, Dictionary<string, FieldLabel>> Fields = new()
    {
        [nameof(PerformancePlan)] = new()
        {
            [nameof(PerformancePlan.Year)] = new("Anno"),
            [nameof(PerformancePlan.Title)] = new("Titolo"),
            [nameof(PerformancePlan.Status)] = new("Stato", EnumValue<PlanStatus>(PlanService.StatusLabel)),
            [nameof(PerformancePlan.LowerIsBetterFormula)] = new("Formula per i KPI «minore è meglio»", EnumValue<LowerIsBetterFormula>(ReportService.FormulaLabel)),
            [nameof(PerformancePlan.PartiallyAchievedFrom)] = new("Parzialmente raggiunto da", Number),
            [nameof(PerformancePlan.RequireFourEyesReview)] = new("Conferma da un secondo utente", YesNo),
            [nameof(PerformancePlan.Introduction)] = new("Introduzione del consuntivo"),
            [nameof(PerformancePlan.ClosingNote)] = new("Nota conclusiva del consuntivo"),
            [nameof(PerformancePlan.Context)] = new("Contesto e risorse della Relazione"),
            [Act(nameof(ApprovalAct.Number))] = new("Numero della delibera"),
            [Act(nameof(ApprovalAct.Date))] = new("Data della delibera", Date),
            [Act(nameof(ApprovalAct.Link))] = new("Link alla delibera"),
            [Act(nameof(ApprovalAct.Description))] = new("Descrizione della delibera"),
        },
        [nameof(ObjectiveCategory)] = new()
        {
            [nameof(ObjectiveCategory.Code)] = new("Codice"),
            [nameof(ObjectiveCategory.Name)] = new("Nome"),
            [nameof(ObjectiveCategory.SortOrder)] = new("Posizione"),
        },
        [nameof(StrategicArea)] = new()
        {
            [nameof(StrategicArea.Code)] = new("Codice"),
            [nameof(StrategicArea.Name)] = new("Nome"),
            [nameof(StrategicArea.SortOrder)] = new("Posizione"),
        },
        [nameof(MonitoringPeriod)] = new()
        {
            [nameof(MonitoringPeriod.Code)] = new("Codice"),
            [nameof(MonitoringPeriod.Name)] = new("Nome"),
            [nameof(MonitoringPeriod.EndDate)] = new("Data di riferimento", Date),
            [nameof(MonitoringPeriod.IsFinal)] = new("Periodo finale", YesNo),
            [nameof(MonitoringPeriod.IsOpen)] = new("Aperto", YesNo),
        },
        [nameof(Objective)] = new()
        {
            [nameof(Objective.Code)] = new("Codice"),
            [nameof(Objective.Title)] = new("Titolo"),
            [nameof(Objective.Narrative)] = new("Descrizione e risultati"),
            [nameof(Objective.DataSourceNote)] = new("Fonte dei dati"),
            [nameof(Objective.CategoryId)] = new("Sezione"),
            [nameof(Objective.AreaId)] = new("Area strategica"),
            [nameof(Objective.DirectorateId)] = new("Direzione responsabile"),
            [nameof(Objective.Weight)] = new("Peso", Number),
        },
        [nameof(Kpi)] = new()
        {
            [nameof(Kpi.Code)] = new("Codice"),
            [nameof(Kpi.Name)] = new("Nome del KPI"),
            [nameof(Kpi.Group)] = new("Gruppo"),
            [nameof(Kpi.Kind)] = new("Tipo di KPI", EnumValue<KpiKind>(KpiLabels.Kind)),
            [nameof(Kpi.ValueKind)] = new("Tipo di valore", EnumValue<ValueKind>(KpiLabels.ValueKind)),
            [nameof(Kpi.Unit)] = new("Unità di misura"),
            [nameof(Kpi.Direction)] = new("Andamento", EnumValue<Direction>(KpiLabels.Direction)),
            [nameof(Kpi.Comparator)] = new("Comparatore", EnumValue<Comparator>(ItalianValues.FormatComparator)),
            [nameof(Kpi.TargetText)] = new("Target"),
            [nameof(Kpi.TargetValue)] = new("Valore del target", Number),
            [nameof(Kpi.Deadline)] = new("Scadenza", Date),
            [nameof(Kpi.Baseline)] = new("Valore di partenza", Number),
            [nameof(Kpi.Weight)] = new("Peso", Number),
            [nameof(Kpi.Method)] = new("Metodo di calcolo", EnumValue<ScoringMethod>(KpiLabels.Method)),
            [nameof(Kpi.BandsText)] = new("Fasce"),
            [nameof(Kpi.PenaltyPerDay)] = new("Penalità per giorno di ritardo", Number),
            [nameof(Kpi.UnmeasurableReason)] = new("Non rilevabile nel consuntivo: motivo"),
        },
        [nameof(KpiResult)] = new()
        {
            [nameof(KpiResult.ActualText)] = new("Valore raggiunto"),
            [nameof(KpiResult.Value)] = new("Valore raggiunto, come numero", Number),
            [nameof(KpiResult.Done)] = new("Valore raggiunto, come SI/NO", value => value switch { "true" => "SI", "false" => "NO", _ => value }),
            [nameof(KpiResult.CompletionDate)] = new("Data di completamento", Date),
            [nameof(KpiResult.Justification)] = new("Motivazione dello scostamento"),
            [nameof(KpiResult.Status)] = new("Stato", EnumValue<ResultStatus>(status => ResultText.StatusLabel(status))),
            [nameof(KpiResult.ReviewComment)] = new("Commento del Direttore"),
        },
        [nameof(ScoreOverride)] = new()
        {
            [nameof(ScoreOverride.ProposedScore)] = new("Punteggio forzato", Number),
            [nameof(ScoreOverride.Reason)] = new("Motivo della forzatura"),
            [nameof(ScoreOverride.ProposedByName)] = new("Proposta da"),
            [nameof(ScoreOverride.ProposedAt)] = new("Proposta il", Time),
            [nameof(ScoreOverride.State)] = new("Stato della forzatura", EnumValue<OverrideState>(ScoreOverride.StateLabel)),
            [nameof(ScoreOverride.DecidedByName)] = new("Decisa da"),
            [nameof(ScoreOverride.DecisionNote)] = new("Nota della decisione"),
            [nameof(ScoreOverride.DecidedAt)] = new("Decisa o ritirata il", Time),
        },
        [nameof(Directorate)] = new()
        {
            [nameof(Directorate.Code)] = new("Codice"),
            [nameof(Directorate.Name)] = new("Nome"),
            [nameof(Directorate.ActiveFrom)] = new("Attiva dal", Date),
            [nameof(Directorate.ActiveTo)] = new("Attiva fino al", Date),
        },
        [nameof(Observation)] = new()
        {
            [nameof(Observation.Text)] = new("Testo dell'osservazione"),
            [nameof(Observation.Status)] = new("Stato", EnumValue<ObservationStatus>(OversightLabels.Status)),
            [nameof(Observation.OpenedAt)] = new("Formulata il", Time),
            [nameof(Observation.OpenedBy)] = new("Formulata da (utente)"),
            [nameof(Observation.OpenedByName)] = new("Formulata da"),
            [nameof(Observation.ClosedAt)] = new("Chiusa il", Time),
            [nameof(Observation.ClosedByName)] = new("Chiusa da"),
        },
        [nameof(ObservationMessage)] = new()
        {
            [nameof(ObservationMessage.Text)] = new("Testo della risposta"),
            [nameof(ObservationMessage.AuthorRole)] = new("Ruolo di chi risponde", EnumValue<OversightRole>(OversightLabels.Role)),
            [nameof(ObservationMessage.AuthorUserName)] = new("Risposta di (utente)"),
            [nameof(ObservationMessage.AuthorName)] = new("Risposta di"),
            [nameof(ObservationMessage.WrittenAt)] = new("Scritta il", Time),
        },
        [nameof(PlanValidation)] = new()
        {
            [nameof(PlanValidation.Date)] = new("Data della validazione", Date),
            [nameof(PlanValidation.Outcome)] = new("Esito", EnumValue<ValidationOutcome>(OversightLabels.Outcome)),
            [nameof(PlanValidation.Reasoning)] = new("Motivazione"),
            [nameof(PlanValidation.Reservations)] = new("Riserve"),
            [nameof(PlanValidation.SignedByUserId)] = new("Firmata da (identificativo)"),
            [nameof(PlanValidation.SignedByName)] = new("Firmata da"),
            [nameof(PlanValidation.RecordedAt)] = new("Registrata il", Time),
            [nameof(PlanValidation.SupersededReason)] = new("Non più corrente"),
        },
        [PeopleAudit.EntityType] = new()
        {
            [nameof(AppUser.FullName)] = new("Nome e cognome"),
            [nameof(AppUser.Email)] = new("E-mail"),
            [nameof(AppUser.IsDisabled)] = new("Disattivato", YesNo),
            [nameof(AppUser.LockoutEnd)] = new("Bloccato fino a", Time),
            [nameof(AppUser.TwoFactorEnabled)] = new("Verifica in due passaggi", YesNo),
            [PeopleAudit.RolesField] = new("Ruoli", value => string.Join(PeopleAudit.ListSeparator, value.Split(PeopleAudit.ListSeparator).Select(Roles.Label))),
            [PeopleAudit.DirectoratesField] = new("Direzioni"),
        },
    };

    public static string Entity(string entityType) => Entities.GetValueOrDefault(entityType, entityType);

    public static string Field(string entityType, string field) => entityType switch
    {
        SecurityAuditLog.EntityType => Enum.TryParse<SecurityEvent>(field, out var kind) ? Event(kind) : field,
        _ => Find(entityType, field)?.Label ?? field,
    };

    /// <summary>
    /// Whether <paramref name="field"/> of a result only repeats, in the same change, the value as written
    /// (<see cref="ReadFromActualText"/>).
    /// </summary>
    public static bool RepeatsTheValueAsWritten(string entityType, string field) =>
        entityType == nameof(KpiResult) && ReadFromActualText.Contains(field);

    /// <summary>The field whose change makes <see cref="RepeatsTheValueAsWritten"/> rows redundant.</summary>
    public const string ValueAsWritten = nameof(KpiResult.ActualText);

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

    /// <summary>
    /// The entity type an objective's stored number names (its section, area, Direzione), or null: the audit row holds
    /// the internal id, which the history shows by code and name (<see cref="Value"/>'s <c>references</c>).
    /// </summary>
    public static string? ReferencedEntity(string entityType, string field) => entityType != nameof(Objective) ? null : field switch
    {
        nameof(Objective.CategoryId) => nameof(ObjectiveCategory),
        nameof(Objective.AreaId) => nameof(StrategicArea),
        nameof(Objective.DirectorateId) => nameof(Directorate),
        _ => null,
    };

    /// <summary>
    /// A stored value as the pages show it; a value of an unknown field, or one that cannot be read, as stored. An id
    /// (<see cref="ReferencedEntity"/>) is shown as <c>references</c> names it ("DIR – Obiettivi di Direzione"), else
    /// as "n. 7" when that section, area or Direzione no longer exists.
    /// </summary>
    public static string? Value(string entityType, string field, string? value, IReadOnlyDictionary<(string Entity, int Id), string>? references = null)
    {
        if (value is null)
        {
            return null;
        }

        if (ReferencedEntity(entityType, field) is { } referenced && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            return references?.GetValueOrDefault((referenced, id)) ?? $"n. {value}";
        }

        return Find(entityType, field)?.Format is { } format ? format(value) : value;
    }

    private static FieldLabel? Find(string entityType, string field) =>
        Fields.TryGetValue(entityType, out var fields) ? fields.GetValueOrDefault(field) : null;

    private static string Act(string field) => "ApprovalAct." + field;

    private static string Number(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? ItalianValues.FormatNumber(number, 10) : value;

    private static string Date(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? ItalianValues.FormatDate(date) : value;

    private static string Time(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? RomeTime.Format(time) : value;

    private static string YesNo(string value) => value switch
    {
        "true" => "sì",
        "false" => "no",
        _ => value,
    };

    private static Func<string, string> EnumValue<T>(Func<T, string> label)
        where T : struct, Enum =>
        value => Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed) ? label(parsed) : value;

    private sealed record FieldLabel(string Label, Func<string, string>? Format = null);
}

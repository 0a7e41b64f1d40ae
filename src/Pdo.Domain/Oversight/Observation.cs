using Pdo.Domain.Plans;
using Pdo.Domain.Values;

namespace Pdo.Domain.Oversight;

/// <summary>
/// An observation of the OIV on an objective or on one of its KPIs, with the thread of answers of the planning office
/// and of the Direttore of the objective's Direzione. Only the OIV opens, closes and reopens it; only the planning
/// office and the owning Direttore answer, never on a closed observation; an answer makes it «Con risposta».
/// </summary>
public sealed class Observation
{
    /// <summary>The longest observation or answer.</summary>
    public const int TextMaxLength = 4_000;

    private readonly List<ObservationMessage> _messages = [];

    private Observation()
    {
        Text = string.Empty;
        OpenedBy = string.Empty;
        OpenedByName = string.Empty;
    }

    public Observation(Objective objective, Kpi? kpi, string? text, OversightActor author, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(author);
        EnsureEvaluator(author, "Solo l'OIV può formulare un'osservazione.");
        if (objective.Plan is { Status: PlanStatus.Draft })
        {
            throw new DomainRuleException("Le osservazioni si formulano su un piano in monitoraggio o approvato, non in bozza.");
        }

        if (kpi is not null && !objective.Kpis.Contains(kpi))
        {
            throw new DomainRuleException("Il KPI indicato non appartiene all'obiettivo.");
        }

        Objective = objective;
        Kpi = kpi;
        Text = Required(text, "Il testo dell'osservazione");
        Status = ObservationStatus.Open;
        OpenedAt = at;
        OpenedBy = author.UserName;
        OpenedByName = author.FullName;
        Version = VersionToken.New();
    }

    public int Id { get; private set; }

    public int ObjectiveId { get; private set; }

    public Objective? Objective { get; private set; }

    /// <summary>The KPI observed; null for an observation on the whole objective.</summary>
    public int? KpiId { get; private set; }

    public Kpi? Kpi { get; private set; }

    /// <summary>The observation (format: <see cref="NarrativeText"/>).</summary>
    public string Text { get; private set; }

    public ObservationStatus Status { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>The OIV user's name (e-mail) and full name.</summary>
    public string OpenedBy { get; private set; }

    public string OpenedByName { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedByName { get; private set; }

    /// <summary>Concurrency token: a new value on every change.</summary>
    public Guid Version { get; private set; }

    /// <summary>The answers, oldest first.</summary>
    public IReadOnlyList<ObservationMessage> Messages => _messages;

    public bool IsOpen => Status != ObservationStatus.Closed;

    /// <summary>An answer of the planning office or of the Direttore of the objective's Direzione; the observation becomes «Con risposta».</summary>
    public ObservationMessage Answer(string? text, OversightActor author, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(author);
        if (author.Role == OversightRole.Evaluator)
        {
            throw new DomainRuleException("L'OIV non risponde alle proprie osservazioni: le chiude o le riapre.");
        }

        if (author.Role == OversightRole.DirectorateManager
            && !((Objective?.DirectorateId ?? Objective?.Directorate?.Id) is int directorate && author.Directorates.Contains(directorate)))
        {
            throw new DomainRuleException("Risponde il Direttore della Direzione dell'obiettivo, oppure l'Ufficio Pianificazione e Controllo.");
        }

        if (Status == ObservationStatus.Closed)
        {
            throw new DomainRuleException("L'osservazione è chiusa: non si possono aggiungere risposte.");
        }

        var message = new ObservationMessage(this, Required(text, "Il testo della risposta"), author, at);
        _messages.Add(message);
        Status = ObservationStatus.Answered;
        Version = VersionToken.New();
        return message;
    }

    /// <summary>The OIV closes the observation (answered or not).</summary>
    public void Close(OversightActor author, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(author);
        EnsureEvaluator(author, "Solo l'OIV può chiudere un'osservazione.");
        if (Status == ObservationStatus.Closed)
        {
            throw new DomainRuleException("L'osservazione è già chiusa.");
        }

        Status = ObservationStatus.Closed;
        ClosedAt = at;
        ClosedByName = author.FullName;
        Version = VersionToken.New();
    }

    /// <summary>The OIV reopens a closed observation: «Con risposta» when it has answers, else «Aperta».</summary>
    public void Reopen(OversightActor author)
    {
        ArgumentNullException.ThrowIfNull(author);
        EnsureEvaluator(author, "Solo l'OIV può riaprire un'osservazione.");
        if (Status != ObservationStatus.Closed)
        {
            throw new DomainRuleException("L'osservazione non è chiusa.");
        }

        Status = _messages.Count > 0 ? ObservationStatus.Answered : ObservationStatus.Open;
        ClosedAt = null;
        ClosedByName = null;
        Version = VersionToken.New();
    }

    internal static string Required(string? text, string what) =>
        NarrativeText.Normalize(text, what, TextMaxLength) ?? throw new DomainRuleException($"{what} è obbligatorio.");

    private static void EnsureEvaluator(OversightActor author, string message)
    {
        if (author.Role != OversightRole.Evaluator)
        {
            throw new DomainRuleException(message);
        }
    }
}

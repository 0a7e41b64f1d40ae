using System.ComponentModel.DataAnnotations;
using Pdo.Domain.Oversight;
using Pdo.Domain.Values;

namespace Pdo.Web.Features.Oversight;

/// <summary>A new observation of the OIV: on the objective (no KPI) or on one of its KPIs.</summary>
public sealed class ObservationForm
{
    public string? Kpi { get; set; }

    [StringLength(Observation.TextMaxLength, ErrorMessage = "L'osservazione: al massimo 4.000 caratteri.")]
    public string? Text { get; set; }
}

/// <summary>An answer of the planning office or of the owning Direttore, on the version of the observation seen.</summary>
public sealed class ObservationAnswerForm
{
    [StringLength(Observation.TextMaxLength, ErrorMessage = "La risposta: al massimo 4.000 caratteri.")]
    public string? Text { get; set; }

    public Guid Version { get; set; }
}

/// <summary>The OIV closes or reopens an observation, on the version seen.</summary>
public sealed class ObservationDecisionForm
{
    public Guid Version { get; set; }
}

public sealed record ObservationMessageView(string Role, string Author, string At, IReadOnlyList<NarrativeBlock> Text);

/// <summary>An observation as the pages and the Relazione show it: where, state, text, who and when, its answers.</summary>
public sealed record ObservationView(
    int Id,
    string ObjectiveCode,
    string ObjectiveTitle,
    int? DirectorateId,
    string? KpiCode,
    string? KpiName,
    ObservationStatus Status,
    string StatusLabel,
    IReadOnlyList<NarrativeBlock> Text,
    string OpenedBy,
    string OpenedAt,
    string? Closed,
    IReadOnlyList<ObservationMessageView> Messages,
    Guid Version,
    string Url)
{
    /// <summary>"Obiettivo DIR-CASA-01" or "KPI DIR-CASA-01.1 – Alloggi assegnati".</summary>
    public string Subject => KpiCode is null ? $"Obiettivo {ObjectiveCode}" : $"KPI {KpiCode} – {KpiName}";
}

public sealed record KpiOption(string Code, string Name);

/// <summary>The section «Osservazioni dell'OIV» of an objective page, with what the user may do there.</summary>
public sealed record ObservationThreadViewModel(
    int Year,
    string ObjectiveCode,
    IReadOnlyList<KpiOption> Kpis,
    IReadOnlyList<ObservationView> Observations,
    bool CanOpen,
    bool CanAnswer,
    bool CanDecide);

public sealed record ObservationFilter(string? Value, string Label, int Count, bool Selected, string Url);

/// <summary>The list of a plan's observations, by state.</summary>
public sealed record ObservationListViewModel(
    int Year,
    string PlanTitle,
    string? Error,
    IReadOnlyList<ObservationFilter> Filters,
    IReadOnlyList<ObservationView> Observations);

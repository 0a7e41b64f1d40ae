using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Pdo.Web.Features.Api;

// The shapes of the read-only API /api/v1 (ADR 011). Property names are its stable schema (snake_case, English, as the
// open-data columns); texts are Italian as the pages show them. Every property is always present (null when empty).

[Description("Come è calcolato un punteggio: metodo, formula con i numeri, dati usati, metodologia e sintesi, dalle stesse regole delle pagine.")]
public sealed record ApiExplanation(
    [property: JsonPropertyName("method"), Description("Il metodo di calcolo.")] string Method,
    [property: JsonPropertyName("formula"), Description("La formula con i numeri sostituiti.")] string Formula,
    [property: JsonPropertyName("inputs"), Description("I dati usati nel calcolo.")] IReadOnlyList<ApiExplanationInput> Inputs,
    [property: JsonPropertyName("methodology"), Description("La metodologia del piano applicata.")] string Methodology,
    [property: JsonPropertyName("summary"), Description("La sintesi in una frase.")] string Summary);

[Description("Un dato usato nel calcolo.")]
public sealed record ApiExplanationInput(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("value")] string Value);

[Description("Un grado di raggiungimento (0–100) con l'esito e la spiegazione.")]
public sealed record ApiScore(
    [property: JsonPropertyName("value"), Description("Il punteggio da 0 a 100 arrotondato a un decimale come nelle pagine; null se non rilevato.")] decimal? Value,
    [property: JsonPropertyName("display"), Description("Il punteggio come lo scrivono le pagine (it-IT), es. «91,1 %».")] string Display,
    [property: JsonPropertyName("status"), Description("raggiunto, parzialmente_raggiunto, non_raggiunto, non_rilevato.")] string Status,
    [property: JsonPropertyName("status_label"), Description("L'esito come lo scrivono le pagine, es. «Raggiunto» o «Provvisorio — 1 KPI rilevato su 35».")] string StatusLabel,
    [property: JsonPropertyName("provisional"), Description("Vero per un aggregato sotto la copertura completa.")] bool Provisional,
    [property: JsonPropertyName("coverage"), Description("La copertura di un aggregato (KPI rilevati sul totale); null per un KPI.")] string? Coverage,
    [property: JsonPropertyName("explanation"), Description("Come è calcolato.")] ApiExplanation Explanation);

[Description("L'atto che ha approvato il consuntivo.")]
public sealed record ApiApprovalAct(
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("date"), Description("Data ISO 8601 (aaaa-mm-gg).")] string Date,
    [property: JsonPropertyName("link"), Description("L'indirizzo dell'atto, se noto.")] string? Link,
    [property: JsonPropertyName("text"), Description("L'atto come lo scrivono le pagine.")] string Text);

[Description("Un piano approvato nell'elenco.")]
public sealed record ApiPlanSummary(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("approval_act")] ApiApprovalAct? ApprovalAct,
    [property: JsonPropertyName("score"), Description("Il punteggio del piano nel periodo finale.")] ApiScore Score,
    [property: JsonPropertyName("url"), Description("L'indirizzo del piano in questa API.")] string Url);

[Description("I piani approvati, dal più recente, con la licenza dei dati.")]
public sealed record ApiPlanList(
    [property: JsonPropertyName("license"), Description("La licenza dei dati (CC BY 4.0).")] string License,
    [property: JsonPropertyName("publisher")] string Publisher,
    [property: JsonPropertyName("plans")] IReadOnlyList<ApiPlanSummary> Plans);

[Description("Un periodo di monitoraggio.")]
public sealed record ApiPeriod(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("end_date"), Description("Data ISO 8601.")] string EndDate,
    [property: JsonPropertyName("is_final"), Description("Vero per il periodo del consuntivo.")] bool IsFinal);

[Description("Una sezione, un'area strategica o una Direzione con il suo punteggio aggregato.")]
public sealed record ApiGroup(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("objectives"), Description("I codici dei suoi obiettivi.")] IReadOnlyList<string> Objectives,
    [property: JsonPropertyName("score")] ApiScore Score);

[Description("Un obiettivo con il suo punteggio nel periodo finale.")]
public sealed record ApiObjectiveSummary(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("section")] string Section,
    [property: JsonPropertyName("area"), Description("L'area strategica; null se l'obiettivo non ne ha una.")] string? Area,
    [property: JsonPropertyName("directorate"), Description("La Direzione responsabile; null per gli obiettivi dell'Ente.")] string? Directorate,
    [property: JsonPropertyName("weight")] decimal Weight,
    [property: JsonPropertyName("score")] ApiScore Score,
    [property: JsonPropertyName("url")] string Url);

[Description("Un piano approvato: periodi, punteggio del piano, sezioni, aree, Direzioni e obiettivi nel periodo finale (consuntivo).")]
public sealed record ApiPlan(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("license")] string License,
    [property: JsonPropertyName("approval_act")] ApiApprovalAct? ApprovalAct,
    [property: JsonPropertyName("periods")] IReadOnlyList<ApiPeriod> Periods,
    [property: JsonPropertyName("score")] ApiScore Score,
    [property: JsonPropertyName("sections")] IReadOnlyList<ApiGroup> Sections,
    [property: JsonPropertyName("areas")] IReadOnlyList<ApiGroup> Areas,
    [property: JsonPropertyName("directorates")] IReadOnlyList<ApiGroup> Directorates,
    [property: JsonPropertyName("objectives")] IReadOnlyList<ApiObjectiveSummary> Objectives);

[Description("Gli obiettivi di un piano approvato.")]
public sealed record ApiObjectiveList(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("objectives")] IReadOnlyList<ApiObjectiveSummary> Objectives);

[Description("Il risultato di un KPI in un periodo, con il suo punteggio.")]
public sealed record ApiResult(
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("actual"), Description("Il valore come nei dati aperti: numero con il punto decimale, data ISO 8601 o SI/NO; null se non rilevato.")] string? Actual,
    [property: JsonPropertyName("actual_display"), Description("Il valore come lo scrivono le pagine (it-IT), o «—».")] string ActualDisplay,
    [property: JsonPropertyName("justification"), Description("La motivazione dello scostamento, se registrata.")] string? Justification,
    [property: JsonPropertyName("unmeasurable_reason"), Description("Il motivo di un KPI dichiarato non rilevabile nel consuntivo.")] string? UnmeasurableReason,
    [property: JsonPropertyName("score"), Description("Il punteggio che entra negli aggregati: quello forzato quando una forzatura approvata ha sostituito quello calcolato.")] ApiScore Score,
    [property: JsonPropertyName("override"), Description("La forzatura approvata dall'OIV che ha sostituito il punteggio calcolato; null se il punteggio è quello calcolato dalle regole.")] ApiOverride? Override);

[Description("Una forzatura approvata: il punteggio calcolato dalle regole, quello che lo sostituisce, il motivo, chi l'ha decisa (il ruolo) e quando.")]
public sealed record ApiOverride(
    [property: JsonPropertyName("computed_score"), Description("Il punteggio calcolato dalle regole, arrotondato come nelle pagine; null se non rilevato.")] decimal? ComputedScore,
    [property: JsonPropertyName("override_score"), Description("Il punteggio forzato (0–100).")] decimal OverrideScore,
    [property: JsonPropertyName("reason"), Description("Il motivo della forzatura.")] string Reason,
    [property: JsonPropertyName("decided_by_role"), Description("Il ruolo di chi l'ha approvata (non il nome).")] string DecidedByRole,
    [property: JsonPropertyName("decided_at"), Description("Quando è stata approvata (ISO 8601, UTC).")] string DecidedAt);

[Description("Un KPI con target e risultati per periodo.")]
public sealed record ApiKpi(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("comparator"), Description(">=, >, <=, <, =.")] string Comparator,
    [property: JsonPropertyName("target"), Description("Come nei dati aperti: numero con il punto decimale, data ISO 8601 o SI.")] string Target,
    [property: JsonPropertyName("target_display"), Description("Il target come lo scrivono le pagine.")] string TargetDisplay,
    [property: JsonPropertyName("weight")] decimal Weight,
    [property: JsonPropertyName("results"), Description("Un elemento per periodo, nell'ordine dei periodi.")] IReadOnlyList<ApiResult> Results);

[Description("Un obiettivo di un piano approvato con i suoi KPI, i risultati per periodo e i punteggi spiegati.")]
public sealed record ApiObjective(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("section")] string Section,
    [property: JsonPropertyName("area")] string? Area,
    [property: JsonPropertyName("directorate")] string? Directorate,
    [property: JsonPropertyName("weight")] decimal Weight,
    [property: JsonPropertyName("periods")] IReadOnlyList<ApiPeriod> Periods,
    [property: JsonPropertyName("score"), Description("Il punteggio dell'obiettivo nel periodo finale.")] ApiScore Score,
    [property: JsonPropertyName("kpis")] IReadOnlyList<ApiKpi> Kpis);

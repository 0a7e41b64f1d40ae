namespace Pdo.Reporting.Model;

/// <summary>The status band of a score, as the portal shows it.</summary>
public enum ReportStatus
{
    Achieved,
    PartiallyAchieved,
    NotAchieved,
    NotMeasured,
}

/// <summary>
/// A score exactly as the portal shows it: "91,1 %", its status label and, for roll-ups, the coverage. A provisional
/// roll-up (below full coverage) already carries the coverage in its label: «Provvisorio — 1 KPI rilevato su 35».
/// </summary>
public sealed record ReportScore(decimal? Value, string Display, ReportStatus Status, string StatusLabel, string? Coverage)
{
    public bool Provisional { get; init; }

    /// <summary>"Parzialmente raggiunto (2 KPI rilevati su 2)", or the provisional label alone, which names its coverage.</summary>
    public string StatusWithCoverage => Provisional || Coverage is null ? StatusLabel : $"{StatusLabel} ({Coverage})";
}

/// <summary>A row of the summary: a section, a strategic area, a Direzione or an objective with its score.</summary>
public sealed record ReportGroupSummary(string Name, int ObjectiveCount, ReportScore Score);

/// <summary>A block of the summary page: a chart and a table, e.g. "Grado di raggiungimento per sezione".</summary>
public sealed record ReportSummary(string Title, string FirstColumn, IReadOnlyList<ReportGroupSummary> Rows);

/// <summary>
/// A block of narrative: a paragraph, or a list when <see cref="Items"/> has entries (numbered when
/// <see cref="Numbered"/>), as the portal's one reading of the narrative format split it.
/// </summary>
public sealed record ReportNarrativeBlock(string? Paragraph, IReadOnlyList<string> Items, bool Numbered = false);

/// <summary>
/// A KPI row of the report's table (KPI | Target | Valore raggiunto | Grado di raggiungimento), with the second
/// reading of the actual when the text as written does not say it by itself, the justification of a deviation and
/// how the score was computed (method and formula from the rule book).
/// </summary>
public sealed record ReportKpi(
    string Code,
    string Name,
    string Weight,
    string Target,
    string Actual,
    string? ActualReading,
    ReportScore Score,
    string? Justification,
    string Method,
    string Formula)
{
    /// <summary>The approved score override that gave this KPI its score, or null.</summary>
    public ReportOverride? Override { get; init; }
}

/// <summary>
/// A score replaced by an approved override («forzatura»): the computed and the forced score, the reason, who approved
/// it (name and role) and when, already formatted by the portal.
/// </summary>
public sealed record ReportOverride(string ComputedScore, string OverrideScore, string Reason, string ApprovedBy, string ApprovedOn)
{
    /// <summary>«Punteggio forzato 85,0 % (calcolato 80,0 %), approvato da … il 25/01/2021. Motivo: …».</summary>
    public string Note => $"Punteggio forzato {OverrideScore} (calcolato {ComputedScore}), approvato da {ApprovedBy} il {ApprovedOn}. Motivo: {Reason}";
}

/// <summary>A line of the list «Punteggi modificati»: which KPI of which objective, and its override.</summary>
public sealed record ReportOverriddenScore(string ObjectiveCode, string KpiCode, string KpiName, ReportOverride Override);

/// <summary>KPIs under one group label of the table (e.g. "Area più pulita"); null label for ungrouped KPIs.</summary>
public sealed record ReportKpiGroup(string? Label, IReadOnlyList<ReportKpi> Kpis);

/// <summary>One objective block: title, owner Direzione, KPI table, score, narrative and data source.</summary>
public sealed record ReportObjective(
    string Code,
    string Title,
    string Owner,
    string Section,
    string? Area,
    string Weight,
    ReportScore Score,
    string ScoreFormula,
    IReadOnlyList<ReportKpiGroup> KpiGroups,
    IReadOnlyList<ReportNarrativeBlock> Narrative,
    string? DataSourceNote);

/// <summary>A part of a chapter: the objectives of one strategic area or Direzione inside a section (title null: none).</summary>
public sealed record ReportPart(string? Title, ReportScore? Score, IReadOnlyList<ReportObjective> Objectives);

/// <summary>A chapter: one section of the plan (Obiettivi Solidali, …) with its score and parts.</summary>
public sealed record ReportChapter(string Title, ReportScore Score, IReadOnlyList<ReportPart> Parts);

/// <summary>The plan's methodology settings, in words (e.g. the lower-is-better formula in use).</summary>
public sealed record ReportMethodology(string LowerIsBetterFormula, string StatusBands);

/// <summary>
/// Everything the consuntivo PDF prints, already formatted in Italian by the portal (numbers, dates, scores), so
/// the document can only show what the pages show. Built by the web project from the plan's scorecard.
/// </summary>
public sealed record ConsuntivoReport
{
    public required string Organisation { get; init; }

    public required int Year { get; init; }

    /// <summary>"Piano degli Obiettivi 2019".</summary>
    public required string PlanTitle { get; init; }

    /// <summary>What the document covers when it is not the whole plan, e.g. "Direzione Casa" or "Sezione: Obiettivi di Direzione".</summary>
    public string? Scope { get; init; }

    public required string StatusLabel { get; init; }

    /// <summary>False prints the "BOZZA" watermark on every page.</summary>
    public required bool IsApproved { get; init; }

    /// <summary>The monitoring period the numbers are for, e.g. "Consuntivo (31/12/2019)".</summary>
    public required string PeriodName { get; init; }

    /// <summary>Why this period: "periodo finale del piano approvato", "ultimo periodo con risultati" …</summary>
    public required string PeriodNote { get; init; }

    public string? ApprovalText { get; init; }

    public string? ApprovalLink { get; init; }

    public string? ApprovalDescription { get; init; }

    /// <summary>The OIV's validation of the Relazione, e.g. «Relazione validata dall'OIV il 30/06/2020»; null for a plan not approved.</summary>
    public string? ValidationText { get; init; }

    /// <summary>"26/11/2026".</summary>
    public required string GeneratedOn { get; init; }

    public DateTimeOffset? GeneratedAt { get; init; }

    public required ReportScore Overall { get; init; }

    public required int ObjectiveCount { get; init; }

    public required int KpiCount { get; init; }

    /// <summary>The summary blocks: by section, area and Direzione for the whole plan; by objective for a part of it.</summary>
    public required IReadOnlyList<ReportSummary> Summaries { get; init; }

    public required IReadOnlyList<ReportChapter> Chapters { get; init; }

    public required ReportMethodology Methodology { get; init; }

    /// <summary>The plan's introduction, printed after the table of contents, before the summary and the objectives; empty: none.</summary>
    public IReadOnlyList<ReportNarrativeBlock> Introduction { get; init; } = [];

    /// <summary>The plan's closing note, printed at the end of the document; empty: none.</summary>
    public IReadOnlyList<ReportNarrativeBlock> ClosingNote { get; init; } = [];

    /// <summary>"Piano degli Obiettivi 2019 — Consuntivo".</summary>
    /// <summary>When set, the document is the Relazione sulla Performance (LG 3/2018) built on this consuntivo.</summary>
    public RelazioneParts? Relazione { get; init; }

    public string DocumentTitle => Relazione is null ? $"{PlanTitle} — Consuntivo" : $"{PlanTitle} — Relazione sulla Performance";

    public IEnumerable<ReportObjective> Objectives => Chapters.SelectMany(c => c.Parts).SelectMany(p => p.Objectives);

    /// <summary>Every KPI whose score an approved override replaced, in the order of the document («Punteggi modificati»).</summary>
    public IReadOnlyList<ReportOverriddenScore> OverriddenScores => Objectives
        .SelectMany(o => o.KpiGroups.SelectMany(g => g.Kpis).Where(k => k.Override is not null)
            .Select(k => new ReportOverriddenScore(o.Code, k.Code, k.Name, k.Override!)))
        .ToList();
}

/// <summary>An answer in the thread of an observation: «Nome Cognome (Ufficio Pianificazione e Controllo), 10/07/2020 11:30».</summary>
public sealed record RelazioneAnswer(string Author, IReadOnlyList<ReportNarrativeBlock> Text);

/// <summary>An observation of the OIV not yet closed, with its answers.</summary>
public sealed record RelazioneObservation(string Subject, string Status, string OpenedBy, IReadOnlyList<ReportNarrativeBlock> Text, IReadOnlyList<RelazioneAnswer> Answers);

/// <summary>The OIV's current validation of the Relazione.</summary>
public sealed record RelazioneValidation(string Outcome, string Date, string SignedBy, IReadOnlyList<ReportNarrativeBlock> Reasoning, IReadOnlyList<ReportNarrativeBlock> Reservations);

/// <summary>
/// What the Relazione sulla Performance adds to the consuntivo (LG 3/2018): the headline of the synthesis, the
/// context and resources written by the planning office, the open observations, the measurement process (rule book
/// and its version), the validation (none while the OIV has not validated).
/// </summary>
public sealed record RelazioneParts(
    IReadOnlyList<string> Headline,
    IReadOnlyList<ReportNarrativeBlock> Context,
    IReadOnlyList<RelazioneObservation> OpenObservations,
    IReadOnlyList<string> MeasurementProcess,
    RelazioneValidation? Validation);

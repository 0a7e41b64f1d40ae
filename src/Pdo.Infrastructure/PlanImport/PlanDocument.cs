using System.Text.Json.Serialization;

namespace Pdo.Infrastructure.PlanImport;

// The JSON plan interchange format (docs/plan-format.md). Values are Italian text, parsed by ItalianValues;
// enumerations are code names, validated by the importer so that a wrong one is reported with its path.

public sealed record PlanDocument
{
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("formatVersion")] public int? FormatVersion { get; init; }
    [JsonPropertyName("year")] public int? Year { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("approvalAct")] public ApprovalActDocument? ApprovalAct { get; init; }
    [JsonPropertyName("methodology")] public MethodologyDocument? Methodology { get; init; }
    [JsonPropertyName("requireFourEyesReview")] public bool? RequireFourEyesReview { get; init; }
    [JsonPropertyName("introduction")] public string? Introduction { get; init; }
    [JsonPropertyName("closingNote")] public string? ClosingNote { get; init; }
    [JsonPropertyName("periods")] public List<PeriodDocument>? Periods { get; init; }
    [JsonPropertyName("categories")] public List<CodeNameDocument>? Categories { get; init; }
    [JsonPropertyName("areas")] public List<CodeNameDocument>? Areas { get; init; }
    [JsonPropertyName("directorates")] public List<CodeNameDocument>? Directorates { get; init; }
    [JsonPropertyName("objectives")] public List<ObjectiveDocument>? Objectives { get; init; }
}

public sealed record ApprovalActDocument
{
    [JsonPropertyName("number")] public string? Number { get; init; }
    [JsonPropertyName("date")] public string? Date { get; init; }
    [JsonPropertyName("link")] public string? Link { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
}

public sealed record MethodologyDocument
{
    [JsonPropertyName("lowerIsBetterFormula")] public string? LowerIsBetterFormula { get; init; }
    [JsonPropertyName("partiallyAchievedFrom")] public decimal? PartiallyAchievedFrom { get; init; }
}

public sealed record PeriodDocument
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("endDate")] public string? EndDate { get; init; }
    [JsonPropertyName("isFinal")] public bool IsFinal { get; init; }
    [JsonPropertyName("isOpen")] public bool IsOpen { get; init; }
}

public sealed record CodeNameDocument
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
}

public sealed record ObjectiveDocument
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("area")] public string? Area { get; init; }
    [JsonPropertyName("directorate")] public string? Directorate { get; init; }
    [JsonPropertyName("weight")] public decimal? Weight { get; init; }
    [JsonPropertyName("narrative")] public string? Narrative { get; init; }
    [JsonPropertyName("dataSourceNote")] public string? DataSourceNote { get; init; }
    [JsonPropertyName("kpis")] public List<KpiDocument>? Kpis { get; init; }
}

public sealed record KpiDocument
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("group")] public string? Group { get; init; }
    [JsonPropertyName("target")] public string? Target { get; init; }
    [JsonPropertyName("targetValue")] public string? TargetValue { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("valueKind")] public string? ValueKind { get; init; }
    [JsonPropertyName("unit")] public string? Unit { get; init; }
    [JsonPropertyName("direction")] public string? Direction { get; init; }
    [JsonPropertyName("comparator")] public string? Comparator { get; init; }
    [JsonPropertyName("baseline")] public string? Baseline { get; init; }
    [JsonPropertyName("weight")] public decimal? Weight { get; init; }
    [JsonPropertyName("scoring")] public ScoringDocument? Scoring { get; init; }
    [JsonPropertyName("results")] public List<ResultDocument>? Results { get; init; }
    [JsonPropertyName("unmeasurableReason")] public string? UnmeasurableReason { get; init; }
}

public sealed record ScoringDocument
{
    [JsonPropertyName("method")] public string? Method { get; init; }
    [JsonPropertyName("bands")] public List<BandDocument>? Bands { get; init; }
    [JsonPropertyName("penaltyPerDay")] public decimal? PenaltyPerDay { get; init; }
}

public sealed record BandDocument
{
    [JsonPropertyName("minimumProgress")] public decimal MinimumProgress { get; init; }
    [JsonPropertyName("score")] public decimal Score { get; init; }
}

public sealed record ResultDocument
{
    [JsonPropertyName("period")] public string? Period { get; init; }
    [JsonPropertyName("actual")] public string? Actual { get; init; }
    [JsonPropertyName("actualValue")] public string? ActualValue { get; init; }
    [JsonPropertyName("completionDate")] public string? CompletionDate { get; init; }
    [JsonPropertyName("justification")] public string? Justification { get; init; }
}

using System.Text.Json.Serialization;

namespace Pdo.Web.Features.OpenData;

/// <summary>
/// One KPI of an approved plan as published in open data. Numbers use dot decimals, dates ISO 8601; the column
/// names are the dataset's stable schema.
/// </summary>
public sealed record OpenDataRow(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("area")] string? Area,
    [property: JsonPropertyName("directorate")] string? Directorate,
    [property: JsonPropertyName("objective_code")] string ObjectiveCode,
    [property: JsonPropertyName("objective_title")] string ObjectiveTitle,
    [property: JsonPropertyName("kpi_code")] string KpiCode,
    [property: JsonPropertyName("kpi_name")] string KpiName,
    [property: JsonPropertyName("kpi_group")] string? KpiGroup,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("comparator")] string Comparator,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("actual")] string? Actual,
    [property: JsonPropertyName("score")] decimal? Score,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("weight")] decimal Weight,
    [property: JsonPropertyName("unmeasurable_reason")] string? UnmeasurableReason)
{
    /// <summary>The score the rule book computed from the actual (equal to <see cref="Score"/> unless an override replaced it).</summary>
    [JsonPropertyName("computed_score")]
    public decimal? ComputedScore { get; init; }

    /// <summary>The score of the approved override that replaced the computed one («forzatura»), else null.</summary>
    [JsonPropertyName("override_score")]
    public decimal? OverrideScore { get; init; }

    [JsonPropertyName("override_reason")]
    public string? OverrideReason { get; init; }

    /// <summary>Who decided the override, by role (open data is public: never the person's name).</summary>
    [JsonPropertyName("override_decided_by_role")]
    public string? OverrideDecidedByRole { get; init; }

    /// <summary>When the override was approved, ISO 8601 (UTC).</summary>
    [JsonPropertyName("override_decided_at")]
    public DateTimeOffset? OverrideDecidedAt { get; init; }

    public static readonly string[] Columns =
    [
        "year", "category", "area", "directorate", "objective_code", "objective_title", "kpi_code", "kpi_name",
        "kpi_group", "unit", "comparator", "target", "actual", "score", "status", "weight",
        "unmeasurable_reason", "computed_score", "override_score", "override_reason", "override_decided_by_role",
        "override_decided_at",
    ];
}

/// <summary>
/// The JSON file of an approved plan's dataset: what it is, who publishes it under which licence (<c>license</c>, the
/// licence's address), where its dictionary is, and its rows (the same records as the CSV).
/// </summary>
public sealed record OpenDataFile(
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("publisher")] string Publisher,
    [property: JsonPropertyName("publisher_ipa_code")] string PublisherIpaCode,
    [property: JsonPropertyName("license")] string License,
    [property: JsonPropertyName("license_name")] string LicenseName,
    [property: JsonPropertyName("data_dictionary")] string DataDictionary,
    [property: JsonPropertyName("rows")] IReadOnlyList<OpenDataRow> Rows);

/// <summary>An approved plan's dataset; <see cref="Status"/> is the consuntivo's headline («Raggiunto», «Provvisorio — 30 KPI rilevati su 35»).</summary>
public sealed record OpenDataset(int Year, string Title, string ApprovalText, string CsvUrl, string ExcelCsvUrl, string JsonUrl, int Rows, string Status);

public sealed record OpenDataIndexViewModel(IReadOnlyList<OpenDataset> Datasets, string Publisher);

using Pdo.Domain.Values;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Objectives;

public sealed record KpiRow(
    string Code,
    string Name,
    string Target,
    string Actual,
    string? ActualParsed,
    string Weight,
    string? Justification,
    ScoreViewModel Score);

/// <summary>KPIs under one group label of the report's table (e.g. "Area più pulita"); label null for ungrouped KPIs.</summary>
public sealed record KpiGroup(string? Label, IReadOnlyList<KpiRow> Kpis);

/// <summary>One KPI across the plan's monitoring periods (target vs actual, interim and final).</summary>
public sealed record KpiPeriodRow(string Code, string Name, string Target, string? Baseline, IReadOnlyList<(string Period, string Actual, ScoreViewModel Score)> Periods);

/// <summary>The same KPI (by code) in every plan that has it.</summary>
public sealed record KpiYearRow(string Code, string Name, IReadOnlyList<(int Year, string Target, string Actual, ScoreViewModel Score)> Years);

public sealed record ObjectiveViewModel(
    PlanHeaderViewModel Header,
    string Code,
    string Title,
    string CategoryName,
    string CategoryUrl,
    string? AreaName,
    string? AreaUrl,
    int? DirectorateId,
    string? DirectorateName,
    string? DirectorateUrl,
    string Weight,
    IReadOnlyList<NarrativeBlock> Narrative,
    string? DataSourceNote,
    ScoreViewModel Score,
    IReadOnlyList<KpiGroup> Groups,
    IReadOnlyList<string> PeriodNames,
    IReadOnlyList<KpiPeriodRow> PeriodRows,
    IReadOnlyList<KpiYearRow> YearRows,
    object ChartData)
{
    /// <summary>Whether some plans' snapshots are still loading (after a restart): their years join the rows on a later visit.</summary>
    public bool OtherYearsLoading { get; init; }
}

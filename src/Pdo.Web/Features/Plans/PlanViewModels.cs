using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Plans;

/// <summary>A plan of the list; its score is null while the plan is still being loaded after a restart.</summary>
public sealed record PlanListItem(int Year, string Title, string StatusLabel, string? ApprovalText, ScoreViewModel? Score, string Url, string? ValidationText = null);

public sealed record PlanListViewModel(IReadOnlyList<PlanListItem> Plans);

public sealed record PeriodOption(string Code, string Name, bool Selected, bool IsOpen = false);

/// <summary>What every page of a plan shows in its heading: plan, status, approval act, the OIV's validation and the period shown.</summary>
public sealed record PlanHeaderViewModel(
    Pdo.Domain.Plans.PlanStatus Status,
    int Year,
    string Title,
    string StatusLabel,
    bool IsApproved,
    string? ApprovalText,
    string? ApprovalLink,
    string? PeriodCode,
    string PeriodName,
    IReadOnlyList<PeriodOption> Periods,
    bool RequireFourEyesReview = true,
    string? ValidationText = null);

public sealed record GroupRow(string Code, string Name, int ObjectiveCount, ScoreViewModel Score, string Url);

public sealed record PlanOverviewViewModel(
    PlanHeaderViewModel Header,
    ScoreViewModel Overall,
    IReadOnlyList<GroupRow> Categories,
    IReadOnlyList<GroupRow> Areas,
    IReadOnlyList<GroupRow> Directorates,
    int ObjectiveCount,
    int KpiCount,
    IReadOnlyList<Pdo.Domain.Values.NarrativeBlock> Introduction);

public sealed record ObjectiveRow(string Code, string Title, string? DirectorateName, string CategoryName, int KpiCount, ScoreViewModel Score, string Url);

/// <summary>A section, a strategic area or a Direzione with its objectives.</summary>
public sealed record GroupPageViewModel(
    PlanHeaderViewModel Header,
    string KindLabel,
    string Code,
    string Name,
    ScoreViewModel Score,
    IReadOnlyList<ObjectiveRow> Objectives);

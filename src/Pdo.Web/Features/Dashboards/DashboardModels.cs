using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Features.Users;

namespace Pdo.Web.Features.Dashboards;

/// <summary>Dashboard filters, all in the query string so that a view can be bookmarked and shared.</summary>
public sealed record DashboardFilter(string? Period, string? Section, string? Area, string? Directorate, string? Status)
{
    public const int ListSize = 50;

    public static IReadOnlyList<(string Value, string Label)> Statuses { get; } =
    [
        ("raggiunto", "Raggiunto"),
        ("parziale", "Parzialmente raggiunto"),
        ("non-raggiunto", "Non raggiunto"),
        ("non-rilevato", "Non rilevato"),
    ];

    public string Query(int year, string? section = null, string? area = null, string? directorate = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("periodo", Period);
        Add("sezione", section ?? Section);
        Add("area", area ?? Area);
        Add("direzione", directorate ?? Directorate);
        Add("stato", Status);
        return $"/piani/{year}/cruscotto" + (parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts));
    }
}

public sealed record StatusCount(string Label, string Css, string Icon, int Count, string Percent);

public sealed record ScoreBar(string Name, string Url, ScoreViewModel Score);

public sealed record DashboardKpi(string ObjectiveCode, string ObjectiveTitle, string KpiCode, string KpiName, string Target, string Actual, ScoreViewModel Score, string Url);

public sealed record DashboardObjective(string Code, string Title, string? Directorate, ScoreViewModel Score, string Url);

public sealed record TrendPoint(int Year, ScoreViewModel Score, string Url);

public sealed record DashboardViewModel(
    PlanHeaderViewModel Header,
    string Heading,
    string? ScopeLabel,
    DashboardFilter Filter,
    IReadOnlyList<Option> Sections,
    IReadOnlyList<Option> Areas,
    IReadOnlyList<Option> Directorates,
    IReadOnlyList<Option> Statuses,
    ScoreViewModel Overall,
    int ObjectiveCount,
    IReadOnlyList<StatusCount> StatusCounts,
    IReadOnlyList<ScoreBar> BySection,
    IReadOnlyList<ScoreBar> ByArea,
    IReadOnlyList<ScoreBar> ByDirectorate,
    IReadOnlyList<DashboardObjective> Objectives,
    int ObjectiveTotal,
    IReadOnlyList<DashboardKpi> Kpis,
    int KpiTotal,
    string KpiListTitle,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyDictionary<string, string> Summaries,
    object ChartData);

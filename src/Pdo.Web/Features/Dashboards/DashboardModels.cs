using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Features.Users;

namespace Pdo.Web.Features.Dashboards;

/// <summary>
/// Dashboard filters and the pages of its two lists, all in the query string so that a view can be bookmarked and
/// shared. Changing a filter starts the lists again from their first page.
/// </summary>
public sealed record DashboardFilter(string? Period, string? Section, string? Area, string? Directorate, string? Status, int KpiPage = 1, int ObjectivePage = 1)
{
    /// <summary>Rows per page of the KPI list and of the objective list.</summary>
    public const int ListSize = 25;

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

    /// <summary>This view with other pages of the lists (the first page is the address without a page number).</summary>
    public string PageQuery(int year, int kpiPage, int objectivePage)
    {
        var url = Query(year);
        var pages = new List<string>();
        if (kpiPage > 1)
        {
            pages.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"pagina={kpiPage}"));
        }

        if (objectivePage > 1)
        {
            pages.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"pagina-obiettivi={objectivePage}"));
        }

        return pages.Count == 0 ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', pages);
    }
}

/// <summary>One page of a dashboard list: rows <see cref="First"/> to <see cref="Last"/> of <see cref="Total"/>.</summary>
public sealed record ListPage(int Page, int Pages, int First, int Last, int Total, string? PreviousUrl, string? NextUrl)
{
    public static int Count(int total) => Math.Max(1, (total + DashboardFilter.ListSize - 1) / DashboardFilter.ListSize);

    public static int Clamp(int page, int total) => Math.Clamp(page, 1, Count(total));

    public static ListPage Of(int page, int total, Func<int, string> url)
    {
        var pages = Count(total);
        return new ListPage(
            page,
            pages,
            total == 0 ? 0 : ((page - 1) * DashboardFilter.ListSize) + 1,
            Math.Min(total, page * DashboardFilter.ListSize),
            total,
            page > 1 ? url(page - 1) : null,
            page < pages ? url(page + 1) : null);
    }
}

/// <summary>KPIs in one status; <see cref="CountText"/> agrees in number: "33 raggiunti", "1 non rilevato".</summary>
public sealed record StatusCount(string Label, string Css, string Icon, int Count, string Percent, string CountText);

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
    ListPage ObjectivePage,
    IReadOnlyList<DashboardKpi> Kpis,
    ListPage KpiPage,
    string KpiListTitle,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyDictionary<string, string> Summaries,
    object ChartData);

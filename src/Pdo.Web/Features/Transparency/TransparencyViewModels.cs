using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Transparency;

/// <summary>The ente as the public pages name it (configuration section <c>Ente</c>).</summary>
public sealed record PublicEnte(string Name, string IpaCode, string? TransparencyUrl, string? WebsiteUrl);

/// <summary>The index of the public pages: the ente and its approved plans, newest first.</summary>
public sealed record TransparencyIndexViewModel(PublicEnte Ente, IReadOnlyList<PlanListItem> Plans);

/// <summary>One year of the trend: the overall score and each section's (by section code; null when the plan has no such section).</summary>
public sealed record TrendYear(int Year, string Title, ScoreViewModel Overall, IReadOnlyList<ScoreViewModel?> Sections);

/// <summary>The multi-year trend of the approved plans: overall and per-section scores by year, with its chart data.</summary>
public sealed record TrendViewModel(PublicEnte Ente, IReadOnlyList<string> SectionNames, IReadOnlyList<TrendYear> Years, object ChartData);


namespace Pdo.Web.Features.Oversight;

/// <summary>One finding of a check, linked to its objective or KPI.</summary>
public sealed record CheckItem(string Label, string Url, string? Detail = null);

/// <summary>One check of LG 3/2018 with its findings (none: <see cref="EmptyState"/>).</summary>
public sealed record CheckGroup(string Id, string Title, string EmptyState, IReadOnlyList<CheckItem> Items);

/// <summary>The checks page of a plan: what the OIV verifies, computed from the data.</summary>
public sealed record ChecksViewModel(int Year, string PlanTitle, string PeriodName, IReadOnlyList<CheckGroup> Groups);

using System.Globalization;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Features.Users;

namespace Pdo.Web.Features.Dashboards;

/// <summary>
/// Builds the plan dashboard (and, with a section, area or Direzione filter, their dashboards) from the cached
/// snapshot: overall score and coverage, status distribution, scores by section, area and Direzione, the KPIs not
/// reached or not measured, the trend by year. Every number is the rule book's.
/// </summary>
public sealed class DashboardService(AppDbContext db, DashboardCache cache)
{
    public async Task<DashboardViewModel?> BuildAsync(int year, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var plans = await cache.WithPlanAsync(db, year, cancellationToken);

        // The snapshots are immutable: while they do not change, the same filters give the same page model.
        var memo = cache.MemoFor(plans);
        if (memo.TryGetValue((year, filter), out var known))
        {
            return known;
        }

        var built = Build(plans, year, filter, cache.LoadOtherPlansInBackground);
        if (built is not null && memo.Count < DashboardCache.MaxMemoEntries)
        {
            memo.TryAdd((year, filter), built);
        }

        return built;
    }

    private static DashboardViewModel? Build(PlanSnapshots plans, int year, DashboardFilter filter, bool othersLoading)
    {
        var snapshot = plans.FirstOrDefault(p => p.Year == year);
        if (snapshot is null)
        {
            return null;
        }

        var period = string.IsNullOrEmpty(filter.Period)
            ? snapshot.DefaultPeriod
            : snapshot.PeriodWithCode(filter.Period);
        if (period is null)
        {
            return null;
        }

        var section = Find(snapshot.Categories, filter.Section);
        var area = Find(snapshot.Areas, filter.Area);
        var directorate = Find(snapshot.Directorates.Values, filter.Directorate);
        if ((filter.Section is { Length: > 0 } && section is null) || (filter.Area is { Length: > 0 } && area is null)
            || (filter.Directorate is { Length: > 0 } && directorate is null))
        {
            return null;
        }

        var statusFilter = filter.Status switch
        {
            "raggiunto" => AttainmentStatus.Achieved,
            "parziale" => AttainmentStatus.PartiallyAchieved,
            "non-raggiunto" => AttainmentStatus.NotAchieved,
            "non-rilevato" => AttainmentStatus.NotMeasured,
            _ => (AttainmentStatus?)null,
        };
        var current = filter with { Period = period.Code };
        var methodology = snapshot.Methodology;
        var scores = snapshot.Scores(period.Id);
        var objectives = snapshot.Objectives
            .Where(o => section is null || o.CategoryId == section.Id)
            .Where(o => area is null || o.AreaId == area.Id)
            .Where(o => directorate is null || o.DirectorateId == directorate.Id)
            .ToList();

        // Objective roll-ups: the rule book's weighted mean of their KPIs (computed once per snapshot and period).
        var allObjectiveScores = snapshot.ObjectiveScores(period.Id);
        var objectiveScores = snapshot.Objectives.Select((o, i) => (o.Id, Score: allObjectiveScores[i])).ToDictionary(x => x.Id, x => x.Score);

        AggregateAttainment Roll(string scope, IEnumerable<SnapshotObjective> items) =>
            snapshot.Aggregate(scope, items.Select(o => (o, objectiveScores[o.Id])));

        var scopeLabel = section?.Name ?? area?.Name ?? directorate?.Name;
        var overall = Roll(scopeLabel ?? snapshot.Title, objectives);
        var kpiIndexes = objectives.SelectMany(o => snapshot.KpisByObjective.GetValueOrDefault(o.Id, [])).ToList();

        var statusCounts = new[] { AttainmentStatus.Achieved, AttainmentStatus.PartiallyAchieved, AttainmentStatus.NotAchieved, AttainmentStatus.NotMeasured }
            .Select(s =>
            {
                var count = kpiIndexes.Count(i => scores[i].Status == s);
                var percent = kpiIndexes.Count == 0 ? 0m : 100m * count / kpiIndexes.Count;
                return new StatusCount(
                    ScoreViewModel.Label(s), ScoreViewModel.Css(s), ScoreViewModel.Icon(s), count, ItalianValues.FormatScore(percent), AttainmentRules.StatusCountText(s, count));
            })
            .ToList();

        var bySection = snapshot.Categories
            .Select(c => (Group: c, Items: objectives.Where(o => o.CategoryId == c.Id).ToList()))
            .Where(x => x.Items.Count > 0)
            .Select(x => new ScoreBar(x.Group.Name, current.Query(year, section: x.Group.Code), ScoreViewModel.From(Roll(x.Group.Name, x.Items))))
            .ToList();
        var byArea = snapshot.Areas
            .Select(a => (Group: a, Items: objectives.Where(o => o.AreaId == a.Id).ToList()))
            .Where(x => x.Items.Count > 0)
            .Select(x => new ScoreBar(x.Group.Name, current.Query(year, area: x.Group.Code), ScoreViewModel.From(Roll(x.Group.Name, x.Items))))
            .ToList();
        var byDirectorate = objectives.Where(o => o.DirectorateId is not null)
            .GroupBy(o => o.DirectorateId!.Value)
            .Select(g => (Group: snapshot.Directorates[g.Key], Items: g.ToList()))
            .OrderBy(x => x.Group.Name, StringComparer.Ordinal)
            .Select(x => new ScoreBar(x.Group.Name, current.Query(year, directorate: x.Group.Code), ScoreViewModel.From(Roll(x.Group.Name, x.Items))))
            .ToList();

        var objectivePage = ListPage.Clamp(filter.ObjectivePage, objectives.Count);
        var directorateNames = snapshot.Directorates;
        var objectiveRows = objectives
            .OrderBy(o => objectiveScores[o.Id].Score ?? decimal.MaxValue).ThenBy(o => o.SortOrder)
            .Skip((objectivePage - 1) * DashboardFilter.ListSize)
            .Take(DashboardFilter.ListSize)
            .Select(o => new DashboardObjective(
                o.Code,
                o.Title,
                o.DirectorateId is int d ? directorateNames[d].Name : null,
                ScoreViewModel.From(objectiveScores[o.Id]),
                Links.Objective(year, o.Code, period.Code)))
            .ToList();

        var objectivesById = objectives.ToDictionary(o => o.Id);
        var listed = kpiIndexes
            .Where(i => statusFilter is AttainmentStatus wanted ? scores[i].Status == wanted : scores[i].Score is null || scores[i].Score < 100m)
            .OrderBy(i => scores[i].Score is null ? 1 : 0).ThenBy(i => scores[i].Score).ThenBy(i => i)
            .ToList();
        var kpiPage = ListPage.Clamp(filter.KpiPage, listed.Count);
        current = current with { KpiPage = kpiPage, ObjectivePage = objectivePage };
        var kpiRows = listed.Skip((kpiPage - 1) * DashboardFilter.ListSize).Take(DashboardFilter.ListSize).Select(i =>
        {
            var kpi = snapshot.Kpis[i];
            var objective = objectivesById[kpi.ObjectiveId];
            var attainment = snapshot.Attainment(period.Id, kpi.Id);
            return new DashboardKpi(
                objective.Code,
                objective.Title,
                kpi.Code,
                kpi.Name,
                kpi.TargetText,
                snapshot.Result(period.Id, kpi.Id)?.ActualText ?? "—",
                ScoreViewModel.From(attainment),
                $"{Links.Objective(year, objective.Code, period.Code)}#kpi-{Uri.EscapeDataString(kpi.Code)}");
        }).ToList();

        var trend = plans
            .Where(plan => plan.DefaultPeriod is not null)
            .Select(plan => new TrendPoint(plan.Year, ScoreViewModel.From(plan.Overall(plan.DefaultPeriod!.Id)), $"/piani/{plan.Year}/cruscotto"))
            .ToList();

        var header = PlanService.Header(snapshot, period);

        var summaries = new Dictionary<string, string>
        {
            ["status"] = StatusSummary(statusCounts, kpiIndexes.Count),
            ["sections"] = BarSummary("sezione", bySection),
            ["areas"] = BarSummary("area strategica", byArea),
            ["directorates"] = BarSummary("Direzione", byDirectorate),
            // After a restart only this plan may be loaded yet: the other years follow (loaded in the background).
            ["trend"] = !plans.Complete
                ? othersLoading
                    ? "Gli altri anni sono in calcolo: l'andamento negli anni comparirà ricaricando la pagina tra qualche istante."
                    : "Andamento degli anni già consultati: gli altri compaiono dopo l'apertura dell'elenco dei piani."
                : trend.Count < 2
                ? "Un solo anno disponibile: l'andamento negli anni comparirà con il piano successivo."
                : $"Dal {trend[0].Year} al {trend[^1].Year} il grado di raggiungimento complessivo passa da {trend[0].Score.Display} a {trend[^1].Score.Display}.",
        };

        var chartData = new
        {
            status = new { labels = statusCounts.Select(s => s.Label), values = statusCounts.Select(s => s.Count), statuses = statusCounts.Select(s => s.Css) },
            sections = Bars(bySection),
            areas = Bars(byArea),
            directorates = Bars(byDirectorate),
            trend = new { labels = trend.Select(t => t.Year.ToString(CultureInfo.InvariantCulture)), values = trend.Select(t => Round(t.Score.Value)), statuses = trend.Select(t => t.Score.StatusCss) },
        };

        return new DashboardViewModel(
            header,
            scopeLabel is null ? $"Cruscotto del {snapshot.Title}" : $"Cruscotto: {scopeLabel}",
            scopeLabel,
            current,
            snapshot.Categories.Select(c => new Option(c.Code, c.Name, c == section)).ToList(),
            snapshot.Areas.Select(a => new Option(a.Code, a.Name, a == area)).ToList(),
            // The Direzioni owning objectives in this plan (and the chosen one, even when it owns none this year).
            snapshot.Directorates.Values
                .Where(d => d == directorate || snapshot.Objectives.Any(o => o.DirectorateId == d.Id))
                .OrderBy(d => d.Name, StringComparer.Ordinal)
                .Select(d => new Option(d.Code, d.Name, d == directorate))
                .ToList(),
            DashboardFilter.Statuses.Select(s => new Option(s.Value, s.Label, s.Value == filter.Status)).ToList(),
            ScoreViewModel.From(overall),
            objectives.Count,
            statusCounts,
            bySection,
            byArea,
            byDirectorate,
            objectiveRows,
            ListPage.Of(objectivePage, objectives.Count, p => current.PageQuery(year, kpiPage, p)),
            kpiRows,
            ListPage.Of(kpiPage, listed.Count, p => current.PageQuery(year, p, objectivePage)),
            statusFilter is null ? "KPI non raggiunti o non rilevati" : $"KPI con stato «{ScoreViewModel.Label(statusFilter.Value)}»",
            trend,
            summaries,
            chartData);
    }

    private static SnapshotGroup? Find(IEnumerable<SnapshotGroup> groups, string? code) =>
        string.IsNullOrEmpty(code) ? null : groups.FirstOrDefault(g => string.Equals(g.Code, code, StringComparison.OrdinalIgnoreCase));

    private static decimal? Round(decimal? value) => value is decimal v ? AttainmentRules.RoundForDisplay(v) : null;

    private static object Bars(IReadOnlyList<ScoreBar> bars) => new
    {
        labels = bars.Select(b => b.Name),
        values = bars.Select(b => Round(b.Score.Value)),
        statuses = bars.Select(b => b.Score.StatusCss),
    };

    private static string StatusSummary(IReadOnlyList<StatusCount> counts, int total) =>
        total == 0
            ? "Nessun KPI nella selezione."
            : $"Su {total} KPI: {string.Join(", ", counts.Select(c => c.CountText))}.";

    private static string BarSummary(string what, IReadOnlyList<ScoreBar> bars)
    {
        var measured = bars.Where(b => b.Score.Value is not null).ToList();
        if (measured.Count == 0)
        {
            return $"Nessuna {what} con KPI rilevati.";
        }

        var best = measured.MaxBy(b => b.Score.Value)!;
        var worst = measured.MinBy(b => b.Score.Value)!;
        if (measured.Count > 1 && best.Score.Display == worst.Score.Display)
        {
            return $"Tutte le voci per {what} hanno {best.Score.Display}.";
        }

        return measured.Count == 1
            ? $"{best.Name}: {best.Score.Display}."
            : $"Il punteggio più alto per {what} è di {best.Name} ({best.Score.Display}), il più basso di {worst.Name} ({worst.Score.Display}).";
    }
}

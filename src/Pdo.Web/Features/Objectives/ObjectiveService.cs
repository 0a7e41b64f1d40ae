using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Objectives;

/// <summary>Builds the objective page: narrative, the KPI table of the report and the explanation of every score.</summary>
public sealed class ObjectiveService(ScorecardService scorecards)
{
    /// <param name="approvedPlansOnly">the year-over-year rows from approved plans only (the public page)</param>
    public async Task<ObjectiveViewModel?> DetailsAsync(int year, string code, string? period, CancellationToken cancellationToken, bool approvedPlansOnly = false)
    {
        var card = await scorecards.LoadObjectiveAsync(year, code, period, cancellationToken);
        var score = card?.FindObjective(code);
        if (card is null || score is null)
        {
            return null;
        }

        var objective = score.Objective;
        var plan = card.Plan;
        var periodCode = card.Period?.Code;
        var category = plan.Categories.First(c => c.Id == objective.CategoryId);
        var area = plan.Areas.FirstOrDefault(a => a.Id == objective.AreaId);
        var directorate = objective.Directorate;

        var groups = new List<KpiGroup>();
        foreach (var kpi in score.Kpis)
        {
            var row = Row(kpi);
            if (groups.Count > 0 && groups[^1].Label == kpi.Kpi.Group)
            {
                ((List<KpiRow>)groups[^1].Kpis).Add(row);
            }
            else
            {
                groups.Add(new KpiGroup(kpi.Kpi.Group, new List<KpiRow> { row }));
            }
        }

        var periods = plan.Periods.OrderBy(p => p.EndDate).ToList();
        var periodRows = score.Kpis.Select(k => new KpiPeriodRow(
            k.Kpi.Code,
            k.Kpi.Name,
            k.Kpi.TargetText,
            k.Kpi.Baseline is decimal baseline ? ItalianValues.Format(baseline, k.Kpi.ValueKind, k.Kpi.Unit) : null,
            periods.Select(p =>
            {
                var inPeriod = card.Score(k.Kpi, p);
                return (p.Name, inPeriod.ActualDisplay, ScoreViewModel.From(inPeriod.Attainment));
            }).ToList())).ToList();
        var (yearRows, otherYearsLoading) = await YearsAsync(year, objective, approvedPlansOnly, cancellationToken);

        var chartData = new
        {
            periods = new
            {
                labels = periodRows.Select(r => r.Code),
                datasets = periods.Select((p, i) => new { label = p.Name, values = periodRows.Select(r => Rounded(r.Periods[i].Score.Value)) }),
            },
            years = new
            {
                labels = yearRows.SelectMany(r => r.Years.Select(y => y.Year)).Distinct().Order().Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                datasets = yearRows.Where(r => r.Years.Count > 1).Select(r => new
                {
                    label = r.Code,
                    values = yearRows.SelectMany(x => x.Years.Select(y => y.Year)).Distinct().Order()
                        .Select(year => r.Years.Where(y => y.Year == year).Select(y => Rounded(y.Score.Value)).FirstOrDefault()),
                }),
            },
        };

        return new ObjectiveViewModel(
            PlanService.Header(card),
            objective.Code,
            objective.Title,
            category.Name,
            Links.Category(year, category.Code, periodCode),
            area?.Name,
            area is null ? null : Links.Area(year, area.Code, periodCode),
            objective.DirectorateId,
            directorate?.Name,
            directorate is null ? null : Links.Directorate(year, directorate.Code, periodCode),
            ItalianValues.FormatNumber(objective.Weight),
            NarrativeText.Parse(objective.Narrative),
            objective.DataSourceNote,
            ScoreViewModel.From(score.Attainment),
            groups,
            periods.Select(p => p.Name).ToList(),
            periodRows,
            yearRows,
            chartData)
        {
            OtherYearsLoading = otherYearsLoading,
        };
    }

    private static decimal? Rounded(decimal? value) => value is decimal v ? AttainmentRules.RoundForDisplay(v) : null;

    /// <summary>
    /// Year over year: the KPIs of this objective, linked by code to the same KPIs of every plan held in the snapshots
    /// (<see cref="ScorecardService.HeldAsync"/>: this plan's, and the others' once loaded — after a restart they load
    /// in the background, and the page says so), each scored on its plan's default period by that snapshot. No plan is
    /// loaded for these rows: the page costs one objective whatever the number of years.
    /// </summary>
    private async Task<(IReadOnlyList<KpiYearRow> Rows, bool OthersLoading)> YearsAsync(int year, Objective objective, bool approvedPlansOnly, CancellationToken cancellationToken)
    {
        var held = await scorecards.HeldAsync(year, cancellationToken);
        var snapshots = held.Where(s => !approvedPlansOnly || s.Status == PlanStatus.Approved).ToList();
        var rows = objective.Kpis.OrderBy(k => k.SortOrder).Select(k => new KpiYearRow(
            k.Code,
            k.Name,
            snapshots.SelectMany(s => YearKpis(s, objective.Code, k.Code).Select(x =>
            {
                var periodId = s.DefaultPeriod?.Id ?? PlanSnapshot.NoPeriod;
                return (s.Year, x.TargetText, s.Result(periodId, x.Id)?.ActualText ?? "—", ScoreViewModel.From(s.Attainment(periodId, x.Id)));
            })).ToList())).ToList();
        return (rows, !held.Complete);
    }

    private static IEnumerable<SnapshotKpi> YearKpis(PlanSnapshot snapshot, string objectiveCode, string kpiCode) =>
        snapshot.Objectives.Where(o => o.Code == objectiveCode)
            .SelectMany(o => snapshot.KpisByObjective.GetValueOrDefault(o.Id, []).Select(i => snapshot.Kpis[i]))
            .Where(x => x.Code == kpiCode);

    /// <summary>
    /// The actual as the rule book read it, only when the text as written does not say it by itself
    /// (e.g. "1,16’" read as 1'16"): a value typed in the usual way needs no second reading.
    /// </summary>
    public static string? ParsedActual(Kpi kpi, SnapshotResult? result)
    {
        if (result is null)
        {
            return null;
        }

        var written = ItalianValues.Parse(result.ActualText);
        if (written.Value is { } value && kpi.Interpret(value).Measurement is { } measurement && measurement == result.Measurement)
        {
            return null;
        }

        return ResultText.Describe(kpi, result.Measurement);
    }

    private static KpiRow Row(KpiScore k) => new(
        k.Kpi.Code,
        k.Kpi.Name,
        k.Kpi.TargetText,
        k.ActualDisplay,
        ParsedActual(k.Kpi, k.Counted),
        ItalianValues.FormatNumber(k.Kpi.Weight),
        k.Result?.Justification,
        ScoreViewModel.From(k.Attainment));
}

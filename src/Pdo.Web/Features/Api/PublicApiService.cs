using System.Globalization;
using Microsoft.Extensions.Options;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Pdo.Web.Features.OpenData;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Features.Api;

/// <summary>
/// The read-only API of approved plans (<c>/api/v1</c>): every score and its explanation come from the scorecard
/// (<see cref="PlanScorecard"/>, <see cref="ScoreViewModel"/>) exactly as the pages show them; values are written as
/// in open data (<see cref="OpenDataService"/>). No user names: who entered or confirmed a result is not published.
/// Null means "no approved plan (or objective) there".
/// </summary>
public sealed class PublicApiService(AppDbContext db, OpenDataService openData, ScorecardService scorecards, IOptions<EnteSettings> ente)
{
    public const string Root = "/api/v1";

    public async Task<ApiPlanList> PlansAsync(CancellationToken cancellationToken)
    {
        var years = await db.Plans.AsNoTracking().Where(p => p.Status == PlanStatus.Approved)
            .OrderByDescending(p => p.Year).Select(p => p.Year).ToListAsync(cancellationToken);
        var plans = new List<ApiPlanSummary>();
        foreach (var year in years)
        {
            if (await openData.ConsuntivoAsync(year, cancellationToken) is { } card)
            {
                plans.Add(new ApiPlanSummary(card.Plan.Year, card.Plan.Title, Act(card.Plan.ApprovalAct), Score(card.Overall), PlanUrl(year)));
            }
        }

        return new ApiPlanList(OpenDataLicense.Url, ente.Value.Name, plans);
    }

    public async Task<ApiPlan?> PlanAsync(int year, CancellationToken cancellationToken)
    {
        if (await openData.ConsuntivoAsync(year, cancellationToken) is not { } card)
        {
            return null;
        }

        return new ApiPlan(
            year,
            card.Plan.Title,
            OpenDataLicense.Url,
            Act(card.Plan.ApprovalAct),
            Periods(card.Plan),
            Score(card.Overall),
            Groups(card.Categories),
            Groups(card.Areas),
            Groups(card.Directorates),
            Objectives(card));
    }

    public async Task<ApiObjectiveList?> ObjectivesAsync(int year, CancellationToken cancellationToken) =>
        await openData.ConsuntivoAsync(year, cancellationToken) is { } card ? new ApiObjectiveList(year, Objectives(card)) : null;

    /// <summary>One objective with its KPIs, each with the result and score of every period (the plan's scorecard of that period).</summary>
    public async Task<ApiObjective?> ObjectiveAsync(int year, string code, CancellationToken cancellationToken)
    {
        if (!await openData.IsApprovedAsync(year, cancellationToken))
        {
            return null;
        }

        var card = await scorecards.LoadObjectiveAsync(year, code, null, cancellationToken);
        if (card?.FindObjective(code) is null || card.Plan.FinalPeriod is not { } final)
        {
            return null;
        }

        var plan = card.Plan;
        var periods = plan.Periods.OrderBy(p => p.EndDate).ToList();
        var byPeriod = periods.Select(p => (Period: p, Score: card.In(p).FindObjective(code)!)).ToList();
        var consuntivo = byPeriod.Single(p => p.Period.Id == final.Id).Score;
        var o = consuntivo.Objective;
        return new ApiObjective(
            year,
            o.Code,
            o.Title,
            plan.Categories.First(c => c.Id == o.CategoryId).Name,
            plan.Areas.FirstOrDefault(a => a.Id == o.AreaId)?.Name,
            o.Directorate?.Name,
            o.Weight,
            Periods(plan),
            Score(consuntivo.Attainment),
            consuntivo.Kpis.Select((k, i) => new ApiKpi(
                k.Kpi.Code,
                k.Kpi.Name,
                k.Kpi.Group,
                OpenDataService.Unit(k.Kpi.ToSpec()),
                OpenDataService.Comparator(k.Kpi.ToSpec()),
                OpenDataService.Target(k.Kpi.ToSpec()),
                k.Kpi.TargetText,
                k.Kpi.Weight,
                byPeriod.Select(p => Result(p.Period, p.Score.Kpis[i])).ToList())).ToList());
    }

    public static string PlanUrl(int year) => $"{Root}/plans/{year.ToString(CultureInfo.InvariantCulture)}";

    public static string ObjectiveUrl(int year, string code) => $"{PlanUrl(year)}/objectives/{Uri.EscapeDataString(code)}";

    private static ApiResult Result(MonitoringPeriod period, KpiScore k) => new(
        period.Code,
        OpenDataService.Actual(k.Counted?.Measurement),
        k.ActualDisplay,
        k.Result?.Justification,
        k.Unmeasurable,
        Score(k.Attainment),
        k.Attainment.Override is { } applied
            ? new ApiOverride(
                OpenDataService.ComputedScore(k.Attainment),
                applied.Score,
                applied.Reason,
                Roles.Label(Roles.Evaluator),
                OpenDataService.IsoUtc(applied.ApprovedAt))
            : null);

    private static List<ApiObjectiveSummary> Objectives(PlanScorecard card)
    {
        var categories = card.Plan.Categories.ToDictionary(c => c.Id, c => c.Name);
        var areas = card.Plan.Areas.ToDictionary(a => a.Id, a => a.Name);
        return card.Objectives.Select(o => new ApiObjectiveSummary(
            o.Objective.Code,
            o.Objective.Title,
            categories[o.Objective.CategoryId],
            o.Objective.AreaId is int areaId ? areas[areaId] : null,
            o.Objective.Directorate?.Name,
            o.Objective.Weight,
            Score(o.Attainment),
            ObjectiveUrl(card.Plan.Year, o.Objective.Code))).ToList();
    }

    private static List<ApiGroup> Groups(IReadOnlyList<GroupScore> groups) =>
        groups.Select(g => new ApiGroup(g.Code, g.Name, g.Objectives.Select(o => o.Objective.Code).ToList(), Score(g.Attainment))).ToList();

    private static List<ApiPeriod> Periods(PerformancePlan plan) =>
        plan.Periods.OrderBy(p => p.EndDate).Select(p => new ApiPeriod(p.Code, p.Name, Iso(p.EndDate), p.IsFinal)).ToList();

    private static ApiApprovalAct? Act(ApprovalAct? act) =>
        act is null ? null : new ApiApprovalAct(act.Number, Iso(act.Date), act.Link, PlanService.ApprovalText(act));

    private static ApiScore Score(KpiAttainment attainment) => Score(ScoreViewModel.From(attainment));

    private static ApiScore Score(AggregateAttainment attainment) => Score(ScoreViewModel.From(attainment));

    /// <summary>A score as the pages show it: the same <see cref="ScoreViewModel"/> and "Come è calcolato".</summary>
    private static ApiScore Score(ScoreViewModel s) => new(
        s.Value is decimal v ? AttainmentRules.RoundForDisplay(v) : null,
        s.Display,
        OpenDataService.Status(s.Status),
        s.StatusLabel,
        s.IsProvisional,
        s.Coverage,
        new ApiExplanation(
            s.Explanation.Method,
            s.Explanation.Formula,
            s.Explanation.Inputs.Select(i => new ApiExplanationInput(i.Label, i.Value)).ToList(),
            s.Explanation.Methodology,
            s.Explanation.Summary));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

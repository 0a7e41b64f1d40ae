using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Monitoring;

/// <param name="Confirmer">For a result awaiting confirmation, who may confirm it (the four-eyes rule included).</param>
public sealed record BoardItem(string ObjectiveCode, string ObjectiveTitle, string KpiName, string State, string? Comment, string Url, string? Confirmer = null);

/// <summary>A Direzione's counts in the period; <paramref name="Unmeasurable"/> are the KPIs declared non rilevabile (final period only), never chased.</summary>
public sealed record BoardRow(string Directorate, int ToCollect, int Entered, int Returned, int Confirmed, int Unmeasurable, IReadOnlyList<BoardItem> Chase);

public sealed record BoardViewModel(PlanHeaderViewModel Header, IReadOnlyList<BoardRow> Rows, bool IsPeriodOpen);

/// <summary>The planning office's board: per Direzione, what is missing, returned or unconfirmed in a period.</summary>
public sealed class MonitoringService(ScorecardService scorecards)
{
    public async Task<BoardViewModel?> BoardAsync(int year, string? periodCode, CancellationToken cancellationToken)
    {
        var card = await scorecards.LoadAsync(year, periodCode, cancellationToken);
        if (card?.Period is not { } period)
        {
            return null;
        }

        var rows = card.Objectives
            .GroupBy(o => o.Objective.Directorate?.Name ?? "Ente (obiettivi trasversali)")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var all = g.SelectMany(o => o.Kpis.Select(k => (o.Objective, k.Kpi, Result: k.Kpi.ResultFor(period)))).ToList();

                // A KPI declared non rilevabile has no final result to collect or confirm (docs/attainment.md).
                var kpis = all.Where(k => k.Kpi.CountsIn(period)).ToList();
                var chase = kpis
                    .Where(k => k.Result is null || k.Result.Status != ResultStatus.Confirmed)
                    .Select(k => new BoardItem(
                        k.Objective.Code,
                        k.Objective.Title,
                        k.Kpi.Name,
                        ResultText.StatusLabel(k.Result?.Status),
                        k.Result?.Status == ResultStatus.Returned ? k.Result.ReviewComment : null,
                        $"{Links.Objective(year, k.Objective.Code)}/risultati?periodo={Uri.EscapeDataString(period.Code)}",
                        k.Result?.Status == ResultStatus.Entered ? Confirmer(card.Plan, k.Objective, k.Result) : null))
                    .ToList();
                return new BoardRow(
                    g.Key,
                    kpis.Count(k => k.Result is null),
                    kpis.Count(k => k.Result?.Status == ResultStatus.Entered),
                    kpis.Count(k => k.Result?.Status == ResultStatus.Returned),
                    kpis.Count(k => k.Result?.Status == ResultStatus.Confirmed),
                    all.Count - kpis.Count,
                    chase);
            })
            .ToList();
        return new BoardViewModel(PlanService.Header(card), rows, period.IsOpen);
    }

    /// <summary>Who may confirm a result: the Direttore of the owner Direzione, or the planning office for the Ente.</summary>
    public static string Confirmer(PerformancePlan plan, Objective objective, KpiResult result)
    {
        var who = objective.Directorate is { } directorate
            ? $"la conferma spetta al Direttore della {directorate.Name}"
            : "la conferma spetta all'Ufficio Pianificazione";
        return plan.RequireFourEyesReview && !string.IsNullOrWhiteSpace(result.RecordedBy)
            ? objective.Directorate is null
                ? $"la conferma spetta a un altro utente dell'Ufficio Pianificazione (non a {result.RecordedBy}, che l'ha inserito)"
                : $"{who} (non a {result.RecordedBy}, che l'ha inserito)"
            : who;
    }
}

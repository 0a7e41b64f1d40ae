using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.History;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Oversight;

/// <summary>
/// What the OIV checks on a plan (LG 3/2018), computed on every request from the scorecard, the structure, the audit
/// trail and the observations: KPIs below 100 without justification, results not confirmed, targets changed after
/// monitoring started, objectives without KPIs, objectives or KPIs without weight, score overrides waiting for the OIV's
/// decision, observations not closed.
/// </summary>
public sealed class ChecksService(ScorecardService scorecards, ObservationService observations, AppDbContext db)
{
    /// <summary>The KPI fields that make its target (a change after the start of monitoring is reported).</summary>
    private static readonly string[] TargetFields = [nameof(Kpi.TargetText), nameof(Kpi.TargetValue), nameof(Kpi.Comparator), nameof(Kpi.Deadline)];

    public async Task<ChecksViewModel?> ChecksAsync(int year, CancellationToken cancellationToken)
    {
        var card = await scorecards.LoadAsync(year, null, cancellationToken);
        if (card is null)
        {
            return null;
        }

        // An approved plan is checked on its final period, like the consuntivo; otherwise on the period the pages show.
        if (card.Plan.Status == PlanStatus.Approved && card.Plan.FinalPeriod is { } final && card.Period?.Id != final.Id)
        {
            card = card.In(final);
        }

        var kpis = card.AllKpis.ToList();
        var open = await observations.OpenAsync(year, cancellationToken);
        CheckGroup[] groups =
        [
            new("senza-motivazione", "KPI sotto il 100 % senza motivazione dello scostamento", "Nessun KPI sotto target senza motivazione.",
                kpis.Where(k => k.Attainment.Score < 100m && k.Result is { } r && string.IsNullOrWhiteSpace(r.Justification))
                    .Select(k => KpiItem(year, k, $"Grado di raggiungimento {ItalianValues.FormatScore(k.Attainment.Score)}")).ToList()),
            new("non-confermati", "Risultati non confermati (Inserito o Restituito)", "Nessun risultato in attesa di conferma.",
                kpis.Where(k => k.Result is { Status: not ResultStatus.Confirmed })
                    .Select(k => KpiItem(year, k, ResultText.StatusLabel(k.Result!.Status))).ToList()),
            new("target-modificati", "Target modificati dopo l'avvio del monitoraggio", "Nessun target modificato dopo l'avvio del monitoraggio.",
                await TargetChangesAsync(year, cancellationToken)),
            new("senza-kpi", "Obiettivi senza KPI", "Ogni obiettivo ha almeno un KPI.",
                card.Plan.Objectives.Where(o => o.Kpis.Count == 0).OrderBy(o => o.SortOrder)
                    .Select(o => new CheckItem($"Obiettivo {o.Code} – {o.Title}", Links.Objective(year, o.Code))).ToList()),
            new("senza-peso", "Obiettivi o KPI senza peso", "Ogni obiettivo e ogni KPI ha un peso.",
                card.Plan.Objectives.OrderBy(o => o.SortOrder).SelectMany(o =>
                    (o.Weight == 0 ? [new CheckItem($"Obiettivo {o.Code} – {o.Title}", Links.Objective(year, o.Code), "Peso 0")] : Enumerable.Empty<CheckItem>())
                    .Concat(o.Kpis.OrderBy(k => k.SortOrder).Where(k => k.Weight == 0)
                        .Select(k => new CheckItem($"KPI {k.Code} – {k.Name}", KpiUrl(year, o.Code, k.Code), "Peso 0")))).ToList()),
            new("forzature-in-attesa", "Forzature dei punteggi in attesa della decisione dell'OIV", "Nessuna forzatura in attesa di decisione.",
                kpis.SelectMany(k => k.Kpi.Overrides.Where(o => o.IsPending).Select(o => new CheckItem(
                    $"KPI {k.Kpi.Code} – {k.Kpi.Name}",
                    Links.Overrides(year),
                    $"Proposto {ItalianValues.FormatScore(o.ProposedScore)} · motivo: {o.Reason}"))).ToList()),
            new("osservazioni-aperte", "Osservazioni dell'OIV non chiuse", "Nessuna osservazione aperta.",
                open.Select(o => new CheckItem(o.Subject, o.Url, $"{o.StatusLabel} · formulata il {o.OpenedAt}")).ToList()),
        ];
        return new ChecksViewModel(year, card.Plan.Title, PlanService.Header(card).PeriodName, groups);
    }

    /// <summary>
    /// Target changes audited after the plan's start of monitoring (its first change of status to «In monitoraggio»),
    /// each with the old and new value, who and when (Rome time).
    /// </summary>
    private async Task<IReadOnlyList<CheckItem>> TargetChangesAsync(int year, CancellationToken cancellationToken)
    {
        var start = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(PerformancePlan) && a.PlanYear == year && a.Field == nameof(PerformancePlan.Status) && a.NewValue == nameof(PlanStatus.Monitoring))
            .OrderBy(a => a.Id)
            .Select(a => (long?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (start is not long startId)
        {
            return [];
        }

        var changes = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Id > startId && a.EntityType == nameof(Kpi) && a.PlanYear == year && TargetFields.Contains(a.Field) && a.ObjectiveCode != null && a.KpiCode != null)
            .OrderBy(a => a.Id)
            .Select(a => new { a.ObjectiveCode, a.KpiCode, a.Field, a.OldValue, a.NewValue, a.UserName, a.OccurredAt })
            .ToListAsync(cancellationToken);
        return changes.Select(c => new CheckItem(
            $"KPI {c.KpiCode} – {AuditLabels.Field(nameof(Kpi), c.Field)}: «{AuditLabels.Value(nameof(Kpi), c.Field, c.OldValue) ?? "—"}» → «{AuditLabels.Value(nameof(Kpi), c.Field, c.NewValue) ?? "—"}»",
            Links.Objective(year, c.ObjectiveCode!) + "/kpi/" + Uri.EscapeDataString(c.KpiCode!) + "/storico",
            $"{RomeTime.Format(c.OccurredAt)} · {c.UserName}")).ToList();
    }

    private static CheckItem KpiItem(int year, KpiScore k, string detail) =>
        new($"KPI {k.Kpi.Code} – {k.Kpi.Name}", KpiUrl(year, k.Kpi.Objective?.Code ?? string.Empty, k.Kpi.Code), detail);

    private static string KpiUrl(int year, string objective, string kpi) => Links.Objective(year, objective) + "#kpi-" + kpi;
}

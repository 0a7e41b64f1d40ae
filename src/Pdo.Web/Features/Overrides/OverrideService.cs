using Microsoft.EntityFrameworkCore;
using Pdo.Domain;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Overrides;

/// <summary>Who acts on an override: the signed-in user's id and full name, and whether they decide for the OIV.</summary>
public sealed record OverrideActor(string UserId, string FullName, bool IsEvaluator);

/// <summary>
/// Score overrides («forzature», docs/attainment.md): the list of a plan, the planning office's proposal, the OIV's
/// decision and the proposer's withdrawal. The rules are the entities' (<see cref="Kpi.ProposeOverride"/>,
/// <see cref="ScoreOverride"/>); every change is one audited save through <see cref="EditSave"/>.
/// </summary>
public sealed class OverrideService(AppDbContext db, ScorecardService scorecards, TimeProvider clock, ILogger<OverrideService> logger)
{
    public async Task<OverridesViewModel?> ListAsync(int year, OverrideActor actor, CancellationToken cancellationToken)
    {
        var card = await scorecards.LoadAsync(year, null, cancellationToken);
        if (card is null)
        {
            return null;
        }

        var plan = card.Plan;
        var editable = plan.Status == PlanStatus.Monitoring;
        var periods = plan.Periods.ToDictionary(p => p.Id);
        var rows = plan.Objectives.OrderBy(o => o.SortOrder)
            .SelectMany(o => o.Kpis.OrderBy(k => k.SortOrder).SelectMany(k => k.Overrides.Select(x => (Objective: o, Kpi: k, Override: x))))
            .OrderByDescending(x => x.Override.ProposedAt).ThenByDescending(x => x.Override.Id)
            .Select(x =>
            {
                var period = periods[x.Override.PeriodId];
                var o = x.Override;
                return new OverrideRow(
                    o.Id,
                    x.Objective.Code,
                    x.Objective.Title,
                    x.Kpi.Code,
                    x.Kpi.Name,
                    period.Name,
                    $"{Links.Objective(year, x.Objective.Code, period.Code)}#kpi-{Uri.EscapeDataString(x.Kpi.Code)}",
                    ComputedScore(card, x.Kpi, period),
                    ItalianValues.FormatScore(o.ProposedScore),
                    o.Reason,
                    o.ProposedByName,
                    RomeTime.Format(o.ProposedAt),
                    ScoreOverride.StateLabel(o.State),
                    StateCss(o.State),
                    o.DecidedByName,
                    o.DecisionNote,
                    o.DecidedAt is { } at ? RomeTime.Format(at) : null,
                    ReferenceEquals(x.Kpi.OverrideFor(period), o),
                    o.Version,
                    editable && o.IsPending && actor.IsEvaluator,
                    editable && o.IsPending && string.Equals(o.ProposedById, actor.UserId, StringComparison.Ordinal));
            })
            .ToList();
        return new OverridesViewModel(year, plan.Title, editable, rows);
    }

    public async Task<ProposeOverrideViewModel?> ProposeFormAsync(int year, string objectiveCode, string kpiCode, ProposeOverrideForm? form, CancellationToken cancellationToken)
    {
        var card = await scorecards.LoadObjectiveAsync(year, objectiveCode, null, cancellationToken);
        var kpi = card?.Plan.Objectives.SelectMany(o => o.Kpis).FirstOrDefault(k => string.Equals(k.Code, kpiCode, StringComparison.OrdinalIgnoreCase));
        if (card is null || kpi is null)
        {
            return null;
        }

        var plan = card.Plan;
        var objective = kpi.Objective!;
        var chosen = form?.Period ?? plan.FinalPeriod?.Code;
        var periods = plan.Periods.OrderBy(p => p.EndDate)
            .Select(p => new OverridePeriodOption(p.Code, p.Name, ComputedScore(card, kpi, p), string.Equals(p.Code, chosen, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return new ProposeOverrideViewModel(
            year,
            plan.Title,
            objective.Code,
            objective.Title,
            kpi.Code,
            kpi.Name,
            kpi.TargetText,
            periods,
            form ?? new ProposeOverrideForm { Objective = objective.Code, Kpi = kpi.Code, Period = chosen });
    }

    public Task<EditResult> ProposeAsync(int year, ProposeOverrideForm form, OverrideActor actor, CancellationToken cancellationToken)
    {
        var parsed = ItalianValues.Parse(form.Score);
        if (parsed.Value is not { Kind: ValueKind.Number or ValueKind.Percent, Number: decimal score, Comparator: null })
        {
            return Task.FromResult(EditResult.Invalid($"Il punteggio proposto «{form.Score}» non è un numero: scrivere un valore tra 0 e 100, es. 85 oppure 87,5%."));
        }

        return EditSave.RunAsync(db, logger, async () =>
        {
            var plan = await db.Plans.AsSplitQuery()
                .Include(p => p.Periods)
                .Include(p => p.Objectives.Where(o => o.Code == form.Objective)).ThenInclude(o => o.Kpis).ThenInclude(k => k.Overrides)
                .FirstOrDefaultAsync(p => p.Year == year, cancellationToken) ?? throw new EditTargetNotFoundException();
            var kpi = plan.Objectives.SelectMany(o => o.Kpis).FirstOrDefault(k => string.Equals(k.Code, form.Kpi, StringComparison.OrdinalIgnoreCase))
                ?? throw new EditTargetNotFoundException();
            var period = plan.PeriodWithCode(form.Period)
                ?? throw new DomainRuleException($"Il periodo «{form.Period}» non esiste in questo piano.");
            kpi.ProposeOverride(period, score, form.Reason, actor.UserId, actor.FullName, clock.GetUtcNow());
            return Links.Overrides(year);
        }, cancellationToken);
    }

    public Task<EditResult> ApproveAsync(int year, int id, OverrideDecisionForm form, OverrideActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(year, id, form.Version, o => o.Approve(actor.UserId, actor.FullName, form.Note, clock.GetUtcNow()), cancellationToken);

    public Task<EditResult> RejectAsync(int year, int id, OverrideDecisionForm form, OverrideActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(year, id, form.Version, o => o.Reject(actor.UserId, actor.FullName, form.Note, clock.GetUtcNow()), cancellationToken);

    public Task<EditResult> WithdrawAsync(int year, int id, OverrideDecisionForm form, OverrideActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(year, id, form.Version, o => o.Withdraw(actor.UserId, clock.GetUtcNow()), cancellationToken);

    private Task<EditResult> ChangeAsync(int year, int id, Guid version, Action<ScoreOverride> change, CancellationToken cancellationToken) =>
        EditSave.RunAsync(db, logger, async () =>
        {
            var scoreOverride = await db.ScoreOverrides
                .Include(o => o.Period)
                .Include(o => o.Kpi).ThenInclude(k => k!.Objective).ThenInclude(o => o!.Plan)
                .FirstOrDefaultAsync(o => o.Id == id && o.Kpi!.Objective!.Plan!.Year == year, cancellationToken)
                ?? throw new EditTargetNotFoundException();
            db.Entry(scoreOverride).Property(o => o.Version).OriginalValue = version;
            change(scoreOverride);
            return Links.Overrides(year);
        }, cancellationToken);

    /// <summary>The KPI's score in the period as the rule book computes it from the result that counts, before any override (the snapshot's; «—» when not measured).</summary>
    private static string ComputedScore(PlanScorecard card, Kpi kpi, MonitoringPeriod period) =>
        ItalianValues.FormatScore(card.Score(kpi, period).Attainment.ComputedScore);

    private static string StateCss(OverrideState state) => state switch
    {
        OverrideState.Approved => ScoreViewModel.Css(AttainmentStatus.Achieved),
        OverrideState.Rejected => ScoreViewModel.Css(AttainmentStatus.NotAchieved),
        _ => ScoreViewModel.Css(AttainmentStatus.NotMeasured),
    };
}

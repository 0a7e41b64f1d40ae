using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Oversight;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Oversight;

/// <summary>
/// The OIV's observations on objectives and KPIs and their threads: every change goes through <see cref="Observation"/>'s
/// rules and one audited SaveChanges (<see cref="EditSave"/>); the objective page, the list, the checks page and the
/// Relazione read them through <see cref="ViewsAsync"/>.
/// </summary>
public sealed class ObservationService(AppDbContext db, TimeProvider clock, ILogger<ObservationService> logger)
{
    /// <summary>The states of the list filter, as they read in the URL (<c>?stato=</c>).</summary>
    public static readonly IReadOnlyList<(string Value, ObservationStatus Status)> StatusFilters =
    [
        ("aperte", ObservationStatus.Open),
        ("con-risposta", ObservationStatus.Answered),
        ("chiuse", ObservationStatus.Closed),
    ];

    /// <summary>
    /// The Direzione owning the objective of an observation (for the answer's authorization) and the objective's page
    /// (where every action goes back); null when the plan has no such observation.
    /// </summary>
    public async Task<(DirectorateResource Resource, string ThreadUrl)?> TargetAsync(int year, int id, CancellationToken cancellationToken)
    {
        var observation = await db.Observations.AsNoTracking()
            .Where(o => o.Id == id && o.Objective!.Plan!.Year == year)
            .Select(o => new { o.Objective!.DirectorateId, o.Objective.Code })
            .FirstOrDefaultAsync(cancellationToken);
        return observation is null ? null : (new DirectorateResource(observation.DirectorateId), Anchor(year, observation.Code));
    }

    /// <summary>The observations of an objective, oldest first, with its KPIs for the form; null when there is no such objective.</summary>
    public async Task<(int? DirectorateId, IReadOnlyList<KpiOption> Kpis, bool AcceptsObservations, IReadOnlyList<ObservationView> Observations)?> ThreadAsync(
        int year, string code, CancellationToken cancellationToken)
    {
        var objective = await db.Objectives.AsNoTracking()
            .Where(o => o.Code == code && o.Plan!.Year == year)
            .Select(o => new { o.Id, o.DirectorateId, o.Plan!.Status, Kpis = o.Kpis.OrderBy(k => k.SortOrder).Select(k => new KpiOption(k.Code, k.Name)).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        if (objective is null)
        {
            return null;
        }

        var views = await ViewsAsync(year, db.Observations.Where(o => o.ObjectiveId == objective.Id), cancellationToken);
        return (objective.DirectorateId, objective.Kpis, objective.Status != Pdo.Domain.Plans.PlanStatus.Draft, views);
    }

    /// <summary>The list of a plan's observations, filtered by state (<c>stato</c>) and, for a Direttore, by their Direzioni.</summary>
    public async Task<ObservationListViewModel?> ListAsync(int year, string? status, IReadOnlySet<int>? directorates, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.Year == year).Select(p => new { p.Title }).FirstOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var query = db.Observations.Where(o => o.Objective!.Plan!.Year == year);
        if (directorates is not null)
        {
            var ids = directorates.ToList();
            query = query.Where(o => o.Objective!.DirectorateId != null && ids.Contains(o.Objective.DirectorateId.Value));
        }

        var all = await ViewsAsync(year, query, cancellationToken);
        string? error = null;
        var selected = StatusFilters.FirstOrDefault(f => string.Equals(f.Value, status, StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(status) && selected.Value is null)
        {
            error = $"Lo stato «{status}» non esiste: sono mostrate tutte le osservazioni. Stati: aperte, con risposta, chiuse.";
        }

        var filters = new List<ObservationFilter> { new(null, "Tutte", all.Count, selected.Value is null, Links.Observations(year)) };
        filters.AddRange(StatusFilters.Select(f => new ObservationFilter(
            f.Value, OversightLabels.Status(f.Status), all.Count(o => o.Status == f.Status), f.Value == selected.Value, Links.Observations(year, f.Value))));
        var shown = selected.Value is null ? all : all.Where(o => o.Status == selected.Status).ToList();
        return new ObservationListViewModel(year, plan.Title, error, filters, shown);
    }

    /// <summary>The observations of a plan not yet closed (the checks page and section 5 of the Relazione).</summary>
    public Task<IReadOnlyList<ObservationView>> OpenAsync(int year, CancellationToken cancellationToken) =>
        ViewsAsync(year, db.Observations.Where(o => o.Objective!.Plan!.Year == year && o.Status != ObservationStatus.Closed), cancellationToken);

    public Task<EditResult> RaiseAsync(int year, string code, ObservationForm form, OversightActor actor, CancellationToken cancellationToken) =>
        EditSave.RunAsync(db, logger, async () =>
        {
            var objective = await db.Objectives.Include(o => o.Plan).Include(o => o.Kpis)
                .FirstOrDefaultAsync(o => o.Code == code && o.Plan!.Year == year, cancellationToken) ?? throw new EditTargetNotFoundException();
            var kpi = string.IsNullOrWhiteSpace(form.Kpi) ? null
                : objective.Kpis.FirstOrDefault(k => string.Equals(k.Code, form.Kpi.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw new Pdo.Domain.DomainRuleException($"Il KPI «{form.Kpi.Trim()}» non è un KPI dell'obiettivo {objective.Code}.");
            db.Observations.Add(new Observation(objective, kpi, form.Text, actor, clock.GetUtcNow()));
            return Anchor(year, objective.Code);
        }, cancellationToken);

    public Task<EditResult> AnswerAsync(int year, int id, ObservationAnswerForm form, OversightActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(year, id, form.Version, o => o.Answer(form.Text, actor, clock.GetUtcNow()), cancellationToken);

    public Task<EditResult> CloseAsync(int year, int id, ObservationDecisionForm form, OversightActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(year, id, form.Version, o => o.Close(actor, clock.GetUtcNow()), cancellationToken);

    public Task<EditResult> ReopenAsync(int year, int id, ObservationDecisionForm form, OversightActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(year, id, form.Version, o => o.Reopen(actor), cancellationToken);

    private Task<EditResult> ChangeAsync(int year, int id, Guid version, Action<Observation> change, CancellationToken cancellationToken) =>
        EditSave.RunAsync(db, logger, async () =>
        {
            var observation = await db.Observations.Include(o => o.Messages).Include(o => o.Objective)
                .FirstOrDefaultAsync(o => o.Id == id && o.Objective!.Plan!.Year == year, cancellationToken) ?? throw new EditTargetNotFoundException();
            db.Entry(observation).Property(o => o.Version).OriginalValue = version;
            change(observation);
            return Anchor(year, observation.Objective!.Code);
        }, cancellationToken);

    private static string Anchor(int year, string code) => Links.Objective(year, code) + "#osservazioni";

    private static async Task<IReadOnlyList<ObservationView>> ViewsAsync(int year, IQueryable<Observation> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking()
            .OrderBy(o => o.Objective!.SortOrder).ThenBy(o => o.Id)
            .Select(o => new
            {
                o.Id,
                ObjectiveCode = o.Objective!.Code,
                ObjectiveTitle = o.Objective.Title,
                o.Objective.DirectorateId,
                KpiCode = o.Kpi == null ? null : o.Kpi.Code,
                KpiName = o.Kpi == null ? null : o.Kpi.Name,
                o.Status,
                o.Text,
                o.OpenedByName,
                o.OpenedAt,
                o.ClosedAt,
                o.ClosedByName,
                o.Version,
                Messages = o.Messages.OrderBy(m => m.Id).Select(m => new { m.AuthorRole, m.AuthorName, m.WrittenAt, m.Text }).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(o => new ObservationView(
            o.Id,
            o.ObjectiveCode,
            o.ObjectiveTitle,
            o.DirectorateId,
            o.KpiCode,
            o.KpiName,
            o.Status,
            OversightLabels.Status(o.Status),
            NarrativeText.Parse(o.Text),
            $"{o.OpenedByName} ({OversightLabels.Role(OversightRole.Evaluator)})",
            RomeTime.Format(o.OpenedAt),
            o.ClosedAt is { } closed ? $"Chiusa da {o.ClosedByName} il {RomeTime.Format(closed)}" : null,
            o.Messages.Select(m => new ObservationMessageView(OversightLabels.Role(m.AuthorRole), m.AuthorName, RomeTime.Format(m.WrittenAt), NarrativeText.Parse(m.Text))).ToList(),
            o.Version,
            Links.Objective(year, o.ObjectiveCode) + "#osservazione-" + o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using Pdo.Domain;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Narrative;

/// <summary>
/// The narratives of a plan, written from Bozza until approval: an objective's «Descrizione e risultati» and
/// data-source note (the planning office, or the Direttore of the objective's Direzione), the plan's introduction
/// and closing note of the consuntivo (the planning office). Every change goes through the entities' rules
/// (<see cref="Objective.Describe"/>, <see cref="PerformancePlan.WriteTexts"/>) and is audited by the interceptor.
/// </summary>
public sealed class NarrativeService(AppDbContext db, ILogger<NarrativeService> logger)
{
    private const string ApprovedReason = "Il piano è approvato: descrizioni e testi del piano non sono più modificabili.";

    /// <summary>The Direzione that owns the objective, for the resource-based authorization; null when there is no such objective.</summary>
    public Task<DirectorateResource?> ResourceAsync(int year, string code, CancellationToken cancellationToken) =>
        DirectorateResource.OfObjectiveAsync(db, year, code, cancellationToken);

    /// <summary>The form: as stored, or with <paramref name="form"/> posted back; after a conflict, with what is stored now.</summary>
    public async Task<ObjectiveNarrativeViewModel?> ObjectiveFormAsync(int year, string code, ObjectiveNarrativeForm? form, bool conflict, CancellationToken cancellationToken)
    {
        var objective = await db.Objectives.AsNoTracking()
            .Where(o => o.Code == code && o.Plan!.Year == year)
            .Select(o => new { o.Code, o.Title, o.Narrative, o.DataSourceNote, o.Version, Directorate = o.Directorate!.Name, PlanTitle = o.Plan!.Title, o.Plan.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (objective is null)
        {
            return null;
        }

        StoredTexts? stored = null;
        if (conflict && form is not null)
        {
            var last = await LastChangeAsync(year, objective.Code, [nameof(Objective.Narrative), nameof(Objective.DataSourceNote)], cancellationToken);
            stored = new StoredTexts(objective.Narrative, objective.DataSourceNote, last.By, last.At);
            form.Version = objective.Version;
        }

        return new ObjectiveNarrativeViewModel(
            year,
            objective.PlanTitle,
            objective.Code,
            objective.Title,
            objective.Directorate,
            form ?? new ObjectiveNarrativeForm { Narrative = objective.Narrative, DataSourceNote = objective.DataSourceNote, Version = objective.Version },
            objective.Status == PlanStatus.Approved ? ApprovedReason : null,
            stored);
    }

    public Task<EditResult> SaveObjectiveAsync(int year, string code, ObjectiveNarrativeForm form, CancellationToken cancellationToken) =>
        SaveAsync(async () =>
        {
            var objective = await db.Objectives.Include(o => o.Plan)
                .FirstOrDefaultAsync(o => o.Code == code && o.Plan!.Year == year, cancellationToken);
            if (objective is null)
            {
                return null;
            }

            db.Entry(objective).Property(o => o.Version).OriginalValue = form.Version;
            objective.Describe(form.Narrative, form.DataSourceNote);
            return Links.Objective(year, objective.Code);
        }, cancellationToken);

    public async Task<PlanTextsViewModel?> PlanTextsFormAsync(int year, PlanTextsForm? form, bool conflict, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        StoredTexts? stored = null;
        if (conflict && form is not null)
        {
            var last = await LastChangeAsync(year, null, [nameof(PerformancePlan.Introduction), nameof(PerformancePlan.ClosingNote), nameof(PerformancePlan.Context)], cancellationToken);
            stored = new StoredTexts(plan.Introduction, plan.ClosingNote, last.By, last.At);
            form.Version = plan.Version;
        }

        return new PlanTextsViewModel(
            year,
            plan.Title,
            form ?? new PlanTextsForm { Introduction = plan.Introduction, ClosingNote = plan.ClosingNote, Context = plan.Context, Version = plan.Version },
            plan.AreTextsEditable ? null : ApprovedReason,
            stored);
    }

    public Task<EditResult> SavePlanTextsAsync(int year, PlanTextsForm form, CancellationToken cancellationToken) =>
        SaveAsync(async () =>
        {
            var plan = await db.Plans.FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
            if (plan is null)
            {
                return null;
            }

            db.Entry(plan).Property(p => p.Version).OriginalValue = form.Version;
            plan.WriteTexts(form.Introduction, form.ClosingNote, form.Context);
            return Links.Plan(year);
        }, cancellationToken);

    /// <summary>Who changed one of <paramref name="fields"/> last (the audit trail), and when, in Rome time.</summary>
    private async Task<(string? By, string? At)> LastChangeAsync(int year, string? objectiveCode, string[] fields, CancellationToken cancellationToken)
    {
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PlanYear == year && a.ObjectiveCode == objectiveCode && a.KpiCode == null && fields.Contains(a.Field))
            .OrderByDescending(a => a.Id)
            .Select(a => new { a.UserName, a.OccurredAt })
            .FirstOrDefaultAsync(cancellationToken);
        return last is null ? (null, null) : (last.UserName, RomeTime.Format(last.OccurredAt));
    }

    private Task<EditResult> SaveAsync(Func<Task<string?>> change, CancellationToken cancellationToken) =>
        EditSave.RunAsync(db, logger, async () => await change() ?? throw new EditTargetNotFoundException(), cancellationToken);
}

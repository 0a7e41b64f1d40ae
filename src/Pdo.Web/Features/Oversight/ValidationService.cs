using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Oversight;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Features.Plans;

namespace Pdo.Web.Features.Oversight;

/// <summary>
/// The OIV's validation of the Relazione sulla Performance: recorded through <see cref="PerformancePlan.Validate"/>
/// (approved plans only; a new one supersedes the current one, all kept), audited by the interceptor.
/// </summary>
public sealed class ValidationService(AppDbContext db, TimeProvider clock, ILogger<ValidationService> logger)
{
    private const string NotApproved = "La Relazione si valida solo su un piano approvato: questo piano non lo è.";

    public async Task<ValidationViewModel?> FormAsync(int year, ValidationForm? form, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Validations).FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        return new ValidationViewModel(
            year,
            plan.Title,
            plan.ApprovalAct is { } act ? PlanService.ApprovalText(act) : null,
            plan.Status == PlanStatus.Approved ? null : NotApproved,
            form ?? new ValidationForm { Date = ItalianValues.FormatDate(RomeTime.Today(clock.GetUtcNow())) },
            plan.Validations.OrderByDescending(v => v.Id).Select(View).ToList());
    }

    public Task<EditResult> ValidateAsync(int year, ValidationForm form, string userId, string fullName, CancellationToken cancellationToken) =>
        EditSave.RunAsync(db, logger, async () =>
        {
            var plan = await db.Plans.Include(p => p.Validations).FirstOrDefaultAsync(p => p.Year == year, cancellationToken)
                ?? throw new EditTargetNotFoundException();
            if (ItalianValues.Parse(form.Date).Value is not { Kind: ValueKind.Date, Date: DateOnly date })
            {
                throw new Pdo.Domain.DomainRuleException($"La data della validazione non è valida: scriverla come gg/mm/aaaa, es. 30/06/{year + 1}.");
            }

            if (form.Outcome is not { } outcome)
            {
                throw new Pdo.Domain.DomainRuleException("Indicare l'esito: validata, validata con riserva o non validata.");
            }

            var now = clock.GetUtcNow();
            plan.Validate(date, outcome, form.Reasoning, form.Reservations, userId, fullName, now, RomeTime.Today(now));
            return Links.Validation(year);
        }, cancellationToken);

    /// <summary>The plan's current validation, for the validation document and the Relazione; null when none is current.</summary>
    public async Task<(PerformancePlan Plan, ValidationView Validation)?> CurrentAsync(int year, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Validations).FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        return plan?.CurrentValidation is { } current ? (plan, View(current)) : null;
    }

    public static ValidationView View(PlanValidation v) => new(
        ItalianValues.FormatDate(v.Date),
        v.Outcome,
        OversightLabels.Outcome(v.Outcome),
        NarrativeText.Parse(v.Reasoning),
        NarrativeText.Parse(v.Reservations),
        v.SignedByName,
        RomeTime.Format(v.RecordedAt),
        v.SupersededReason);
}

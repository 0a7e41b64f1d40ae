using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Infrastructure;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Review;

/// <summary>The Direttore's inbox: results awaiting confirmation, confirm or return with a comment.</summary>
public sealed class ReviewService(AppDbContext db, TimeProvider clock, ILogger<ReviewService> logger)
{
    public async Task<ReviewInboxViewModel> InboxAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var directorates = user.DirectorateIds().ToList();
        var planningOffice = user.IsInRole(Roles.PlanningOffice);
        var results = await db.KpiResults.AsNoTracking()
            .Include(r => r.Period)
            .Include(r => r.Kpi!).ThenInclude(k => k.Objective!).ThenInclude(o => o.Plan)
            .Include(r => r.Kpi!).ThenInclude(k => k.Objective!).ThenInclude(o => o.Directorate)
            .Where(r => r.Status != ResultStatus.Confirmed && r.Kpi!.Objective!.Plan!.Status == PlanStatus.Monitoring)
            .Where(r => (r.Kpi!.Objective!.DirectorateId != null && directorates.Contains(r.Kpi.Objective.DirectorateId.Value))
                || (planningOffice && r.Kpi!.Objective!.DirectorateId == null))
            .ToListAsync(cancellationToken);

        var name = user.AuditName();
        var items = results
            .OrderBy(r => r.Kpi!.Objective!.Plan!.Year).ThenBy(r => r.Kpi!.Objective!.Code).ThenBy(r => r.Kpi!.SortOrder)
            .Select(r => Item(r, name))
            .ToList();
        var scope = planningOffice && directorates.Count == 0 ? "gli obiettivi dell'Ente (senza Direzione)" : "le tue Direzioni";
        return new ReviewInboxViewModel(
            items.Where(i => i.Status == ResultStatus.Entered).ToList(),
            items.Where(i => i.Status == ResultStatus.Returned).ToList(),
            scope);
    }

    public async Task<DirectorateResource?> ResourceAsync(int resultId, CancellationToken cancellationToken)
    {
        var owner = await db.KpiResults.AsNoTracking().Where(r => r.Id == resultId)
            .Select(r => new { r.Kpi!.Objective!.DirectorateId })
            .FirstOrDefaultAsync(cancellationToken);
        return owner is null ? null : new DirectorateResource(owner.DirectorateId);
    }

    public Task<ReviewResult> ConfirmAsync(int resultId, Guid version, string user, CancellationToken cancellationToken) =>
        ChangeAsync(resultId, version, r => r.Confirm(user, clock.GetUtcNow()), "confirmed", user, cancellationToken);

    public Task<ReviewResult> ReturnAsync(int resultId, Guid version, string comment, string user, CancellationToken cancellationToken) =>
        ChangeAsync(resultId, version, r => r.Return(comment, user, clock.GetUtcNow()), "returned", user, cancellationToken);

    /// <summary>
    /// «Conferma i selezionati»: each item checked as a single confirmation would be (its version, the user's right
    /// on its objective through <paramref name="mayReview"/>, the entity's rules including the four-eyes one); the
    /// accepted ones are saved in one transaction, the others are reported with the reason.
    /// </summary>
    public async Task<BulkConfirmResult> ConfirmManyAsync(
        IReadOnlyList<(int Id, Guid Version)> items, Func<DirectorateResource, Task<bool>> mayReview, string user, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.Id).ToList();
        var results = await db.KpiResults
            .Include(r => r.Period)
            .Include(r => r.Kpi!).ThenInclude(k => k.Objective!).ThenInclude(o => o.Plan!).ThenInclude(p => p.Periods)
            .Where(r => ids.Contains(r.Id))
            .AsSplitQuery()
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var confirmed = new List<string>();
        var refused = new List<BulkRefusal>();
        var now = clock.GetUtcNow();
        foreach (var (id, version) in items)
        {
            if (!results.TryGetValue(id, out var result))
            {
                refused.Add(new BulkRefusal($"n. {id}", "risultato non trovato."));
                continue;
            }

            var name = result.Kpi!.Name;
            if (!await mayReview(new DirectorateResource(result.Kpi.Objective!.DirectorateId)))
            {
                refused.Add(new BulkRefusal(name, "non hai l'autorizzazione a confermare i risultati di questo obiettivo."));
                continue;
            }

            if (result.Version != version)
            {
                refused.Add(new BulkRefusal(name, "il risultato è stato modificato da un'altra persona: ricontrollare il valore aggiornato."));
                continue;
            }

            db.Entry(result).Property(r => r.Version).OriginalValue = version;
            try
            {
                result.Confirm(user, now);
                confirmed.Add(name);
            }
            catch (DomainRuleException ex)
            {
                refused.Add(new BulkRefusal(name, ex.Message));
            }
        }

        if (confirmed.Count == 0)
        {
            return new BulkConfirmResult(confirmed, refused);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // One transaction: nothing was confirmed.
            db.ChangeTracker.Clear();
            return new BulkConfirmResult(
                [],
                [.. refused, .. confirmed.Select(n => new BulkRefusal(n, "un risultato selezionato è stato modificato nel frattempo da un'altra persona: nessuna conferma salvata, riprovare."))]);
        }

        logger.LogInformation("{Count} results confirmed together by {User}, {Refused} refused", confirmed.Count, user, refused.Count);
        return new BulkConfirmResult(confirmed, refused);
    }

    private async Task<ReviewResult> ChangeAsync(
        int resultId, Guid version, Action<KpiResult> change, string verb, string user, CancellationToken cancellationToken)
    {
        var result = await db.KpiResults
            .Include(r => r.Period)
            .Include(r => r.Kpi!).ThenInclude(k => k.Objective!).ThenInclude(o => o.Plan!).ThenInclude(p => p.Periods)
            .FirstOrDefaultAsync(r => r.Id == resultId, cancellationToken);
        if (result is null)
        {
            return new ReviewResult(ReviewOutcome.NotFound);
        }

        if (result.Version != version)
        {
            return new ReviewResult(ReviewOutcome.Conflict, "Il risultato è stato modificato da un'altra persona: ricontrollare il valore aggiornato.");
        }

        db.Entry(result).Property(r => r.Version).OriginalValue = version;
        try
        {
            change(result);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException ex)
        {
            return new ReviewResult(ReviewOutcome.Refused, ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ReviewResult(ReviewOutcome.Conflict, "Il risultato è stato modificato da un'altra persona: ricontrollare il valore aggiornato.");
        }

        logger.LogInformation("Result {ResultId} {Verb} by {User}", resultId, verb, user);
        return new ReviewResult(ReviewOutcome.Done);
    }

    private static ReviewItem Item(KpiResult r, string user)
    {
        var kpi = r.Kpi!;
        var objective = kpi.Objective!;
        var plan = objective.Plan!;
        return new ReviewItem(
            r.Id,
            r.Version,
            plan.Year,
            r.Period!.Name,
            objective.Code,
            objective.Title,
            objective.Directorate?.Name,
            kpi.Name,
            kpi.TargetText,
            r.ActualText,
            r.Justification,
            r.RecordedAt is DateTimeOffset at ? $"{r.RecordedBy}, {RomeTime.Format(at)}" : r.RecordedBy ?? "—",
            r.Status,
            r.ReviewComment,
            ScoreViewModel.From(Pdo.Domain.Attainment.AttainmentRules.ScoreKpi(kpi.ToSpec(), r.Measurement, plan.Methodology)),
            Links.Objective(plan.Year, objective.Code, r.Period.Code),
            r.WasRecordedBy(user),
            !r.IsSelfReviewBy(user));
    }
}

using Microsoft.EntityFrameworkCore;
using Pdo.Domain;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.PlanEditing;

namespace Pdo.Web.Features.Directorates;

/// <summary>
/// The Amministratore's Direzioni (reference data): list, create, rename, set the active interval, delete one that
/// nothing uses. The entity guards its rules; the AuditInterceptor audits every change in the same SaveChanges.
/// </summary>
public sealed class DirectorateAdminService(AppDbContext db, TimeProvider clock, ILogger<DirectorateAdminService> logger)
{
    public async Task<DirectorateListViewModel> ListAsync(CancellationToken cancellationToken)
    {
        var directorates = await db.Directorates.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var objectives = await db.Objectives.AsNoTracking()
            .Where(o => o.DirectorateId != null)
            .GroupBy(o => new { o.DirectorateId, o.Plan!.Year })
            .Select(g => new { g.Key.DirectorateId, g.Key.Year, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var users = await db.UserDirectorates.AsNoTracking()
            .Join(db.Users, ud => ud.UserId, u => u.Id, (ud, u) => new { ud.DirectorateId, u.Id, u.FullName })
            .ToListAsync(cancellationToken);
        var managerIds = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => x.Name == Roles.DirectorateManager).Select(x => x.UserId).ToListAsync(cancellationToken);
        var today = RomeTime.Today(clock.GetUtcNow());
        return new DirectorateListViewModel(directorates.Select(d => new DirectorateRow(
            d.Code,
            d.Name,
            ItalianValues.FormatDate(d.ActiveFrom),
            d.ActiveTo is { } to ? ItalianValues.FormatDate(to) : null,
            d.IsActiveOn(today),
            objectives.Where(o => o.DirectorateId == d.Id).OrderBy(o => o.Year).Select(o => new YearCount(o.Year, o.Count)).ToList(),
            users.Where(u => u.DirectorateId == d.Id && managerIds.Contains(u.Id)).Select(u => u.FullName).Order().ToList(),
            CanDelete: objectives.TrueForAll(o => o.DirectorateId != d.Id) && users.TrueForAll(u => u.DirectorateId != d.Id))).ToList());
    }

    public DirectorateFormViewModel NewForm(DirectorateForm? form = null) =>
        new(null, form ?? new DirectorateForm { ActiveFrom = ItalianValues.FormatDate(RomeTime.Today(clock.GetUtcNow())) }, CodeIsEditable: true, CanDelete: false);

    /// <summary>The edit form of a Direzione, with the stored values or, after a refused post, the posted ones.</summary>
    public async Task<DirectorateFormViewModel?> EditFormAsync(string code, DirectorateForm? form, CancellationToken cancellationToken)
    {
        var directorate = await Find(code).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (directorate is null)
        {
            return null;
        }

        var (usedByObjectives, usedByUsers) = await UsageAsync(directorate.Id, cancellationToken);
        form ??= new DirectorateForm
        {
            Code = directorate.Code,
            Name = directorate.Name,
            ActiveFrom = ItalianValues.FormatDate(directorate.ActiveFrom),
            ActiveTo = directorate.ActiveTo is { } to ? ItalianValues.FormatDate(to) : null,
            Version = directorate.Version,
        };
        return new DirectorateFormViewModel(directorate.Code, form, CodeIsEditable: !usedByObjectives, CanDelete: !usedByObjectives && !usedByUsers);
    }

    public Task<EditResult> CreateAsync(DirectorateForm form, CancellationToken cancellationToken) =>
        SaveAsync(async () =>
        {
            var (from, to) = Interval(form);
            await EnsureCodeIsFreeAsync(form.Code!, null, cancellationToken);
            var directorate = new Directorate(form.Code!, form.Name!, from, to);
            db.Directorates.Add(directorate);
            logger.LogInformation("Directorate {Code} created", directorate.Code);
            return Links.DirectorateEdit(directorate.Code);
        }, cancellationToken);

    public Task<EditResult> UpdateAsync(string code, DirectorateForm form, CancellationToken cancellationToken) =>
        SaveAsync(async () =>
        {
            var directorate = await Find(code).FirstOrDefaultAsync(cancellationToken) ?? throw new EditTargetNotFoundException();
            if (form.Version is Guid seen)
            {
                db.Entry(directorate).Property(d => d.Version).OriginalValue = seen;
            }

            var (from, to) = Interval(form);
            var newCode = form.Code!.Trim();
            if (!string.Equals(newCode, directorate.Code, StringComparison.Ordinal))
            {
                if ((await UsageAsync(directorate.Id, cancellationToken)).Objectives)
                {
                    throw new DomainRuleException($"Il codice della Direzione «{directorate.Name}» non si può cambiare: è già usato da obiettivi dei piani.");
                }

                await EnsureCodeIsFreeAsync(newCode, directorate.Id, cancellationToken);
                directorate.ChangeCode(newCode);
            }

            if (!string.Equals(form.Name?.Trim(), directorate.Name, StringComparison.Ordinal))
            {
                directorate.Rename(form.Name!);
            }

            if (from != directorate.ActiveFrom || to != directorate.ActiveTo)
            {
                directorate.SetActivity(from, to);
            }

            return Links.DirectorateEdit(directorate.Code);
        }, cancellationToken);

    public Task<EditResult> DeleteAsync(string code, CancellationToken cancellationToken) =>
        SaveAsync(async () =>
        {
            var directorate = await Find(code).FirstOrDefaultAsync(cancellationToken) ?? throw new EditTargetNotFoundException();
            var (objectives, users) = await UsageAsync(directorate.Id, cancellationToken);
            if (objectives || users)
            {
                var by = objectives && users ? "da obiettivi dei piani e da utenti" : objectives ? "da obiettivi dei piani" : "da utenti";
                throw new DomainRuleException(
                    $"La Direzione «{directorate.Name}» non si può eliminare: è usata {by}. Per chiuderla indicare la data «attiva fino al».");
            }

            db.Directorates.Remove(directorate);
            logger.LogInformation("Directorate {Code} deleted", directorate.Code);
            return Links.Directorates;
        }, cancellationToken);

    // Codes are compared regardless of case, as the column's collation does.
    private IQueryable<Directorate> Find(string code)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return db.Directorates.Where(d => d.Code.ToUpper() == normalized);
    }

    private async Task EnsureCodeIsFreeAsync(string code, int? exceptId, CancellationToken cancellationToken)
    {
        if (await Find(code).AnyAsync(d => d.Id != exceptId, cancellationToken))
        {
            throw new DomainRuleException($"Esiste già una Direzione con il codice «{code.Trim()}» (maiuscole e minuscole non contano).");
        }
    }

    private async Task<(bool Objectives, bool Users)> UsageAsync(int id, CancellationToken cancellationToken) =>
        (await db.Objectives.AnyAsync(o => o.DirectorateId == id, cancellationToken),
         await db.UserDirectorates.AnyAsync(u => u.DirectorateId == id, cancellationToken));

    private static (DateOnly From, DateOnly? To) Interval(DirectorateForm form)
    {
        var from = Date(form.ActiveFrom, "attiva dal") ?? throw new DomainRuleException("Indicare la data «attiva dal» (gg/mm/aaaa).");
        return (from, Date(form.ActiveTo, "attiva fino al"));
    }

    private static DateOnly? Date(string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return ItalianValues.Parse(text).Value is { Kind: ValueKind.Date, Date: DateOnly date }
            ? date
            : throw new DomainRuleException($"La data «{label}» non è valida: scrivere gg/mm/aaaa, es. 31/12/2020.");
    }

    private Task<EditResult> SaveAsync(Func<Task<string>> change, CancellationToken cancellationToken) =>
        EditSave.RunAsync(db, logger, change, cancellationToken);
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Web.Security;

namespace Pdo.Web.Features.PlanEditing;

/// <summary>A text of a plan in Bozza that still names the previous year, with the page that edits it.</summary>
public sealed record OldYearText(string Label, string Fields, string EditUrl);

/// <summary>«Testi che citano ancora il 2019: …» on the page of a plan in Bozza (after a copy, the texts to update).</summary>
public sealed record OldYearTextsViewModel(int OldYear, IReadOnlyList<OldYearText> Texts, int More);

/// <summary>
/// Finds, in a plan in Bozza, the plan's introduction and closing note and the objective and KPI texts (title,
/// narrative, data source, KPI name, group, target, bands) that name the previous year as a whole number ("del 2019", not "20190"). Computed from the plan at every
/// request, never stored: it empties as the texts are edited, and is not shown once monitoring starts.
/// </summary>
public sealed partial class OldYearTextFinder(AppDbContext db)
{
    /// <summary>At most this many texts are listed; the rest are counted.</summary>
    public const int Listed = 50;

    public async Task<OldYearTextsViewModel?> FindAsync(int year, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.Where(p => p.Year == year && p.Status == PlanStatus.Draft)
            .Select(p => new { p.Id, p.Introduction, p.ClosingNote })
            .FirstOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var planId = plan.Id;

        var old = year - 1;
        var text = old.ToString(CultureInfo.InvariantCulture);

        // The database narrows to the texts containing the digits; the whole-number check is made here.
        var objectives = await db.Objectives.AsNoTracking()
            .Where(o => o.PlanId == planId && (o.Title.Contains(text) || (o.Narrative != null && o.Narrative.Contains(text)) || (o.DataSourceNote != null && o.DataSourceNote.Contains(text))))
            .OrderBy(o => o.SortOrder)
            .Select(o => new { o.Code, o.Title, o.Narrative, o.DataSourceNote })
            .ToListAsync(cancellationToken);
        var kpis = await db.Kpis.AsNoTracking()
            .Where(k => k.Objective!.PlanId == planId
                && (k.Name.Contains(text) || (k.Group != null && k.Group.Contains(text)) || k.TargetText.Contains(text) || (k.BandsText != null && k.BandsText.Contains(text))))
            .OrderBy(k => k.Objective!.SortOrder).ThenBy(k => k.SortOrder)
            .Select(k => new { ObjectiveCode = k.Objective!.Code, k.Code, k.Name, k.Group, k.TargetText, k.BandsText })
            .ToListAsync(cancellationToken);

        var found = new List<OldYearText>();
        if (Fields(old, ("introduzione", plan.Introduction), ("nota conclusiva", plan.ClosingNote)) is { } planFields)
        {
            found.Add(new OldYearText("Testi del consuntivo", planFields, Links.PlanTexts(year)));
        }

        foreach (var o in objectives)
        {
            if (Fields(old, ("titolo", o.Title)) is { } fields)
            {
                found.Add(new OldYearText($"Obiettivo {o.Code} – {o.Title}", fields, $"/piani/{year}/obiettivi/{Uri.EscapeDataString(o.Code)}/modifica"));
            }

            // The description and the data source have their own form (Features/Narrative).
            if (Fields(old, ("descrizione", o.Narrative), ("fonte dei dati", o.DataSourceNote)) is { } texts)
            {
                found.Add(new OldYearText($"Descrizione dell'obiettivo {o.Code} – {o.Title}", texts, Links.ObjectiveNarrative(year, o.Code)));
            }
        }

        foreach (var k in kpis)
        {
            if (Fields(old, ("nome", k.Name), ("gruppo", k.Group), ("target", k.TargetText), ("fasce", k.BandsText)) is { } fields)
            {
                found.Add(new OldYearText(
                    $"KPI {k.Code} – {k.Name}",
                    fields,
                    $"/piani/{year}/obiettivi/{Uri.EscapeDataString(k.ObjectiveCode)}/kpi/{Uri.EscapeDataString(k.Code)}/modifica"));
            }
        }

        return found.Count == 0 ? null : new OldYearTextsViewModel(old, found.Take(Listed).ToList(), Math.Max(0, found.Count - Listed));
    }

    /// <summary>Whether <paramref name="text"/> names <paramref name="year"/> as a whole number ("del 2019", "31/12/2019"; not "20190").</summary>
    public static bool NamesYear(string? text, int year) =>
        !string.IsNullOrEmpty(text) && Digits().Matches(text).Any(m => m.ValueSpan.SequenceEqual(year.ToString(CultureInfo.InvariantCulture)));

    private static string? Fields(int year, params (string Name, string? Text)[] fields)
    {
        var named = fields.Where(f => NamesYear(f.Text, year)).Select(f => f.Name).ToList();
        return named.Count == 0 ? null : string.Join(", ", named);
    }

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}

/// <summary>The notice of the old-year texts, for whoever may edit the plan (the planning office), while it is in Bozza.</summary>
public sealed class OldYearTextsViewComponent(OldYearTextFinder finder, IAuthorizationService authorization) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int year)
    {
        if (!(await authorization.AuthorizeAsync(UserClaimsPrincipal, Policies.PlanEditing)).Succeeded
            || await finder.FindAsync(year, HttpContext.RequestAborted) is not { } model)
        {
            return Content(string.Empty);
        }

        return View("~/Features/PlanEditing/_OldYearTexts.cshtml", model);
    }
}

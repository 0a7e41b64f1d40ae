using Microsoft.EntityFrameworkCore;
using Pdo.Domain;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Reports;
using Pdo.Web.Features.Users;

namespace Pdo.Web.Features.PlanStructure;

/// <summary>
/// The structure page of a plan: title and methodology, sections, strategic areas and monitoring periods. Reads the
/// plan for the page; every change goes through the plan's own rules (Bozza only) and
/// <see cref="PlanEditingService.ChangePlanAsync(int, Action{PerformancePlan}, Guid?, string, CancellationToken)"/>,
/// which checks the plan's version and saves (audited by the interceptor).
/// </summary>
public sealed class PlanStructureService(AppDbContext db, PlanEditingService editing)
{
    public async Task<PlanStructureViewModel?> PageAsync(int year, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().AsSplitQuery()
            .Include(p => p.Categories).Include(p => p.Areas).Include(p => p.Periods)
            .FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var byCategory = await db.Objectives.Where(o => o.PlanId == plan.Id).GroupBy(o => o.CategoryId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var byArea = await db.Objectives.Where(o => o.PlanId == plan.Id && o.AreaId != null).GroupBy(o => o.AreaId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var periodIds = plan.Periods.Select(p => p.Id).ToList();
        var byPeriod = await db.KpiResults.Where(r => periodIds.Contains(r.PeriodId)).GroupBy(r => r.PeriodId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var settings = new PlanSettingsForm
        {
            Title = plan.Title,
            Formula = plan.LowerIsBetterFormula.ToString(),
            PartiallyAchievedFrom = ItalianValues.FormatNumber(plan.PartiallyAchievedFrom),
            Version = plan.Version,
        };
        return new PlanStructureViewModel(
            plan.Year,
            plan.Title,
            PlanService.StatusLabel(plan.Status),
            plan.IsStructureEditable,
            plan.Version,
            settings,
            Enum.GetValues<LowerIsBetterFormula>()
                .Select(f => new Option(f.ToString(), ReportService.FormulaLabel(f), f == plan.LowerIsBetterFormula)).ToList(),
            Rows(plan.Categories.Select(c => (c.Code, c.Name, c.SortOrder, byCategory.GetValueOrDefault(c.Id)))),
            Rows(plan.Areas.Select(a => (a.Code, a.Name, a.SortOrder, byArea.GetValueOrDefault(a.Id)))),
            plan.Periods.OrderBy(p => p.SortOrder)
                .Select(p => new PeriodRow(p.Code, p.Name, ItalianValues.FormatDate(p.EndDate), p.IsFinal, byPeriod.GetValueOrDefault(p.Id))).ToList(),
            Enum.GetValues<PeriodPreset>().Select(p => new Option(p.ToString(), PresetLabel(p), false)).ToList(),
            byPeriod.Count == 0);
    }

    public static string PresetLabel(PeriodPreset preset) => preset switch
    {
        PeriodPreset.Quarterly => "Trimestrale (31/03, 30/06, 30/09, consuntivo al 31/12)",
        PeriodPreset.FourMonthly => "Quadrimestrale (30/04, 31/08, consuntivo al 31/12)",
        _ => "Semestrale (30/06, consuntivo al 31/12)",
    };

    public Task<EditResult> SaveSettingsAsync(int year, PlanSettingsForm form, CancellationToken cancellationToken) =>
        Change(year, form.Version, plan =>
        {
            var formula = ParseFormula(form.Formula);
            var threshold = ItalianValues.Parse(form.PartiallyAchievedFrom).Value is { Kind: ValueKind.Number, Number: decimal n }
                ? n
                : throw new DomainRuleException("La soglia di «Parzialmente raggiunto» deve essere un numero (es. 80 oppure 75,5).");
            // Both always: a plan outside Bozza refuses even an unchanged form; unchanged fields write no audit rows.
            plan.Rename(form.Title!);
            plan.SetMethodology(formula, threshold);
        }, cancellationToken);

    public Task<EditResult> AddPartAsync(int year, StructurePart part, PartForm form, CancellationToken cancellationToken) =>
        Change(year, form.Version, plan =>
        {
            if (part == StructurePart.Sections)
            {
                plan.AddCategory(form.Code!, form.Name!);
            }
            else
            {
                plan.AddArea(form.Code!, form.Name!);
            }
        }, cancellationToken);

    public Task<EditResult> RenamePartAsync(int year, StructurePart part, string code, RenamePartForm form, CancellationToken cancellationToken) =>
        OnPart(year, part, code, form.Version, plan => plan.RenameCategory, plan => plan.RenameArea, form.Name!, cancellationToken);

    public Task<EditResult> MovePartAsync(int year, StructurePart part, string code, MoveForm form, CancellationToken cancellationToken)
    {
        var offset = form.Direction switch
        {
            "su" => -1,
            "giu" => 1,
            _ => 0,
        };
        return OnPart(year, part, code, form.Version, plan => plan.MoveCategory, plan => plan.MoveArea, offset, cancellationToken);
    }

    public Task<EditResult> RemovePartAsync(int year, StructurePart part, string code, VersionForm form, CancellationToken cancellationToken) =>
        OnPart<object?>(year, part, code, form.Version, plan => (c, _) => plan.RemoveCategory(c), plan => (a, _) => plan.RemoveArea(a), null, cancellationToken);

    public Task<EditResult> AddPeriodAsync(int year, PeriodForm form, CancellationToken cancellationToken) =>
        Change(year, form.Version, plan =>
        {
            if (string.IsNullOrWhiteSpace(form.Code))
            {
                throw new DomainRuleException("Indicare il codice del periodo (es. T1).");
            }

            plan.AddPeriod(form.Code, form.Name!, EndDate(form.EndDate, year), form.IsFinal);
        }, cancellationToken);

    public Task<EditResult> UpdatePeriodAsync(int year, string code, PeriodForm form, CancellationToken cancellationToken) =>
        Change(year, form.Version, plan => plan.UpdatePeriod(Find(plan.Periods, p => p.Code, code), form.Name!, EndDate(form.EndDate, year), form.IsFinal), cancellationToken);

    public Task<EditResult> RemovePeriodAsync(int year, string code, VersionForm form, CancellationToken cancellationToken) =>
        Change(year, form.Version, plan => plan.RemovePeriod(Find(plan.Periods, p => p.Code, code)), cancellationToken);

    public Task<EditResult> UsePeriodPresetAsync(int year, PeriodPresetForm form, CancellationToken cancellationToken) =>
        Change(year, form.Version, plan =>
        {
            var preset = Enum.TryParse<PeriodPreset>(form.Preset, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(form.Preset, out _)
                ? parsed
                : throw new DomainRuleException("Schema dei periodi non previsto.");
            plan.UsePeriodPreset(preset);
        }, cancellationToken);

    private static LowerIsBetterFormula ParseFormula(string? value) =>
        Enum.TryParse<LowerIsBetterFormula>(value, out var formula) && Enum.IsDefined(formula) && !int.TryParse(value, out _)
            ? formula
            : throw new DomainRuleException("Formula per i KPI «minore è meglio»: valore non previsto.");

    private static DateOnly EndDate(string? text, int year) =>
        ItalianValues.Parse(text).Value is { Kind: ValueKind.Date, Date: DateOnly date }
            ? date
            : throw new DomainRuleException($"La data di fine del periodo non è valida: scrivere gg/mm/aaaa, es. 31/03/{year}.");

    private static T Find<T>(IEnumerable<T> parts, Func<T, string> code, string wanted) =>
        parts.FirstOrDefault(p => string.Equals(code(p), wanted, StringComparison.OrdinalIgnoreCase)) ?? throw new KeyNotFoundException();

    private static List<StructureRow> Rows(IEnumerable<(string Code, string Name, int SortOrder, int Objectives)> parts)
    {
        var ordered = parts.OrderBy(p => p.SortOrder).ToList();
        return ordered.Select((p, i) => new StructureRow(p.Code, p.Name, p.Objectives, i == 0, i == ordered.Count - 1)).ToList();
    }

    /// <summary>A change to one section or area, found by its code.</summary>
    private Task<EditResult> OnPart<TArg>(
        int year,
        StructurePart part,
        string code,
        Guid? version,
        Func<PerformancePlan, Action<ObjectiveCategory, TArg>> onSection,
        Func<PerformancePlan, Action<StrategicArea, TArg>> onArea,
        TArg argument,
        CancellationToken cancellationToken) =>
        Change(year, version, plan =>
        {
            if (part == StructurePart.Sections)
            {
                onSection(plan)(Find(plan.Categories, c => c.Code, code), argument);
            }
            else
            {
                onArea(plan)(Find(plan.Areas, a => a.Code, code), argument);
            }
        }, cancellationToken);

    private Task<EditResult> Change(int year, Guid? version, Action<PerformancePlan> change, CancellationToken cancellationToken) =>
        editing.ChangePlanAsync(year, change, version, Links.PlanStructure(year), cancellationToken);
}

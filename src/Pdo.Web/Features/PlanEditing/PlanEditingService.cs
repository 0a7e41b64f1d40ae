using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Features.Users;

namespace Pdo.Web.Features.PlanEditing;

/// <summary>
/// The planning office's changes to a plan: create (empty or copying an earlier year), edit the structure of
/// objectives and KPIs while in Bozza (descriptions: Features/Narrative), start monitoring, open and close periods, approve with the Delibera; the administrator's
/// reopening. Every change goes through the entities' rules and is audited by the interceptor.
/// </summary>
public sealed class PlanEditingService(
    AppDbContext db, IAuditContext audit, TimeProvider clock, ScorecardService scorecards, ILogger<PlanEditingService> logger)
{
    public async Task<NewPlanViewModel> NewPlanAsync(NewPlanForm? form, CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).Select(p => new { p.Year, p.Title }).ToListAsync(cancellationToken);
        form ??= new NewPlanForm
        {
            Year = plans.Count == 0 ? clock.GetUtcNow().Year : plans[0].Year + 1,
            CopyFromYear = plans.Count == 0 ? null : plans[0].Year,

            // Ticked on the rendered form only: an unticked box posts nothing, so a POST without the field copies no targets.
            CopyTargets = true,
            CopyTexts = true,
        };
        form.Title ??= $"Piano degli Obiettivi {form.Year}";
        var exampleYear = form.Year ?? clock.GetUtcNow().Year;
        var exampleSource = form.CopyFromYear is int from && from < exampleYear ? from : exampleYear - 1;
        return new NewPlanViewModel(
            form,
            plans.Select(p => new Option(p.Year.ToString(CultureInfo.InvariantCulture), p.Title, p.Year == form.CopyFromYear)).ToList(),
            exampleYear,
            exampleSource);
    }

    public async Task<EditResult> CreatePlanAsync(NewPlanForm form, CancellationToken cancellationToken)
    {
        var year = form.Year!.Value;
        if (await db.Plans.AnyAsync(p => p.Year == year, cancellationToken))
        {
            return EditResult.Invalid($"Esiste già il piano {year}.");
        }

        return await SaveAsync(async () =>
        {
            PerformancePlan plan;
            if (form.CopyFromYear is int sourceYear)
            {
                var source = await db.Plans.AsNoTrackingWithIdentityResolution().AsSplitQuery()
                    .Include(p => p.Periods).Include(p => p.Categories).Include(p => p.Areas)
                    .Include(p => p.Objectives).ThenInclude(o => o.Kpis)
                    .Include(p => p.Objectives).ThenInclude(o => o.Directorate)
                    .FirstOrDefaultAsync(p => p.Year == sourceYear, cancellationToken);
                if (source is null)
                {
                    throw new DomainRuleException($"Il piano {sourceYear} da copiare non esiste.");
                }

                plan = PerformancePlan.CopyStructure(source, year, form.Title!, form.CopyTargets, form.CopyTexts);

                // The copy refers to the same Direzioni (reference data): attach them, never insert them again.
                foreach (var directorate in plan.Objectives.Select(o => o.Directorate).OfType<Directorate>().Distinct())
                {
                    db.Attach(directorate);
                }
            }
            else
            {
                plan = PerformancePlan.CreateWithDefaultPeriods(year, form.Title!);
                plan.AddCategory("SOL", "Obiettivi Solidali");
                plan.AddCategory("GES", "Obiettivi Gestionali");
                plan.AddCategory("FUN", "Indicatori di funzionamento dell’Ente");
                plan.AddCategory("DIR", "Obiettivi di Direzione");
            }

            db.Plans.Add(plan);
            return Links.Plan(year);
        }, cancellationToken);
    }

    public Task<EditResult> StartMonitoringAsync(int year, CancellationToken cancellationToken) =>
        ChangePlanAsync(year, plan => plan.StartMonitoring(), cancellationToken);

    public Task<EditResult> SetFourEyesReviewAsync(int year, bool required, CancellationToken cancellationToken) =>
        ChangePlanAsync(year, plan => plan.SetFourEyesReview(required), cancellationToken);

    public Task<EditResult> OpenPeriodAsync(int year, string code, CancellationToken cancellationToken) =>
        ChangePlanAsync(year, plan => Period(plan, code).Open(), cancellationToken);

    public Task<EditResult> ClosePeriodAsync(int year, string code, CancellationToken cancellationToken) =>
        ChangePlanAsync(year, plan => Period(plan, code).Close(), cancellationToken);

    /// <summary>
    /// The approval page from one scorecard of the final period: the blockers and declarations come from the domain
    /// (<see cref="PerformancePlan.ApprovalBlockers"/>), the scores from the scorecard, nothing is computed twice.
    /// </summary>
    public async Task<ApproveViewModel?> ApproveFormAsync(int year, ApproveForm? form, CancellationToken cancellationToken, UnmeasurableForm? declaring = null)
    {
        var card = await scorecards.LoadAsync(year, null, cancellationToken);
        if (card is null)
        {
            return null;
        }

        var plan = card.Plan;
        var final = plan.FinalPeriod;
        if (final is not null && card.Period?.Id != final.Id)
        {
            card = card.In(final);
        }

        var kpis = plan.Objectives.SelectMany(o => o.Kpis.Select(k => (Objective: o, Kpi: k))).ToList();
        var blockers = plan.ApprovalBlockers().Select(b => new ApprovalBlockerRow(
            b.Objective.Code,
            b.Objective.Title,
            b.Kpi.Code,
            b.Kpi.Name,
            b.KindText,
            b.Kind == ApprovalBlockerKind.OverridePending ? Links.Overrides(year) : Links.Results(year, b.Objective.Code, final?.Code),
            b.Kind == ApprovalBlockerKind.NotConfirmed ? Links.ReviewInbox : null,
            FieldId(b.Objective.Code, b.Kpi.Code))
        {
            OverridePending = b.Kind == ApprovalBlockerKind.OverridePending,
        }).ToList();
        var unmeasurable = kpis.Where(x => x.Kpi.IsUnmeasurable).Select(x => new UnmeasurableKpiRow(
            x.Objective.Code,
            x.Objective.Title,
            x.Kpi.Code,
            x.Kpi.Name,
            x.Kpi.UnmeasurableReason!,
            x.Kpi.UnmeasurableDeclaredBy ?? "—",
            x.Kpi.UnmeasurableDeclaredAt is DateTimeOffset at ? RomeTime.Format(at) : "—")).ToList();
        var frozen = new FrozenSummary(
            plan.Periods.Where(p => p.IsOpen).OrderBy(p => p.EndDate).Select(p => p.Name).ToList(),
            plan.Periods.Count,
            plan.Objectives.Count,
            kpis.Count,
            kpis.Sum(x => x.Kpi.Results.Count));
        var scores = final is null ? null : new FinalScores(
            final.Name,
            ScoreViewModel.From(card.Overall),
            card.Categories.Select(c => new FinalScoreRow(c.Code, c.Name, Links.Category(year, c.Code, final.Code), ScoreViewModel.From(c.Attainment))).ToList(),
            card.Objectives.Select(o => new FinalScoreRow(
                o.Objective.Code, o.Objective.Title, Links.Objective(year, o.Objective.Code, final.Code), ScoreViewModel.From(o.Attainment))).ToList());
        return new ApproveViewModel(
            year,
            plan.Title,
            plan.Status == PlanStatus.Monitoring,
            form ?? new ApproveForm { Version = plan.Version },
            blockers,
            unmeasurable,
            frozen,
            scores,
            declaring);
    }

    /// <summary>The id of the reason field of a blocker on the approval page (codes may hold dots).</summary>
    public static string FieldId(string objectiveCode, string kpiCode) =>
        $"motivo-{objectiveCode}-{kpiCode}".Replace('.', '-');

    /// <summary>Declares a KPI non rilevabile nel consuntivo with the reason (planning office, plan in monitoring).</summary>
    public Task<EditResult> DeclareUnmeasurableAsync(int year, UnmeasurableForm form, CancellationToken cancellationToken) =>
        ChangeKpiAsync(year, form, kpi => kpi.DeclareUnmeasurable(form.Reason, audit.UserName, clock.GetUtcNow()), cancellationToken);

    /// <summary>Removes the declaration: the KPI's final result counts (and blocks) again.</summary>
    public Task<EditResult> WithdrawUnmeasurableAsync(int year, UnmeasurableForm form, CancellationToken cancellationToken) =>
        ChangeKpiAsync(year, form, kpi => kpi.WithdrawUnmeasurable(), cancellationToken);

    private Task<EditResult> ChangeKpiAsync(int year, UnmeasurableForm form, Action<Kpi> change, CancellationToken cancellationToken) =>
        SaveAsync(async () =>
        {
            var plan = await LoadAsync(year, tracked: true, cancellationToken) ?? throw new EditTargetNotFoundException();
            var kpi = Objective(plan, form.Objective!)?.Kpis.FirstOrDefault(k => string.Equals(k.Code, form.Kpi, StringComparison.OrdinalIgnoreCase))
                ?? throw new DomainRuleException($"Il KPI «{form.Kpi}» dell'obiettivo «{form.Objective}» non esiste in questo piano.");
            change(kpi);
            return Links.Approve(year);
        }, cancellationToken);

    public Task<EditResult> ApproveAsync(int year, ApproveForm form, CancellationToken cancellationToken)
    {
        var date = ItalianValues.Parse(form.Date);
        if (date.Value is not { Kind: ValueKind.Date, Date: DateOnly actDate })
        {
            return Task.FromResult(EditResult.Invalid($"La data della delibera non è valida: scrivere gg/mm/aaaa, es. 14/04/{year + 1}."));
        }

        var today = RomeTime.Today(clock.GetUtcNow());
        return ChangePlanAsync(year, plan => plan.Approve(new ApprovalAct(form.Number!, actDate, form.Link), today), cancellationToken, form.Version);
    }

    public async Task<ReopenViewModel?> ReopenFormAsync(int year, ReopenForm? form, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        return plan is null
            ? null
            : new ReopenViewModel(year, plan.Title, plan.ApprovalAct is { } act ? Plans.PlanService.ApprovalText(act) : null, form ?? new ReopenForm { Version = plan.Version });
    }

    public Task<EditResult> ReopenAsync(int year, ReopenForm form, CancellationToken cancellationToken)
    {
        audit.Reason = form.Reason?.Trim();
        return ChangePlanAsync(year, plan => plan.Reopen(form.Reason!), cancellationToken, form.Version);
    }

    public async Task<ObjectiveFormViewModel?> ObjectiveFormAsync(int year, string? code, ObjectiveForm? form, CancellationToken cancellationToken)
    {
        var plan = await LoadAsync(year, tracked: false, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var objective = code is null ? null : Objective(plan, code);
        if (code is not null && objective is null)
        {
            return null;
        }

        form ??= objective is null
            ? new ObjectiveForm { Category = plan.Categories.FirstOrDefault()?.Code }
            : new ObjectiveForm
            {
                Code = objective.Code,
                Title = objective.Title,
                Category = plan.Categories.First(c => c.Id == objective.CategoryId).Code,
                Area = plan.Areas.FirstOrDefault(a => a.Id == objective.AreaId)?.Code,
                DirectorateId = objective.DirectorateId,
                Weight = ItalianValues.FormatNumber(objective.Weight, 4),
                Version = objective.Version,
            };
        // Old plans keep theirs: the Direzioni active in the plan's year, plus the one the objective has now.
        var directorates = (await db.Directorates.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken))
            .Where(d => d.IsActiveIn(year) || d.Id == objective?.DirectorateId)
            .ToList();
        return new ObjectiveFormViewModel(
            year,
            objective?.Code,
            form,
            plan.Categories.OrderBy(c => c.SortOrder).Select(c => new Option(c.Code, c.Name, c.Code == form.Category)).ToList(),
            plan.Areas.OrderBy(a => a.SortOrder).Select(a => new Option(a.Code, a.Name, a.Code == form.Area)).ToList(),
            directorates.Select(d => new Option(d.Id.ToString(CultureInfo.InvariantCulture), d.Name, d.Id == form.DirectorateId)).ToList());
    }

    public Task<EditResult> SaveObjectiveAsync(int year, string? code, ObjectiveForm form, CancellationToken cancellationToken) =>
        SaveAsync(async () =>
        {
            var plan = await LoadAsync(year, tracked: true, cancellationToken) ?? throw new EditTargetNotFoundException();
            var weight = Weight(form.Weight);
            var category = plan.Categories.FirstOrDefault(c => c.Code == form.Category) ?? throw new DomainRuleException("Sezione non trovata.");
            var area = string.IsNullOrEmpty(form.Area) ? null : plan.Areas.FirstOrDefault(a => a.Code == form.Area) ?? throw new DomainRuleException("Area strategica non trovata.");
            var directorate = form.DirectorateId is int id
                ? await db.Directorates.FirstOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw new DomainRuleException("Direzione non trovata.")
                : null;
            Objective objective;
            if (code is null)
            {
                objective = plan.AddObjective(form.Code!, form.Title!, category, area, directorate, weight);
            }
            else
            {
                objective = Objective(plan, code) ?? throw new EditTargetNotFoundException();
                ExpectVersion(objective, o => o.Version, form.Version);
                objective.Update(form.Title!, category, area, directorate, weight);
            }

            return Links.Objective(year, objective.Code);
        }, cancellationToken);

    public Task<EditResult> DeleteObjectiveAsync(int year, string code, CancellationToken cancellationToken) =>
        SaveAsync(async () =>
        {
            var plan = await LoadAsync(year, tracked: true, cancellationToken) ?? throw new EditTargetNotFoundException();
            plan.RemoveObjective(Objective(plan, code) ?? throw new EditTargetNotFoundException());
            return Links.Plan(year);
        }, cancellationToken);

    public async Task<KpiFormViewModel?> KpiFormAsync(int year, string objectiveCode, string? kpiCode, KpiForm? form, CancellationToken cancellationToken)
    {
        var plan = await LoadAsync(year, tracked: false, cancellationToken);
        var objective = plan is null ? null : Objective(plan, objectiveCode);
        var kpi = kpiCode is null ? null : objective?.Kpis.FirstOrDefault(k => string.Equals(k.Code, kpiCode, StringComparison.OrdinalIgnoreCase));
        if (objective is null || (kpiCode is not null && kpi is null))
        {
            return null;
        }

        form ??= kpi is null
            ? new KpiForm { Code = $"{objective.Code}.{objective.Kpis.Count + 1}" }
            : new KpiForm
            {
                Code = kpi.Code,
                Name = kpi.Name,
                Group = kpi.Group,
                Target = kpi.TargetText,
                TargetValue = TypedTarget(kpi),
                Direction = kpi.Direction.ToString(),
                Unit = kpi.Unit,
                Weight = ItalianValues.FormatNumber(kpi.Weight, 4),
                Method = kpi.Method.ToString(),
                Bands = string.Join("; ", kpi.Bands.Select(b => $"{ItalianValues.FormatNumber(b.MinimumProgress)}:{ItalianValues.FormatNumber(b.Score)}")),
                PenaltyPerDay = kpi.PenaltyPerDay is decimal p ? ItalianValues.FormatNumber(p) : null,
                Baseline = kpi.Baseline is decimal b ? ItalianValues.Format(b, kpi.ValueKind, null) : null,
                Version = kpi.Version,
            };
        return new KpiFormViewModel(year, objective.Code, objective.Title, kpi?.Code, form);
    }

    public Task<EditResult> SaveKpiAsync(int year, string objectiveCode, string? kpiCode, KpiForm form, CancellationToken cancellationToken) =>
        SaveAsync(async () =>
        {
            var plan = await LoadAsync(year, tracked: true, cancellationToken) ?? throw new EditTargetNotFoundException();
            var objective = Objective(plan, objectiveCode) ?? throw new EditTargetNotFoundException();
            var definition = Define(form);
            if (kpiCode is null)
            {
                objective.AddKpi(definition);
            }
            else
            {
                var kpi = objective.Kpis.FirstOrDefault(k => string.Equals(k.Code, kpiCode, StringComparison.OrdinalIgnoreCase)) ?? throw new EditTargetNotFoundException();
                ExpectVersion(kpi, k => k.Version, form.Version);
                kpi.Update(definition);
            }

            return Links.Objective(year, objective.Code);
        }, cancellationToken);

    public Task<EditResult> DeleteKpiAsync(int year, string objectiveCode, string kpiCode, CancellationToken cancellationToken) =>
        SaveAsync(async () =>
        {
            var plan = await LoadAsync(year, tracked: true, cancellationToken) ?? throw new EditTargetNotFoundException();
            var objective = Objective(plan, objectiveCode) ?? throw new EditTargetNotFoundException();
            objective.RemoveKpi(objective.Kpis.FirstOrDefault(k => string.Equals(k.Code, kpiCode, StringComparison.OrdinalIgnoreCase)) ?? throw new EditTargetNotFoundException());
            return Links.Objective(year, objective.Code);
        }, cancellationToken);

    private static string? TypedTarget(Kpi kpi)
    {
        if (!kpi.HasTarget || ItalianValues.Parse(kpi.TargetText).Succeeded)
        {
            return null;
        }

        return kpi.Kind switch
        {
            KpiKind.Numeric when kpi.TargetValue is decimal v => $"{ItalianValues.FormatComparator(kpi.Comparator)} {ItalianValues.Format(v, kpi.ValueKind, null)}",
            KpiKind.Deadline when kpi.Deadline is DateOnly d => $"entro il {ItalianValues.FormatDate(d)}",
            _ => null,
        };
    }

    private static KpiDefinition Define(KpiForm form)
    {
        ItalianValue? target = null;
        if (!string.IsNullOrWhiteSpace(form.Target))
        {
            var parsed = ItalianValues.Parse(string.IsNullOrWhiteSpace(form.TargetValue) ? form.Target : form.TargetValue);
            target = parsed.Value ?? throw new DomainRuleException($"Target: {parsed.Error} Se il target è descrittivo, scrivere il valore nel campo «Valore del target».");
        }

        ItalianValue? baseline = null;
        if (!string.IsNullOrWhiteSpace(form.Baseline))
        {
            var parsed = ItalianValues.Parse(form.Baseline);
            baseline = parsed.Value ?? throw new DomainRuleException($"Valore di partenza: {parsed.Error}");
        }

        return KpiDefinitionInference.Infer(new KpiDraft(
            form.Code!,
            form.Name!,
            form.Group,
            form.Target?.Trim() ?? string.Empty,
            target,
            baseline,
            string.IsNullOrWhiteSpace(form.Unit) ? null : form.Unit,
            Weight(form.Weight),
            Direction: ParseEnum<Direction>(form.Direction, "Andamento"),
            Method: ParseEnum<ScoringMethod>(form.Method, "Metodo di calcolo"),
            Bands: ParseBands(form.Bands),
            PenaltyPerDay: string.IsNullOrWhiteSpace(form.PenaltyPerDay) ? null : Number(form.PenaltyPerDay, "Penalità giornaliera")));
    }

    private static TEnum? ParseEnum<TEnum>(string? value, string what)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Enum.TryParse<TEnum>(value, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw new DomainRuleException($"{what}: valore non previsto.");
    }

    private static IReadOnlyList<ScoreBand>? ParseBands(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var pieces = part.Split(':', StringSplitOptions.TrimEntries);
            if (pieces.Length != 2)
            {
                throw new DomainRuleException($"Fasce: «{part}» non è nella forma progresso:punteggio (es. 90:80).");
            }

            return new ScoreBand(Number(pieces[0], "Fasce"), Number(pieces[1], "Fasce"));
        }).ToList();
    }

    private static decimal Weight(string? text) => Number(text, "Peso");

    private static decimal Number(string? text, string what)
    {
        var parsed = ItalianValues.Parse(text);
        return parsed.Value is { Kind: ValueKind.Number, Number: decimal n }
            ? n
            : throw new DomainRuleException($"{what}: scrivere un numero (es. 1 oppure 0,5).");
    }

    private static MonitoringPeriod Period(PerformancePlan plan, string code) =>
        plan.PeriodWithCode(code) ?? throw new EditTargetNotFoundException();

    private static Objective? Objective(PerformancePlan plan, string code) =>
        plan.Objectives.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.OrdinalIgnoreCase));

    private void ExpectVersion<T>(T entity, System.Linq.Expressions.Expression<Func<T, Guid>> version, Guid? seen)
        where T : class
    {
        if (seen is Guid expected)
        {
            db.Entry(entity).Property(version).OriginalValue = expected;
        }
    }

    private Task<EditResult> ChangePlanAsync(int year, Action<PerformancePlan> change, CancellationToken cancellationToken, Guid? version = null) =>
        ChangePlanAsync(year, change, version, Links.Plan(year), cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the tracked plan (with its structure, objectives, KPIs and results) and
    /// saves it, refusing a stale <paramref name="version"/>; the one path of every change to the plan itself (also the
    /// structure page's). A change that cannot find its part throws <see cref="KeyNotFoundException"/>: not found.
    /// </summary>
    public Task<EditResult> ChangePlanAsync(int year, Action<PerformancePlan> change, Guid? version, string redirectTo, CancellationToken cancellationToken) =>
        SaveAsync(async () =>
        {
            var plan = await LoadAsync(year, tracked: true, cancellationToken) ?? throw new EditTargetNotFoundException();
            ExpectVersion(plan, p => p.Version, version);
            try
            {
                change(plan);
            }
            catch (KeyNotFoundException)
            {
                throw new EditTargetNotFoundException();
            }

            return redirectTo;
        }, cancellationToken);

    private Task<EditResult> SaveAsync(Func<Task<string>> change, CancellationToken cancellationToken) =>
        EditSave.RunAsync(db, logger, change, cancellationToken);

    private Task<PerformancePlan?> LoadAsync(int year, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Plans.AsSplitQuery()
            .Include(p => p.Periods).Include(p => p.Categories).Include(p => p.Areas).Include(p => p.Validations)
            .Include(p => p.Objectives).ThenInclude(o => o.Directorate)
            .Include(p => p.Objectives).ThenInclude(o => o.Kpis).ThenInclude(k => k.Results)
            .Include(p => p.Objectives).ThenInclude(o => o.Kpis).ThenInclude(k => k.Overrides);
        return (tracked ? query : query.AsNoTrackingWithIdentityResolution()).FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
    }
}

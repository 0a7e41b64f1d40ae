using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Infrastructure.Spreadsheets;
using Pdo.Reporting.Model;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.Objectives;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Reports;

/// <summary>What a consuntivo covers: the whole plan, one section or one Direzione.</summary>
public enum ReportScope
{
    Plan,
    Section,
    Directorate,
}

/// <summary>The subject of an export, resolved before anything is authorized or computed.</summary>
public sealed record ReportTarget(int Year, ReportScope Scope, string? Code, int? DirectorateId);

/// <summary>A report ready to render and the name of its file.</summary>
public sealed record ConsuntivoExport(ConsuntivoReport Report, string FileName);

/// <summary>
/// Builds the consuntivo's report model from the plan's scorecard, with the same formatting as the pages
/// (<see cref="ScoreViewModel"/>, <see cref="ItalianValues"/>, <see cref="ObjectiveService"/>), so every number in
/// the PDF is the number the portal shows. An approved plan prints its final period unless another is asked;
/// a plan not yet approved prints the period the pages show by default (the latest with results).
/// </summary>
public sealed class ReportService(AppDbContext db, ScorecardService scorecards, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Pdo.Web.Infrastructure.EnteSettings> ente)
{

    /// <summary>The export's subject, or null when the plan, section or Direzione does not exist.</summary>
    public async Task<ReportTarget?> ResolveAsync(int year, ReportScope scope, string? code, CancellationToken cancellationToken)
    {
        if (!await db.Plans.AnyAsync(p => p.Year == year, cancellationToken))
        {
            return null;
        }

        switch (scope)
        {
            case ReportScope.Section:
                var section = await db.Plans.Where(p => p.Year == year).SelectMany(p => p.Categories)
                    .Where(c => c.Code == code).Select(c => c.Code).FirstOrDefaultAsync(cancellationToken)
                    ?? await FindCaseInsensitiveAsync(db.Plans.Where(p => p.Year == year).SelectMany(p => p.Categories).Select(c => c.Code), code, cancellationToken);
                return section is null ? null : new ReportTarget(year, scope, section, null);
            case ReportScope.Directorate:
                var directorates = await db.Directorates.Select(d => new { d.Id, d.Code }).ToListAsync(cancellationToken);
                var directorate = directorates.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase));
                return directorate is null ? null : new ReportTarget(year, scope, directorate.Code, directorate.Id);
            default:
                return new ReportTarget(year, scope, null, null);
        }
    }

    /// <summary>
    /// The Excel export of <paramref name="target"/> (the plan or one Direzione; a section has none): every period of
    /// the plan with the snapshot's scores, the display fields read with flat read-only projections (no entity graph),
    /// written by <see cref="PlanWorkbook"/> to a temporary file. Null when the target has no Excel export.
    /// </summary>
    /// <param name="progress">Told (KPI rows written, KPI rows in all) as the «KPI» sheet is written (the export's job page).</param>
    public async Task<PlanWorkbookFile?> BuildWorkbookAsync(ReportTarget target, CancellationToken cancellationToken, Action<int, int>? progress = null)
    {
        if (await WorkbookSourceAsync(target, cancellationToken) is not var (source, directorate))
        {
            return null;
        }

        var plan = source.Plan;
        var content = XlsxWriter.WriteTemporaryFile(xlsx => PlanWorkbook.Write(xlsx, source, target.DirectorateId, directorate is null ? "Tutto il piano" : $"Solo la Direzione: {directorate.Name}", clock.GetUtcNow(), progress));
        return new PlanWorkbookFile(directorate is null ? $"PDO-{plan.Year}.xlsx" : $"PDO-{plan.Year}-{directorate.Code}.xlsx", content);
    }

    /// <summary>
    /// What the export of <paramref name="target"/> reads (<see cref="PlanWorkbookSource"/>) and its Direzione (null for
    /// the whole plan); null when the target has no Excel export.
    /// </summary>
    public async Task<(PlanWorkbookSource Source, SnapshotRollup? Directorate)?> WorkbookSourceAsync(ReportTarget target, CancellationToken cancellationToken)
    {
        if (target.Scope == ReportScope.Section)
        {
            return null;
        }

        var plan = await db.Plans.AsNoTracking().AsSplitQuery().Include(p => p.Periods).Include(p => p.Categories).Include(p => p.Areas)
            .FirstOrDefaultAsync(p => p.Year == target.Year, cancellationToken);
        if (plan is null || plan.Periods.Count == 0)
        {
            return null;
        }

        // The display fields first, then the snapshot (at least as recent); a KPI the snapshot does not hold is left out.
        var directorateId = target.DirectorateId;
        var kpis = await KpiDisplay.ReadAsync(db, plan.Id, directorateId, cancellationToken);

        var results = new Dictionary<(int KpiId, int PeriodId), ResultDisplay>();
        await foreach (var r in db.KpiResults.AsNoTracking()
            .Where(r => r.Kpi!.Objective!.PlanId == plan.Id && (directorateId == null || r.Kpi.Objective.DirectorateId == directorateId))
            .Select(r => new { r.KpiId, r.PeriodId, r.Justification, r.Status })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            results[(r.KpiId, r.PeriodId)] = new ResultDisplay(r.Justification, r.Status);
        }

        if (await scorecards.SnapshotAsync(plan.Year, cancellationToken) is not { } snapshot)
        {
            return null;
        }

        var periods = plan.Periods.OrderBy(p => p.EndDate).ThenBy(p => p.SortOrder).ToList();
        var directorate = target.Scope == ReportScope.Directorate ? snapshot.Rollups(periods[0].Id).Directorates.FirstOrDefault(d => d.Code == target.Code) : null;
        return target.Scope == ReportScope.Directorate && directorate is null ? null : (new PlanWorkbookSource(plan, snapshot, periods, kpis, results), directorate);
    }

    /// <summary>The report of <paramref name="target"/> for <paramref name="periodCode"/> (see the class remarks when null).</summary>
    public async Task<ConsuntivoExport?> BuildAsync(ReportTarget target, string? periodCode, CancellationToken cancellationToken)
    {
        var card = await scorecards.LoadAsync(target.Year, periodCode, cancellationToken);
        if (card is null)
        {
            return null;
        }

        var plan = card.Plan;
        string periodNote;
        if (!string.IsNullOrWhiteSpace(periodCode))
        {
            periodNote = "periodo scelto per l'esportazione";
        }
        else if (plan.Status == PlanStatus.Approved && plan.FinalPeriod is { } final)
        {
            if (card.Period?.Id != final.Id)
            {
                card = card.In(final);
            }

            periodNote = "periodo finale del piano approvato";
        }
        else
        {
            periodNote = "ultimo periodo con risultati, come nelle pagine del piano";
        }

        var scope = Scope(card, target);
        if (scope is null)
        {
            return null;
        }

        var header = PlanService.Header(card);
        var now = clock.GetLocalNow();
        var report = new ConsuntivoReport
        {
            Organisation = ente.Value.Name,
            Year = plan.Year,
            PlanTitle = plan.Title,
            Scope = scope.Title,
            StatusLabel = header.StatusLabel,
            IsApproved = header.IsApproved,
            PeriodName = header.PeriodName,
            PeriodNote = periodNote,
            ApprovalText = header.ApprovalText,
            ApprovalLink = header.ApprovalLink,
            ApprovalDescription = plan.ApprovalAct?.Description,
            ValidationText = header.ValidationText,
            GeneratedOn = ItalianValues.FormatDate(DateOnly.FromDateTime(now.DateTime)),
            GeneratedAt = now,
            Overall = Score(ScoreViewModel.From(scope.Score)),
            ObjectiveCount = scope.Objectives.Count,
            KpiCount = scope.Objectives.Sum(o => o.Kpis.Count),
            Summaries = Summaries(card, scope),
            Chapters = Chapters(card, scope.Objectives),
            Methodology = Methodology(plan),
            Introduction = Narrative(plan.Introduction),
            ClosingNote = Narrative(plan.ClosingNote),
        };
        return new ConsuntivoExport(report, FileName(target));
    }

    /// <summary>PDO-2019-consuntivo.pdf, PDO-2019-consuntivo-casa.pdf (Direzione), PDO-2019-consuntivo-sezione-dir.pdf.</summary>
    public static string FileName(ReportTarget target) => target.Scope switch
    {
        ReportScope.Directorate => $"PDO-{target.Year}-consuntivo-{Slug(target.Code!)}.pdf",
        ReportScope.Section => $"PDO-{target.Year}-consuntivo-sezione-{Slug(target.Code!)}.pdf",
        _ => $"PDO-{target.Year}-consuntivo.pdf",
    };

    public static ReportScore Score(ScoreViewModel score) => new(
        score.Value,
        score.Display,
        score.IsProvisional ? ReportStatus.NotMeasured : score.Status switch
        {
            AttainmentStatus.Achieved => ReportStatus.Achieved,
            AttainmentStatus.PartiallyAchieved => ReportStatus.PartiallyAchieved,
            AttainmentStatus.NotAchieved => ReportStatus.NotAchieved,
            _ => ReportStatus.NotMeasured,
        },
        score.StatusLabel,
        score.Coverage)
    {
        Provisional = score.IsProvisional,
    };

    private static ScopeData? Scope(PlanScorecard card, ReportTarget target)
    {
        switch (target.Scope)
        {
            case ReportScope.Section:
                var section = card.Categories.FirstOrDefault(g => string.Equals(g.Code, target.Code, StringComparison.OrdinalIgnoreCase));
                return section is null ? null : new ScopeData($"Sezione: {section.Name}", section.Attainment, section.Objectives);
            case ReportScope.Directorate:
                var directorate = card.Directorates.FirstOrDefault(g => string.Equals(g.Code, target.Code, StringComparison.OrdinalIgnoreCase));
                if (directorate is not null)
                {
                    return new ScopeData(directorate.Name, directorate.Attainment, directorate.Objectives);
                }

                // A Direzione without objectives in this plan: an empty report, scored as the rule book scores nothing.
                var name = card.Plan.Objectives.Select(o => o.Directorate).FirstOrDefault(d => d?.Id == target.DirectorateId)?.Name ?? target.Code!;
                return new ScopeData(name, AttainmentRules.Aggregate(name, [], card.Plan.Methodology), []);
            default:
                return new ScopeData(null, card.Overall, card.Objectives);
        }
    }

    private static List<ReportSummary> Summaries(PlanScorecard card, ScopeData scope)
    {
        if (scope.Title is null)
        {
            return
            [
                Summary("Grado di raggiungimento per sezione", "Sezione", card.Categories),
                Summary("Grado di raggiungimento per area strategica", "Area strategica", card.Areas),
                Summary("Grado di raggiungimento per Direzione", "Direzione", card.Directorates),
            ];
        }

        return
        [
            new ReportSummary(
                "Grado di raggiungimento per obiettivo",
                "Obiettivo",
                scope.Objectives.Select(o => new ReportGroupSummary(o.Objective.Title, 1, Score(ScoreViewModel.From(o.Attainment)))).ToList()),
        ];
    }

    private static ReportSummary Summary(string title, string firstColumn, IReadOnlyList<GroupScore> groups) =>
        new(title, firstColumn, groups.Where(g => g.Objectives.Count > 0)
            .Select(g => new ReportGroupSummary(g.Name, g.Objectives.Count, Score(ScoreViewModel.From(g.Attainment)))).ToList());

    /// <summary>Section by section; inside a section, part by strategic area, else by Direzione, else one part.</summary>
    private static List<ReportChapter> Chapters(PlanScorecard card, IReadOnlyList<ObjectiveScore> objectives)
    {
        var plan = card.Plan;
        var areas = plan.Areas.ToDictionary(a => a.Id);
        var chapters = new List<ReportChapter>();
        foreach (var section in card.Categories)
        {
            var category = plan.Categories.First(c => c.Code == section.Code);
            var inScope = objectives.Where(o => o.Objective.CategoryId == category.Id).ToList();
            if (inScope.Count == 0)
            {
                continue;
            }

            List<ReportPart> parts;
            if (inScope.Any(o => o.Objective.AreaId is not null))
            {
                parts = inScope.GroupBy(o => o.Objective.AreaId)
                    .OrderBy(g => g.Key is int id ? areas[id].SortOrder : int.MaxValue)
                    .Select(g => Part(g.Key is int id ? areas[id].Name : null, g.Key is int a ? card.Areas.First(x => x.Code == areas[a].Code) : null, g.ToList(), card))
                    .ToList();
            }
            else if (inScope.Any(o => o.Objective.Directorate is not null))
            {
                parts = inScope.GroupBy(o => o.Objective.DirectorateId)
                    .Select(g => (Name: g.First().Objective.Directorate?.Name, Objectives: g.ToList()))
                    .OrderBy(g => g.Name is null ? 1 : 0).ThenBy(g => g.Name, StringComparer.Ordinal)
                    .Select(g => Part(g.Name, card.Directorates.FirstOrDefault(d => d.Name == g.Name), g.Objectives, card))
                    .ToList();
            }
            else
            {
                parts = [Part(null, null, inScope, card)];
            }

            chapters.Add(new ReportChapter(section.Name, Score(ScoreViewModel.From(section.Attainment)), parts));
        }

        return chapters;
    }

    /// <summary>A part, with its group's portal score only when the part holds exactly that group's objectives.</summary>
    private static ReportPart Part(string? title, GroupScore? group, List<ObjectiveScore> objectives, PlanScorecard card)
    {
        var sameObjectives = group is not null && group.Objectives.Count == objectives.Count && group.Objectives.All(objectives.Contains);
        return new ReportPart(
            title,
            sameObjectives ? Score(ScoreViewModel.From(group!.Attainment)) : null,
            objectives.Select(o => Objective(o, card)).ToList());
    }

    private static ReportObjective Objective(ObjectiveScore score, PlanScorecard card)
    {
        var o = score.Objective;
        var plan = card.Plan;
        var groups = new List<(string? Label, List<ReportKpi> Kpis)>();
        foreach (var k in score.Kpis)
        {
            var kpi = Kpi(k);
            if (groups.Count > 0 && groups[^1].Label == k.Kpi.Group)
            {
                groups[^1].Kpis.Add(kpi);
            }
            else
            {
                groups.Add((k.Kpi.Group, [kpi]));
            }
        }

        return new ReportObjective(
            o.Code,
            o.Title,
            o.Directorate?.Name ?? "Ente (obiettivo trasversale)",
            plan.Categories.First(c => c.Id == o.CategoryId).Name,
            plan.Areas.FirstOrDefault(a => a.Id == o.AreaId)?.Name,
            ItalianValues.FormatNumber(o.Weight),
            Score(ScoreViewModel.From(score.Attainment)),
            score.Attainment.Explanation.Formula,
            groups.Select(g => new ReportKpiGroup(g.Label, g.Kpis)).ToList(),
            Narrative(o.Narrative),
            o.DataSourceNote);
    }

    /// <summary>The narrative as the pages read it (<see cref="NarrativeText"/>), as blocks of the report.</summary>
    public static List<ReportNarrativeBlock> Narrative(string? text) => Narrative(NarrativeText.Parse(text));

    /// <summary>Narrative blocks already read (<see cref="NarrativeText.Parse"/>) as blocks of the report.</summary>
    public static List<ReportNarrativeBlock> Narrative(IReadOnlyList<NarrativeBlock> blocks) =>
        blocks.Select(b => new ReportNarrativeBlock(b.Text, b.Items, b.Kind == NarrativeBlockKind.NumberedList)).ToList();

    private static ReportKpi Kpi(KpiScore k) => new(
        k.Kpi.Code,
        k.Kpi.Name,
        ItalianValues.FormatNumber(k.Kpi.Weight),
        k.Kpi.TargetText,
        k.ActualDisplay,
        ObjectiveService.ParsedActual(k.Kpi, k.Counted),
        Score(ScoreViewModel.From(k.Attainment)),
        k.Result?.Justification,
        k.Attainment.Explanation.Method,
        k.Attainment.Explanation.Formula)
    {
        Override = OverrideViewModel.From(k.Attainment) is { } o
            ? new ReportOverride(o.ComputedDisplay, o.OverrideDisplay, o.Reason, OverrideViewModel.Decider, o.ApprovedOn)
            : null,
    };

    /// <summary>The plan's formula for lower-is-better KPIs, as the consuntivo and the history name it.</summary>
    public static string FormulaLabel(LowerIsBetterFormula formula) => formula == LowerIsBetterFormula.Linear
        ? "«lineare»: avanzamento = (2 × target − valore raggiunto) / target"
        : "«rapporto»: avanzamento = target / valore raggiunto";

    private static ReportMethodology Methodology(PerformancePlan plan) => new(
        FormulaLabel(plan.LowerIsBetterFormula),
        $"Fasce di stato: 100 raggiunto; da {ItalianValues.FormatNumber(plan.PartiallyAchievedFrom)} a meno di 100 parzialmente raggiunto; sotto {ItalianValues.FormatNumber(plan.PartiallyAchievedFrom)} non raggiunto; senza valore non rilevato");

    private static string Slug(string code) => code.Trim().ToLowerInvariant();

    private static async Task<string?> FindCaseInsensitiveAsync(IQueryable<string> codes, string? code, CancellationToken cancellationToken) =>
        (await codes.ToListAsync(cancellationToken)).FirstOrDefault(c => string.Equals(c, code, StringComparison.OrdinalIgnoreCase));

    private sealed record ScopeData(string? Title, AggregateAttainment Score, IReadOnlyList<ObjectiveScore> Objectives);
}

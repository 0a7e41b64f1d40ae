using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Collection;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Monitoring;

/// <param name="Confirmer">For a result awaiting confirmation, who may confirm it (the four-eyes rule included).</param>
public sealed record BoardItem(string ObjectiveCode, string ObjectiveTitle, string KpiName, string State, string? Comment, string Url, string? Confirmer = null);

/// <summary>
/// A Direzione's counts in the period (<paramref name="Code"/>: its code, or <see cref="CollectionService.EnteCode"/> for
/// the objectives without one); <paramref name="Unmeasurable"/> are the KPIs declared non rilevabile (final period only),
/// never chased. <paramref name="Url"/> opens the board on its list of what to chase.
/// </summary>
public sealed record BoardRow(string Code, string Directorate, int ToCollect, int Entered, int Returned, int Confirmed, int Unmeasurable, string Url, bool Selected)
{
    /// <summary>Results missing, awaiting confirmation or returned: what the planning office chases.</summary>
    public int ToChase => ToCollect + Entered + Returned;

    /// <summary>The Direzione's id (null for the Ente) for the query of its list.</summary>
    internal int? DirectorateId { get; init; }
}

/// <summary>One page of one Direzione's results to chase, in plan order (section, objective, KPI).</summary>
public sealed record BoardChase(string Directorate, IReadOnlyList<BoardItem> Items, ListPage Page);

/// <param name="Error">Why the Direzione or page asked for is not shown (an Italian sentence), else null.</param>
public sealed record BoardViewModel(PlanHeaderViewModel Header, IReadOnlyList<BoardRow> Rows, bool IsPeriodOpen, BoardChase? Chase, string? Error);

/// <summary>
/// The planning office's board: per Direzione, what is missing, returned or unconfirmed in a period (counted in SQL),
/// and the list of what to chase of one Direzione at a time, paged. It needs no score: it reads result states only,
/// with a fixed number of queries whatever the size of the plan (<c>MonitoringBoardTests</c>).
/// </summary>
public sealed class MonitoringService(AppDbContext db)
{
    /// <summary>The name of the row of the objectives without a Direzione.</summary>
    public const string EnteName = "Ente (obiettivi trasversali)";

    /// <summary>The board of <paramref name="year"/>; null when there is no such plan or period (404).</summary>
    public async Task<BoardViewModel?> BoardAsync(int year, string? periodCode, string? directorateCode, string? pageText, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().AsSplitQuery().Include(p => p.Periods).Include(p => p.Validations)
            .FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        if (plan is null || await PeriodAsync(plan, periodCode, cancellationToken) is not { } period)
        {
            return null;
        }

        var rows = await RowsAsync(plan, period, cancellationToken);
        string? error = null;
        var selected = string.IsNullOrWhiteSpace(directorateCode)
            ? rows.FirstOrDefault(r => r.ToChase > 0)
            : rows.FirstOrDefault(r => string.Equals(r.Code, directorateCode.Trim(), StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(directorateCode) && selected is null)
        {
            error = $"La Direzione «{Echo(directorateCode)}» non ha obiettivi nel piano {year}: scegliere una Direzione dalla tabella.";
        }

        var page = 1;
        if (!string.IsNullOrWhiteSpace(pageText)
            && !(int.TryParse(pageText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out page) && page >= 1))
        {
            error ??= $"«{Echo(pageText)}» non è un numero di pagina: è mostrata la prima pagina.";
            page = 1;
        }

        BoardChase? chase = null;
        if (selected is not null)
        {
            var pages = ListPage.Count(selected.ToChase);
            if (page > pages)
            {
                error ??= $"La pagina {page.ToString(CultureInfo.InvariantCulture)} non esiste: {(pages == 1 ? "c'è una sola pagina" : $"le pagine sono {pages.ToString(CultureInfo.InvariantCulture)}")}, è mostrata l'ultima.";
                page = pages;
            }

            var items = selected.ToChase > 0 ? await ChaseAsync(plan, period, selected, page, cancellationToken) : [];
            chase = new BoardChase(selected.Directorate, items, ListPage.Of(page, selected.ToChase, p => BoardUrl(year, period.Code, selected.Code, p)));
        }

        return new BoardViewModel(
            PlanService.Header(plan, period),
            rows.Select(r => r with { Selected = ReferenceEquals(r, selected) }).ToList(),
            period.IsOpen,
            chase,
            error);
    }

    /// <summary>The board's address for a period, a Direzione and a page of its list (the first page has no number).</summary>
    public static string BoardUrl(int year, string periodCode, string directorateCode, int page = 1) =>
        $"{Links.MonitoringBoard(year)}?periodo={Uri.EscapeDataString(periodCode)}&direzione={Uri.EscapeDataString(directorateCode)}"
        + (page > 1 ? string.Create(CultureInfo.InvariantCulture, $"&pagina={page}") : string.Empty);

    /// <summary>Who may confirm a result: the Direttore of the owner Direzione, or the planning office for the Ente.</summary>
    public static string Confirmer(bool requireFourEyesReview, string? directorateName, string? recordedBy)
    {
        var who = directorateName is not null
            ? $"la conferma spetta al Direttore della {directorateName}"
            : "la conferma spetta all'Ufficio Pianificazione";
        return requireFourEyesReview && !string.IsNullOrWhiteSpace(recordedBy)
            ? directorateName is null
                ? $"la conferma spetta a un altro utente dell'Ufficio Pianificazione (non a {recordedBy}, che l'ha inserito)"
                : $"{who} (non a {recordedBy}, che l'ha inserito)"
            : who;
    }

    /// <summary>
    /// The period asked for; without one, the open period the result form opens (the earliest open), else the latest
    /// period with results, else the final (or latest) one.
    /// </summary>
    private async Task<MonitoringPeriod?> PeriodAsync(PerformancePlan plan, string? periodCode, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(periodCode))
        {
            return plan.PeriodWithCode(periodCode);
        }

        if (plan.EarliestOpenPeriod is { } open)
        {
            return open;
        }

        var periodIds = plan.Periods.Select(p => p.Id).ToList();
        var withResults = await db.KpiResults.Where(r => periodIds.Contains(r.PeriodId)).Select(r => r.PeriodId).Distinct().ToListAsync(cancellationToken);
        return plan.DefaultPeriod(p => withResults.Contains(p.Id));
    }

    /// <summary>The KPIs of the plan counted by Direzione, declaration and result state in this period, in one grouped query.</summary>
    private async Task<IReadOnlyList<BoardRow>> RowsAsync(PerformancePlan plan, MonitoringPeriod period, CancellationToken cancellationToken)
    {
        var counts = await (
                from k in db.Kpis.Where(k => k.Objective!.PlanId == plan.Id)
                join r in db.KpiResults.Where(r => r.PeriodId == period.Id) on k.Id equals r.KpiId into results
                from r in results.DefaultIfEmpty()
                group k by new { k.Objective!.DirectorateId, Declared = k.UnmeasurableReason != null, Status = (ResultStatus?)r!.Status } into g
                select new { g.Key.DirectorateId, g.Key.Declared, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var ids = counts.Where(c => c.DirectorateId is not null).Select(c => c.DirectorateId!.Value).Distinct().ToList();
        var directorates = await db.Directorates.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Code, d.Name }).ToDictionaryAsync(d => d.Id, cancellationToken);

        return counts
            .GroupBy(c => c.DirectorateId)
            .Select(g =>
            {
                var (code, name) = g.Key is int id ? (directorates[id].Code, directorates[id].Name) : (CollectionService.EnteCode, EnteName);

                // A KPI declared non rilevabile has no final result to collect or confirm (docs/attainment.md).
                var counted = g.Where(c => Kpi.Counts(period.IsFinal, c.Declared)).ToList();
                int Of(ResultStatus? status) => counted.Where(c => c.Status == status).Sum(c => c.Count);
                return new BoardRow(
                    code,
                    name,
                    Of(null),
                    Of(ResultStatus.Entered),
                    Of(ResultStatus.Returned),
                    Of(ResultStatus.Confirmed),
                    g.Sum(c => c.Count) - counted.Sum(c => c.Count),
                    BoardUrl(plan.Year, period.Code, code),
                    false) { DirectorateId = g.Key };
            })
            .OrderBy(r => r.Directorate, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One page of the Direzione's KPIs whose result is missing, entered or returned, in plan order.</summary>
    private async Task<IReadOnlyList<BoardItem>> ChaseAsync(PerformancePlan plan, MonitoringPeriod period, BoardRow row, int page, CancellationToken cancellationToken)
    {
        var directorateId = row.DirectorateId;
        var kpis = db.Kpis.Where(k => k.Objective!.PlanId == plan.Id && k.Objective.DirectorateId == directorateId);
        if (period.IsFinal)
        {
            // Kpi.Counts in SQL: a KPI declared non rilevabile is not measured in the final period.
            kpis = kpis.Where(k => k.UnmeasurableReason == null);
        }

        var items = await (
                from k in kpis
                join r in db.KpiResults.Where(r => r.PeriodId == period.Id) on k.Id equals r.KpiId into results
                from r in results.DefaultIfEmpty()
                where r == null || r.Status != ResultStatus.Confirmed
                orderby k.Objective!.Category!.SortOrder, k.Objective!.SortOrder, k.SortOrder
                select new { k.Objective!.Code, k.Objective.Title, k.Name, Status = (ResultStatus?)r!.Status, r.ReviewComment, r.RecordedBy })
            .Skip((page - 1) * DashboardFilter.ListSize)
            .Take(DashboardFilter.ListSize)
            .ToListAsync(cancellationToken);
        var directorateName = directorateId is null ? null : row.Directorate;
        return items.Select(i => new BoardItem(
                i.Code,
                i.Title,
                i.Name,
                ResultText.StatusLabel(i.Status),
                i.Status == ResultStatus.Returned ? i.ReviewComment : null,
                Links.Results(plan.Year, i.Code, period.Code),
                i.Status == ResultStatus.Entered ? Confirmer(plan.RequireFourEyesReview, directorateName, i.RecordedBy) : null))
            .ToList();
    }

    /// <summary>A value typed in the address, as the message repeats it (at most 40 characters).</summary>
    private static string Echo(string value) => value.Trim() is { Length: > 40 } text ? text[..40] + "…" : value.Trim();
}

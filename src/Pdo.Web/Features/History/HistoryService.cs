using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Features.History;

public sealed record HistoryRow(string When, string User, string What, string Field, string? OldValue, string? NewValue, string? Reason);

/// <param name="MergedRows">How many rows that only repeat the value as written are not shown (they stay in the Registro).</param>
public sealed record HistoryViewModel(int Year, string ObjectiveCode, string Title, string? KpiCode, IReadOnlyList<HistoryRow> Rows, string BackUrl, int MergedRows = 0);

/// <summary>The Registro's filters as typed in the URL: <c>anno</c>, <c>utente</c>, <c>tipo</c>, <c>testo</c>, <c>obiettivo</c>, <c>dal</c>, <c>al</c>, <c>pagina</c>.</summary>
public sealed record AuditFilter(int? Year, string? User, string? Entity, string? Text, int Page, string? Objective = null, string? From = null, string? To = null)
{
    /// <summary>The Registro's address with these filters on page <paramref name="page"/>.</summary>
    public string Url(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }

        Add("anno", Year?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("utente", User);
        Add("tipo", Entity);
        Add("obiettivo", Objective);
        Add("dal", From);
        Add("al", To);
        Add("testo", Text);
        Add("pagina", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/amministrazione/registro?" + string.Join("&", query);
    }
}

public sealed record AuditSearchViewModel(
    AuditFilter Filter, IReadOnlyList<HistoryRow> Rows, int Total, int Page, int Pages, IReadOnlyList<string> EntityTypes, IReadOnlyList<string> Errors);

/// <summary>The "Storico" of an objective or KPI and the administrators' audit search, read from the audit trail.</summary>
public sealed class HistoryService(AppDbContext db)
{
    public const int PageSize = 50;

    public static IReadOnlyDictionary<string, string> EntityLabels => AuditLabels.Entities;

    public async Task<HistoryViewModel?> ObjectiveAsync(int year, string code, CancellationToken cancellationToken)
    {
        var objective = await db.Objectives.AsNoTracking()
            .Where(o => o.Code == code && db.Plans.Any(p => p.Id == o.PlanId && p.Year == year))
            .Select(o => new { o.Code, o.Title })
            .FirstOrDefaultAsync(cancellationToken);
        if (objective is null)
        {
            return null;
        }

        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PlanYear == year && a.ObjectiveCode == objective.Code)
            .OrderByDescending(a => a.Id)
            .Take(1_000)
            .ToListAsync(cancellationToken);
        var shown = WithoutRepeatedValues(rows);
        var references = await ReferencesAsync(shown, cancellationToken);
        return new HistoryViewModel(
            year, objective.Code, objective.Title, null, shown.Select(a => Row(a, references)).ToList(), Links.Objective(year, objective.Code), rows.Count - shown.Count);
    }

    public async Task<HistoryViewModel?> KpiAsync(int year, string code, string kpiCode, CancellationToken cancellationToken)
    {
        var kpi = await db.Kpis.AsNoTracking()
            .Where(k => k.Code == kpiCode && k.Objective!.Code == code && k.Objective.Plan!.Year == year)
            .Select(k => new { k.Code, k.Name, ObjectiveCode = k.Objective!.Code })
            .FirstOrDefaultAsync(cancellationToken);
        if (kpi is null)
        {
            return null;
        }

        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PlanYear == year && a.ObjectiveCode == kpi.ObjectiveCode && a.KpiCode == kpi.Code)
            .OrderByDescending(a => a.Id)
            .Take(1_000)
            .ToListAsync(cancellationToken);
        var shown = WithoutRepeatedValues(rows);
        return new HistoryViewModel(
            year, kpi.ObjectiveCode, kpi.Name, kpi.Code, shown.Select(a => Row(a, null)).ToList(), $"{Links.Objective(year, kpi.ObjectiveCode)}#kpi-{kpi.Code}", rows.Count - shown.Count);
    }

    public async Task<AuditSearchViewModel> SearchAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking().AsQueryable();
        if (filter.Year is int year)
        {
            query = query.Where(a => a.PlanYear == year);
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.Where(a => a.UserName.Contains(user));
        }

        if (!string.IsNullOrWhiteSpace(filter.Entity) && EntityLabels.ContainsKey(filter.Entity))
        {
            query = query.Where(a => a.EntityType == filter.Entity);
        }

        if (!string.IsNullOrWhiteSpace(filter.Objective))
        {
            var objective = filter.Objective.Trim();
            query = query.Where(a => a.ObjectiveCode == objective);
        }

        var errors = new List<string>();
        var from = Day(filter.From, "Dal", errors);
        var to = Day(filter.To, "Al", errors);
        if (from is DateOnly first && to is DateOnly last && first > last)
        {
            errors.Add($"La data «Dal» ({filter.From!.Trim()}) viene dopo la data «Al» ({filter.To!.Trim()}): nessuna modifica può cadere tra le due.");
        }

        if (from is DateOnly start)
        {
            var since = RomeTime.StartOfDay(start);
            query = query.Where(a => a.OccurredAt >= since);
        }

        if (to is DateOnly end)
        {
            var before = RomeTime.StartOfDay(end.AddDays(1));
            query = query.Where(a => a.OccurredAt < before);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(a => a.EntityKey.Contains(text) || a.Field.Contains(text) || (a.NewValue != null && a.NewValue.Contains(text))
                || (a.OldValue != null && a.OldValue.Contains(text)) || (a.Reason != null && a.Reason.Contains(text)));
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await query.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var references = await ReferencesAsync(rows, cancellationToken);
        return new AuditSearchViewModel(filter, rows.Select(a => Row(a, references)).ToList(), total, page, pages, [.. EntityLabels.Keys], errors);
    }

    /// <summary>A day of the date filter, typed gg/mm/aaaa and read by the Italian parser; null when blank or not a date (then an Italian error).</summary>
    private static DateOnly? Day(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (ItalianValues.Parse(text).Value is { Kind: ValueKind.Date, Date: DateOnly date })
        {
            return date;
        }

        errors.Add($"La data «{name}» non è valida («{text.Trim()}»): scriverla come gg/mm/aaaa, es. 31/12/2019. Il filtro per data non è applicato.");
        return null;
    }

    /// <summary>
    /// The rows of a Storico without those that only repeat, in the same change, a result's value as written: the number
    /// (or SI/NO, or completion date) read from «Valore raggiunto» (<see cref="AuditLabels.RepeatsTheValueAsWritten"/>).
    /// </summary>
    private static List<AuditEntry> WithoutRepeatedValues(List<AuditEntry> rows)
    {
        var written = rows.Where(a => a.EntityType == nameof(Domain.Plans.KpiResult) && a.Field == AuditLabels.ValueAsWritten)
            .Select(a => (a.OccurredAt, a.EntityKey))
            .ToHashSet();
        return rows.Where(a => !(AuditLabels.RepeatsTheValueAsWritten(a.EntityType, a.Field) && written.Contains((a.OccurredAt, a.EntityKey)))).ToList();
    }

    /// <summary>"Code – Name" of the sections, areas and Direzioni whose ids the rows hold (<see cref="AuditLabels.ReferencedEntity"/>).</summary>
    private async Task<IReadOnlyDictionary<(string Entity, int Id), string>> ReferencesAsync(IReadOnlyCollection<AuditEntry> rows, CancellationToken cancellationToken)
    {
        var ids = rows
            .Where(a => AuditLabels.ReferencedEntity(a.EntityType, a.Field) is not null)
            .SelectMany(a => new[] { a.OldValue, a.NewValue }.Select(v => (Entity: AuditLabels.ReferencedEntity(a.EntityType, a.Field)!, Value: v)))
            .Select(x => (x.Entity, Id: int.TryParse(x.Value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : (int?)null))
            .Where(x => x.Id is not null)
            .GroupBy(x => x.Entity, x => x.Id!.Value)
            .ToDictionary(g => g.Key, g => g.Distinct().ToList());
        var names = new Dictionary<(string Entity, int Id), string>();
        async Task AddAsync(string entity, Func<List<int>, IQueryable<Named>> query)
        {
            if (ids.TryGetValue(entity, out var wanted))
            {
                foreach (var n in await query(wanted).ToListAsync(cancellationToken))
                {
                    names[(entity, n.Id)] = $"{n.Code} – {n.Name}";
                }
            }
        }

        await AddAsync(nameof(Domain.Plans.ObjectiveCategory), w => db.Categories.AsNoTracking().Where(c => w.Contains(c.Id)).Select(c => new Named(c.Id, c.Code, c.Name)));
        await AddAsync(nameof(Domain.Plans.StrategicArea), w => db.Areas.AsNoTracking().Where(a => w.Contains(a.Id)).Select(a => new Named(a.Id, a.Code, a.Name)));
        await AddAsync(nameof(Domain.Plans.Directorate), w => db.Directorates.AsNoTracking().Where(d => w.Contains(d.Id)).Select(d => new Named(d.Id, d.Code, d.Name)));
        return names;
    }

    private sealed record Named(int Id, string Code, string Name);

    private static HistoryRow Row(AuditEntry a, IReadOnlyDictionary<(string Entity, int Id), string>? references) => new(
        RomeTime.Format(a.OccurredAt),
        a.UserName,
        $"{AuditLabels.Entity(a.EntityType)} {a.EntityKey}" + a.Action switch
        {
            AuditAction.Created => " (creato)",
            AuditAction.Deleted => " (eliminato)",
            _ => string.Empty,
        },
        AuditLabels.Field(a.EntityType, a.Field),
        AuditLabels.Value(a.EntityType, a.Field, a.OldValue, references),
        AuditLabels.Value(a.EntityType, a.Field, a.NewValue, references),
        a.Reason);
}

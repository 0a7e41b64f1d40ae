using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Pdo.Web.Features.OpenData;

/// <summary>Open data of approved plans: one row per KPI of the final period (the consuntivo).</summary>
public sealed class OpenDataService(
    AppDbContext db, ScorecardService scorecards, DashboardCache cache, OpenDataFiles files, IOptions<EnteSettings> ente, PublicAddress address)
{
    /// <summary>How open data's JSON files are written (the dataset and the catalogue): indented, UTF-8 letters as they are.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The dataset's identifier as the catalogue names it: <c>{IpaCode}:pdo-{anno}</c>.</summary>
    public static string DatasetIdentifier(string ipaCode, int year) => $"{ipaCode}:pdo-{year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The title of an approved plan's dataset, in the JSON file and the catalogue.</summary>
    public static string DatasetTitle(int year) => $"Piano degli Obiettivi {year.ToString(CultureInfo.InvariantCulture)}: consuntivo dei KPI";

    /// <summary>
    /// The file of the approved plan of <paramref name="year"/> in <paramref name="format"/>; null when there is no approved
    /// plan. Built from the plan's snapshot (scores, results, structure) and one flat projection of the KPIs' other display
    /// fields, then kept with that snapshot (<see cref="OpenDataFiles"/>): the next request for it sends no query (at
    /// most the snapshot's stamp check), the first one after a change to the plan builds it again.
    /// </summary>
    public async Task<byte[]?> FileAsync(int year, OpenDataFormat format, CancellationToken cancellationToken)
    {
        var snapshot = (await cache.WithPlanAsync(db, year, cancellationToken)).FirstOrDefault(s => s.Year == year);
        if (snapshot is not { Status: PlanStatus.Approved })
        {
            return null;
        }

        var built = files.For(snapshot);
        if (built.TryGetValue(format, out var bytes))
        {
            return bytes;
        }

        if (await RowsAsync(snapshot, cancellationToken) is not { } rows)
        {
            return null;
        }

        bytes = format switch
        {
            OpenDataFormat.Csv => ToCsvBytes(rows, CsvDialect.Rfc4180),
            OpenDataFormat.ExcelCsv => ToCsvBytes(rows, CsvDialect.Excel),
            _ => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
                new OpenDataFile(
                    DatasetIdentifier(ente.Value.IpaCode, year),
                    DatasetTitle(year),
                    ente.Value.Name,
                    ente.Value.IpaCode,
                    OpenDataLicense.Url,
                    OpenDataLicense.Name,
                    address.Link("/opendata/dizionario.csv"),
                    rows),
                JsonOptions),
        };
        return built.GetOrAdd(format, bytes);
    }

    private static readonly CultureInfo ItalianNumbers = CultureInfo.GetCultureInfo("it-IT");

    public async Task<OpenDataIndexViewModel> IndexAsync(CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking()
            .Where(p => p.Status == PlanStatus.Approved)
            .OrderByDescending(p => p.Year)
            .Select(p => new { p.Year, p.Title, p.ApprovalAct, Kpis = p.Objectives.SelectMany(o => o.Kpis).Count() })
            .ToListAsync(cancellationToken);
        // The consuntivo's headline as every page shows it: «Provvisorio — 30 KPI rilevati su 35» below full coverage.
        var snapshots = (await cache.AllAsync(db, cancellationToken)).ToDictionary(s => s.Year);
        return new OpenDataIndexViewModel(plans.Select(p => new OpenDataset(
            p.Year,
            p.Title,
            p.ApprovalAct is { } act ? PlanService.ApprovalText(act) : string.Empty,
            $"/opendata/pdo-{p.Year}.csv",
            $"/opendata/pdo-{p.Year}-excel.csv",
            $"/opendata/pdo-{p.Year}.json",
            p.Kpis,
            snapshots.TryGetValue(p.Year, out var s) && s.Periods.FirstOrDefault(x => x.IsFinal) is { } final
                ? ScoreViewModel.From(s.Overall(final.Id)).StatusLabel
                : string.Empty)).ToList(), ente.Value.Name);
    }

    /// <summary>
    /// The DCAT-AP_IT catalogue (JSON-LD) of the approved plans: issued is the approval act's date, modified the day of
    /// the plan's last audited change (never before the approval).
    /// </summary>
    public async Task<System.Text.Json.Nodes.JsonObject> CatalogueAsync(CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking()
            .Where(p => p.Status == PlanStatus.Approved)
            .OrderByDescending(p => p.Year)
            .Select(p => new { p.Year, p.Title, p.ApprovalAct, Kpis = p.Objectives.SelectMany(o => o.Kpis).Count() })
            .ToListAsync(cancellationToken);
        var years = plans.Select(p => (int?)p.Year).ToList();
        var lastIds = await db.AuditEntries.Where(a => years.Contains(a.PlanYear))
            .GroupBy(a => a.PlanYear).Select(g => g.Max(a => a.Id)).ToListAsync(cancellationToken);
        var lastChanges = (await db.AuditEntries.Where(a => lastIds.Contains(a.Id)).Select(a => new { a.PlanYear, a.OccurredAt }).ToListAsync(cancellationToken))
            .ToDictionary(a => a.PlanYear!.Value, a => RomeTime.Today(a.OccurredAt));
        var datasets = plans.Select(p =>
        {
            var issued = p.ApprovalAct?.Date ?? new DateOnly(p.Year, 12, 31);
            var modified = lastChanges.TryGetValue(p.Year, out var changed) && changed > issued ? changed : issued;
            return new CatalogueDataset(p.Year, p.Title, issued, modified, p.Kpis);
        }).ToList();
        var settings = ente.Value;
        return DcatCatalogue.Build(settings.Name, settings.IpaCode, settings.ContactEmail, address.Link, datasets);
    }

    /// <summary>
    /// The rows of the plan's consuntivo (its final period), in the plan's order: the snapshot's scores and results (the
    /// full attainment only for a forced score), the KPIs' group and «non rilevabile» reason read flat; null without a
    /// final period.
    /// </summary>
    private async Task<IReadOnlyList<OpenDataRow>?> RowsAsync(PlanSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (snapshot.Periods.FirstOrDefault(p => p.IsFinal) is not { } final)
        {
            return null;
        }

        var displays = await KpiDisplay.ReadAsync(db, snapshot.PlanId, null, cancellationToken);
        var categories = snapshot.Categories.ToDictionary(c => c.Id, c => c.Name);
        var areas = snapshot.Areas.ToDictionary(a => a.Id, a => a.Name);
        var cells = snapshot.Scores(final.Id);
        var rows = new List<OpenDataRow>(snapshot.Kpis.Count);
        foreach (var o in snapshot.ObjectiveOrder.Select(i => snapshot.Objectives[i]))
        {
            foreach (var index in snapshot.KpisByObjective.GetValueOrDefault(o.Id, []))
            {
                var k = snapshot.Kpis[index];
                if (!displays.TryGetValue(k.Id, out var display))
                {
                    continue;
                }

                var cell = cells[index];
                var forced = cell.Overridden ? snapshot.Attainment(final.Id, k.Id) : null;
                rows.Add(new OpenDataRow(
                    snapshot.Year,
                    categories[o.CategoryId],
                    o.AreaId is int areaId ? areas[areaId] : null,
                    o.DirectorateId is int d ? snapshot.Directorates[d].Name : null,
                    o.Code,
                    o.Title,
                    k.Code,
                    k.Name,
                    display.Group,
                    Unit(k.Spec),
                    Comparator(k.Spec),
                    Target(k.Spec),
                    Actual(snapshot.Result(final.Id, k.Id)?.Measurement),
                    Rounded(cell.Score),
                    Status(cell.Status),
                    k.Weight,
                    Kpi.Counts(final.IsFinal, k.Unmeasurable) ? null : display.UnmeasurableReason)
                {
                    ComputedScore = forced is null ? Rounded(cell.Score) : ComputedScore(forced),
                    OverrideScore = forced?.Override?.Score,
                    OverrideReason = forced?.Override?.Reason,
                    OverrideDecidedByRole = forced is null ? null : Roles.Label(Roles.Evaluator),
                    OverrideDecidedAt = forced?.Override?.ApprovedAt,
                });
            }
        }

        return rows;
    }

    /// <summary>A score rounded as the pages show it (one decimal); null when not measured.</summary>
    public static decimal? Rounded(decimal? score) => score is decimal s ? AttainmentRules.RoundForDisplay(s) : null;

    /// <summary>
    /// The scorecard of the approved plan of <paramref name="year"/> for its final period (the consuntivo), from the one
    /// scoring read path; null when the year has no approved plan. Open data and the API read approved plans through it.
    /// </summary>
    public async Task<PlanScorecard?> ConsuntivoAsync(int year, CancellationToken cancellationToken)
    {
        if (!await IsApprovedAsync(year, cancellationToken))
        {
            return null;
        }

        var card = await scorecards.LoadAsync(year, null, cancellationToken);
        if (card?.Plan.FinalPeriod is not { } final)
        {
            return null;
        }

        return card.Period?.Id == final.Id ? card : card.In(final);
    }

    /// <summary>Whether the plan of <paramref name="year"/> exists and is approved: only those are public.</summary>
    public Task<bool> IsApprovedAsync(int year, CancellationToken cancellationToken) =>
        db.Plans.AsNoTracking().AnyAsync(p => p.Year == year && p.Status == PlanStatus.Approved, cancellationToken);

    /// <summary>
    /// The one CSV writer, in either <paramref name="dialect"/>: CRLF line ends, fields quoted when they hold the separator,
    /// a quote or a line break. Safe to open in a spreadsheet (OWASP CSV injection): a text field starting with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return, which Excel or LibreOffice would run as a formula,
    /// is written quoted with a leading <c>'</c>; a number such as <c>-1.5</c> and a lone <c>=</c> (the comparator of a
    /// SI/NO KPI) stay as they are. The dialect only changes the separator and the decimal mark of the numeric columns
    /// (year, target, actual, score, weight, computed_score, override_score); dates and times stay ISO 8601 in both.
    /// </summary>
    public static string ToCsv(IEnumerable<OpenDataRow> rows, CsvDialect? dialect = null)
    {
        var d = dialect ?? CsvDialect.Rfc4180;
        return WriteCsv(OpenDataRow.Columns, rows.Select(r => new string?[]
        {
            Invariant(r.Year), r.Category, r.Area, r.Directorate, r.ObjectiveCode, r.ObjectiveTitle, r.KpiCode, r.KpiName,
            r.KpiGroup, r.Unit, r.Comparator, d.Measure(r.Target), d.Measure(r.Actual), r.Score is decimal s ? d.Measure(Invariant(s)) : null,
            r.Status, d.Measure(Invariant(r.Weight)), r.UnmeasurableReason,
            r.ComputedScore is decimal c ? d.Measure(Invariant(c)) : null, r.OverrideScore is decimal o ? d.Measure(Invariant(o)) : null,
            r.OverrideReason, r.OverrideDecidedByRole, r.OverrideDecidedAt is { } decidedAt ? IsoUtc(decidedAt) : null,
        }), d);
    }

    /// <summary>
    /// The one CSV writer of open data (the dataset and its dictionary): one header row, one record per row, CRLF,
    /// each field made safe by <see cref="Quote"/> for <paramref name="dialect"/>'s separator.
    /// </summary>
    public static string WriteCsv(IEnumerable<string> header, IEnumerable<string?[]> records, CsvDialect dialect)
    {
        var separator = dialect.Separator.ToString();
        var csv = new StringBuilder();
        csv.Append(string.Join(separator, header)).Append("\r\n");
        foreach (var fields in records)
        {
            csv.Append(string.Join(separator, fields.Select(f => Quote(f, dialect.Separator)))).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>The file's bytes: UTF-8, with the byte order mark when the dialect asks for it (Excel reads UTF-8 only then).</summary>
    public static byte[] ToCsvBytes(IEnumerable<OpenDataRow> rows, CsvDialect dialect)
    {
        var text = Encoding.UTF8.GetBytes(ToCsv(rows, dialect));
        return dialect.ByteOrderMark ? [.. Encoding.UTF8.Preamble, .. text] : text;
    }

    private static string Quote(string? field, char separator)
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        if (IsFormula(field))
        {
            return $"\"'{field.Replace("\"", "\"\"")}\"";
        }

        return field.IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
    }

    /// <summary>
    /// Whether a spreadsheet would read the field as a formula: a leading = + - @ tab or CR, unless it is a negative
    /// number or that one character alone (the comparator column's <c>=</c> carries no formula and stays as published).
    /// </summary>
    private static bool IsFormula(string field) => field.Length > 1 && field[0] switch
    {
        '=' or '+' or '@' or '\t' or '\r' => true,
        '-' => !decimal.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            && !decimal.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, ItalianNumbers, out _),
        _ => false,
    };

    private static string Invariant(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The unit as the open data and the spreadsheets write it: «%», «minuti», «giorni» or the KPI's own unit.</summary>
    public static string? Unit(KpiSpec kpi) => kpi.ValueKind switch
    {
        ValueKind.Percent => "%",
        ValueKind.Minutes => "minuti",
        ValueKind.Days => "giorni",
        _ => kpi.Unit.Length == 0 ? null : kpi.Unit,
    };

    /// <summary>The comparator as open data writes it: >=, >, <=, <, = (SI/NO); <= for a deadline.</summary>
    public static string Comparator(KpiSpec kpi) => kpi.Kind switch
    {
        KpiKind.Boolean => "=",
        KpiKind.Deadline => "<=",
        _ => kpi.Comparator switch
        {
            Domain.Attainment.Comparator.AtLeast => ">=",
            Domain.Attainment.Comparator.GreaterThan => ">",
            Domain.Attainment.Comparator.AtMost => "<=",
            Domain.Attainment.Comparator.LessThan => "<",
            _ => "=",
        },
    };

    /// <summary>The target as open data writes it: a dot-decimal number, an ISO date or SI.</summary>
    /// <summary>The rule book's own score of a KPI (also when an override replaced it), rounded as the pages show it; null when not measured.</summary>
    public static decimal? ComputedScore(KpiAttainment attainment) => Rounded(attainment.ComputedScore);

    /// <summary>A moment as open data and the API write it: ISO 8601 in UTC, to the second (<c>2020-04-10T09:30:00Z</c>).</summary>
    public static string IsoUtc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Target(KpiSpec kpi) => kpi.Kind switch
    {
        KpiKind.Boolean => "SI",
        KpiKind.Deadline => kpi.Deadline!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Invariant(kpi.Target!.Value),
    };

    /// <summary>The actual as open data writes it: a dot-decimal number, an ISO date or SI/NO; null without a result.</summary>
    public static string? Actual(Measurement? measurement) => measurement switch
    {
        null => null,
        { Value: decimal v } => Invariant(v),
        { CompletionDate: DateOnly d } => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        { Done: bool done } => done ? "SI" : "NO",
        _ => null,
    };

    /// <summary>The status code of open data: raggiunto, parzialmente_raggiunto, non_raggiunto, non_rilevato.</summary>
    public static string Status(AttainmentStatus status) => status switch
    {
        AttainmentStatus.Achieved => "raggiunto",
        AttainmentStatus.PartiallyAchieved => "parzialmente_raggiunto",
        AttainmentStatus.NotAchieved => "non_raggiunto",
        _ => "non_rilevato",
    };
}

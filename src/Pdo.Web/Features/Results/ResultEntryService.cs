using Microsoft.EntityFrameworkCore;
using Pdo.Domain;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Infrastructure;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Results;

/// <summary>
/// Result entry for one objective and one monitoring period: every field accepts Italian text, the server parses
/// and scores it (preview), asks for a justification below 100 and saves all or nothing, refusing lost updates.
/// </summary>
public sealed class ResultEntryService(AppDbContext db, TimeProvider clock, ILogger<ResultEntryService> logger)
{
    // The objective this request loaded (with its plan, periods, KPIs and results), for the authorization check and
    // then the form: one load per request (the service is scoped to it).
    private (int Year, string Code, Objective? Objective)? _loaded;

    /// <summary>
    /// The Direzione owning the objective (for the authorization check); null when there is no such objective. It loads
    /// the objective the form then shows or saves, so the request reads it once.
    /// </summary>
    public async Task<DirectorateResource?> ResourceAsync(int year, string code, CancellationToken cancellationToken) =>
        await ObjectiveAsync(year, code, cancellationToken) is { } objective ? new DirectorateResource(objective.DirectorateId) : null;

    public async Task<ResultEntryResult> ShowAsync(int year, string code, string? periodCode, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(year, code, periodCode, cancellationToken);
        if (loaded is null)
        {
            return new(ResultEntryOutcome.NotFound);
        }

        var (plan, objective, period) = loaded.Value;
        var lines = objective.Kpis.OrderBy(k => k.SortOrder).Select(k =>
        {
            var result = k.ResultFor(period);
            return new ResultEntryLine { KpiId = k.Id, Actual = result?.ActualText, Justification = result?.Justification, Version = result?.Version };
        }).ToList();
        return new(ResultEntryOutcome.Shown, BuildForm(plan, objective, period, lines, null, isPreview: false), PeriodCode: period.Code);
    }

    public async Task<ResultEntryResult> SubmitAsync(int year, string code, ResultEntryForm form, string user, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(year, code, form.Period, cancellationToken);
        if (loaded is null)
        {
            return new(ResultEntryOutcome.NotFound);
        }

        var (plan, objective, period) = loaded.Value;

        // Only this objective's KPIs, each once: anything else posted is ignored.
        var kpis = objective.Kpis.ToDictionary(k => k.Id);
        var lines = form.Lines.Where(l => kpis.ContainsKey(l.KpiId)).GroupBy(l => l.KpiId).Select(g => g.First()).ToList();
        var readings = lines.ToDictionary(l => l.KpiId, l => Read(kpis[l.KpiId], l, period));
        if (form.IsPreview)
        {
            // A preview only informs: a missing justification or confirmation is flagged as required, not as an error.
            readings = readings.ToDictionary(r => r.Key, r => r.Value with { JustificationError = null, ConfirmError = null });
        }

        var hasErrors = readings.Values.Any(r => r.ActualError is not null || r.JustificationError is not null || r.ConfirmError is not null);
        var readOnly = ReadOnlyReason(plan, period);
        if (hasErrors || form.IsPreview || readOnly is not null)
        {
            var model = BuildForm(plan, objective, period, lines, readings, isPreview: form.IsPreview && !hasErrors);
            return new(ResultEntryOutcome.Shown, model, PeriodCode: period.Code);
        }

        var now = clock.GetUtcNow();
        var conflicts = new List<(Kpi Kpi, ResultEntryLine Line)>();
        var recorded = 0;
        foreach (var line in lines)
        {
            var kpi = kpis[line.KpiId];
            var reading = readings[line.KpiId];
            var existing = kpi.ResultFor(period);
            if (reading.Measurement is null)
            {
                continue; // left blank: nothing to record
            }

            if (existing is not null && existing.ActualText == line.Actual!.Trim() && existing.Measurement == reading.Measurement
                && (existing.Justification ?? string.Empty) == (line.Justification?.Trim() ?? string.Empty))
            {
                continue; // unchanged
            }

            if ((existing is null && line.Version is not null) || (existing is not null && existing.Version != line.Version))
            {
                conflicts.Add((kpi, line));
                continue;
            }

            if (existing is not null)
            {
                // The version the user saw must still be the stored one when the row is updated (no lost update).
                db.Entry(existing).Property(r => r.Version).OriginalValue = line.Version!.Value;
            }

            try
            {
                kpi.RecordResult(period, line.Actual!.Trim(), reading.Measurement, line.Justification, user, now);
                recorded++;
            }
            catch (DomainRuleException ex)
            {
                var updated = new Dictionary<int, Reading>(readings) { [line.KpiId] = reading with { ActualError = ex.Message } };
                var model = BuildForm(plan, objective, period, lines, updated, isPreview: false);
                return new(ResultEntryOutcome.Shown, model, PeriodCode: period.Code);
            }
        }

        if (conflicts.Count > 0)
        {
            return new(ResultEntryOutcome.Conflict, Conflict: Conflict(plan, objective, period, conflicts, lines), PeriodCode: period.Code);
        }

        if (recorded == 0)
        {
            // Every field blank or as stored: nothing to save, nothing to confirm, no audit row.
            return new(ResultEntryOutcome.Unchanged, PeriodCode: period.Code);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Someone saved the same result between our read and our write (version changed, or first insert raced).
            logger.LogWarning("Result entry conflict on {Year}/{Objective} by {User}: {Reason}", year, code, user, ExpectedConflicts.Reason(ex));
            db.ChangeTracker.Clear();
            var fresh = await LoadAsync(year, code, period.Code, cancellationToken, again: true);
            var (_, freshObjective, freshPeriod) = fresh!.Value;
            var clashing = lines.Where(l => readings[l.KpiId].Measurement is not null)
                .Select(l => (freshObjective.Kpis.Single(k => k.Id == l.KpiId), l))
                .Where(x => x.Item1.ResultFor(freshPeriod)?.Version != x.l.Version)
                .ToList();
            return new(ResultEntryOutcome.Conflict, Conflict: Conflict(plan, freshObjective, freshPeriod, clashing, lines), PeriodCode: period.Code);
        }

        logger.LogInformation("Results of {Year}/{Objective} for {Period} saved by {User}", year, code, period.Code, user);
        return new(ResultEntryOutcome.Saved, PeriodCode: period.Code);
    }

    internal static string? ReadOnlyReason(PerformancePlan plan, MonitoringPeriod period) => plan.Status switch
    {
        PlanStatus.Draft => "Il piano è in bozza: i risultati si inseriscono dopo l'avvio del monitoraggio.",
        PlanStatus.Approved => "Il piano è approvato: i risultati non sono più modificabili.",
        _ when !period.IsOpen => $"Il periodo «{period.Name}» non è aperto: l'Ufficio Pianificazione lo apre per l'inserimento.",
        _ => null,
    };

    /// <summary>Parses, interprets and scores one value as the form does (the spreadsheet upload reads through here too).</summary>
    internal static Reading Read(Kpi kpi, ResultEntryLine line, MonitoringPeriod period)
    {
        if (string.IsNullOrWhiteSpace(line.Actual))
        {
            return new Reading(null, null, null, null, null);
        }

        if (line.Actual.Length > 200)
        {
            return new Reading(null, null, null, "Il valore è troppo lungo (massimo 200 caratteri).", null);
        }

        var parsed = ItalianValues.Parse(line.Actual);
        if (parsed.Value is not { } value)
        {
            return new Reading(null, null, null, parsed.Error, null);
        }

        var interpretation = kpi.Interpret(value);
        if (interpretation.Measurement is not { } measurement)
        {
            return new Reading(null, null, null, interpretation.Error, null);
        }

        var attainment = kpi.Score(measurement);
        var justificationError = attainment.Score < 100m && string.IsNullOrWhiteSpace(line.Justification)
            ? $"Il grado di raggiungimento è {ItalianValues.FormatScore(attainment.Score)}: scrivere la motivazione dello scostamento."
            : line.Justification is { Length: > 4_000 } ? "La motivazione supera i 4.000 caratteri." : null;
        // A value more than 10 times away from the target is saved only once confirmed; a stored value is not asked again.
        var far = kpi.IsFarFromTarget(measurement) && kpi.ResultFor(period)?.ActualText != line.Actual.Trim()
            ? $"Il valore {ResultText.Describe(kpi, measurement)} è più di {ItalianValues.FormatNumber(Kpi.FarFactor)} volte lontano dal target {kpi.TargetText}: " +
                "controllarlo e, se è giusto, spuntare «Confermo il valore»."
            : null;
        return new Reading(measurement, ResultText.Describe(kpi, measurement), attainment, null, justificationError)
        {
            FarFromTarget = far,
            ConfirmError = far is not null && !line.ConfirmValue ? far : null,
        };
    }

    private static string FormatHint(Kpi kpi) => kpi.Kind switch
    {
        KpiKind.Boolean => "Scrivere SI oppure NO.",
        KpiKind.Deadline => "Scrivere SI, NO oppure la data di completamento (es. 15/11/2019).",
        _ => kpi.ValueKind switch
        {
            ValueKind.Percent => "Una percentuale, es. 91,1%.",
            ValueKind.Minutes => "Una durata, es. 1'16\" oppure 3 minuti.",
            ValueKind.Days => "Un numero di giorni, es. 9,9 giorni.",
            _ => "Un numero, es. 1.003 oppure 6,5.",
        },
    };

    private ResultEntryViewModel BuildForm(
        PerformancePlan plan,
        Objective objective,
        MonitoringPeriod period,
        IReadOnlyList<ResultEntryLine> lines,
        IReadOnlyDictionary<int, Reading>? readings,
        bool isPreview)
    {
        var byKpi = lines.ToDictionary(l => l.KpiId);
        var rows = objective.Kpis.OrderBy(k => k.SortOrder).Select((kpi, index) =>
        {
            var result = kpi.ResultFor(period);
            var line = byKpi.GetValueOrDefault(kpi.Id) ?? new ResultEntryLine { KpiId = kpi.Id, Version = result?.Version };
            var reading = readings?.GetValueOrDefault(kpi.Id);
            return new ResultEntryRow(
                index,
                kpi.Id,
                kpi.Code,
                kpi.Name,
                kpi.Group,
                kpi.TargetText,
                FormatHint(kpi),
                line.Actual,
                line.Justification,
                line.Version,
                ResultText.StatusLabel(result?.Status),
                result?.Status == ResultStatus.Returned ? result.ReviewComment : null,
                result?.RecordedAt is DateTimeOffset at ? $"{result.RecordedBy}, {RomeTime.Format(at)}" : null,
                reading?.Parsed,
                reading?.Attainment is { } a ? ScoreViewModel.From(a) : null,
                reading?.Attainment?.Score < 100m,
                reading?.ActualError,
                reading?.JustificationError,
                reading?.FarFromTarget,
                line.ConfirmValue,
                reading?.ConfirmError);
        }).ToList();

        var errors = rows.SelectMany(r => new[]
            {
                r.ActualError is null ? default : ($"actual-{r.Index}", $"{r.Name}: {r.ActualError}"),
                r.JustificationError is null ? default : ($"justification-{r.Index}", $"{r.Name}: {r.JustificationError}"),
                r.ConfirmError is null ? default : ($"confirm-{r.Index}", $"{r.Name}: {r.ConfirmError}"),
            })
            .Where(e => e.Item1 is not null)
            .Select(e => (e.Item1!, e.Item2!))
            .ToList();
        var header = PlanService.Header(plan, period);
        var readOnly = ReadOnlyReason(plan, period);
        return new ResultEntryViewModel(
            header, objective.Code, objective.Title, objective.Directorate?.Name, period.Code,
            PlanService.PeriodLabel(period.Name, period.EndDate), readOnly is null, readOnly, isPreview, rows, errors);
    }

    private static ConflictViewModel Conflict(
        PerformancePlan plan,
        Objective objective,
        MonitoringPeriod period,
        IEnumerable<(Kpi Kpi, ResultEntryLine Line)> conflicts,
        IEnumerable<ResultEntryLine> input) =>
        new(
            plan.Year,
            objective.Code,
            objective.Title,
            period.Code,
            conflicts.Select(c =>
            {
                var stored = c.Kpi.ResultFor(period);
                return new ConflictRow(
                    c.Kpi.Name,
                    stored?.ActualText ?? "—",
                    stored?.Justification,
                    stored?.RecordedBy ?? "—",
                    stored?.RecordedAt is DateTimeOffset at ? RomeTime.Format(at) : "—",
                    c.Line.Actual,
                    c.Line.Justification);
            }).ToList(),
            $"{Links.Objective(plan.Year, objective.Code)}/risultati?periodo={Uri.EscapeDataString(period.Code)}",
            input.Select(l => new ResultEntryLine
            {
                KpiId = l.KpiId,
                Actual = l.Actual,
                Justification = l.Justification,
                ConfirmValue = l.ConfirmValue,
                Version = objective.Kpis.FirstOrDefault(k => k.Id == l.KpiId)?.ResultFor(period)?.Version,
            }).ToList());

    /// <summary>
    /// Two statements: the objective with its Direzione, its plan and the plan's periods, then the objective's KPIs with
    /// their results. Before, one split query sent five, each prepared by SQLite on every request (a third of a result
    /// POST's CPU, docs/benchmarks.md); a single query with both collections would join every KPI of every plan to its
    /// results before filtering. Both are tracked, so EF Core links the KPIs to the objective and the objective to its
    /// plan (the entities' rules read them). Loaded once per request (<see cref="ResourceAsync"/> loads it first), unless
    /// <paramref name="again"/> asks for what the database holds now.
    /// </summary>
    private async Task<Objective?> ObjectiveAsync(int year, string code, CancellationToken cancellationToken, bool again = false)
    {
        if (!again && _loaded is { } loaded && loaded.Year == year && loaded.Code == code)
        {
            return loaded.Objective;
        }

        var objective = await db.Objectives.Where(o => o.Code == code && o.Plan!.Year == year)
            .Include(o => o.Directorate)
            .Include(o => o.Plan!).ThenInclude(p => p.Periods)
            .AsSingleQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (objective is not null)
        {
            await db.Kpis.Where(k => k.ObjectiveId == objective.Id).Include(k => k.Results).AsSingleQuery().LoadAsync(cancellationToken);
        }

        _loaded = (year, code, objective);
        return objective;
    }

    private async Task<(PerformancePlan Plan, Objective Objective, MonitoringPeriod Period)?> LoadAsync(
        int year, string code, string? periodCode, CancellationToken cancellationToken, bool again = false)
    {
        if (await ObjectiveAsync(year, code, cancellationToken, again) is not { Plan: { } plan } objective)
        {
            return null;
        }

        var period = string.IsNullOrWhiteSpace(periodCode)
            ? plan.EarliestOpenPeriod ?? plan.DefaultPeriod(p => objective.Kpis.Any(k => k.Results.Any(r => r.PeriodId == p.Id)))
            : plan.PeriodWithCode(periodCode);
        return period is null ? null : (plan, objective, period);
    }

    internal sealed record Reading(Measurement? Measurement, string? Parsed, KpiAttainment? Attainment, string? ActualError, string? JustificationError)
    {
        /// <summary>Why the value needs «Confermo il valore» (more than 10 times away from the target), or null.</summary>
        public string? FarFromTarget { get; init; }

        public string? ConfirmError { get; init; }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Pdo.Domain;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.PlanImport;

/// <summary>
/// Loads a whole plan from the JSON interchange format (docs/plan-format.md). The file is validated in full
/// before anything is written; the plan and any new Direzioni are saved in one transaction.
/// </summary>
public sealed class PlanImporter(AppDbContext db, TimeProvider clock, ILogger<PlanImporter> logger)
{
    public const int MaxErrors = 50;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <param name="progress">Told (objectives done, objectives + 1) while the plan is built, and (total, total) once saved.</param>
    public async Task<PlanImportResult> ImportAsync(Stream json, string importedBy, CancellationToken cancellationToken = default, Action<int, int>? progress = null)
    {
        PlanDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<PlanDocument>(json, JsonOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is long line
                ? $"Riga {line + 1}, colonna {(ex.BytePositionInLine ?? 0) + 1}"
                : "Posizione sconosciuta";
            var path = string.IsNullOrEmpty(ex.Path) ? string.Empty : $" ({ex.Path})";
            return PlanImportResult.Rejected([new PlanImportError(string.Empty, $"{where}{path}: JSON non valido o campo non previsto dal formato.")]);
        }

        if (document is null)
        {
            return PlanImportResult.Rejected([new PlanImportError("$", "Il file è vuoto.")]);
        }

        return await ImportAsync(document, importedBy, cancellationToken, progress);
    }

    /// <summary>
    /// Loads a plan workbook (the plan export, edited; <see cref="PlanWorkbookLayout"/>) as a new plan in Bozza: the
    /// sheets are read into the same <see cref="PlanDocument"/>, so the validation, the transaction and the
    /// idempotence are the JSON import's; its errors name the sheet, the cell and the KPI.
    /// </summary>
    public async Task<PlanImportResult> ImportWorkbookAsync(Stream xlsx, string importedBy, CancellationToken cancellationToken = default, Action<int, int>? progress = null)
    {
        var read = PlanWorkbookReader.Read(xlsx);
        if (read.Document is null)
        {
            return PlanImportResult.Rejected(read.Errors);
        }

        var result = await ImportAsync(read.Document, importedBy, cancellationToken, progress);
        return result with { Errors = [.. result.Errors.Select(read.Locate)] };
    }

    /// <summary>Validates a whole document and saves it in one transaction, or writes nothing.</summary>
    public async Task<PlanImportResult> ImportAsync(PlanDocument document, string importedBy, CancellationToken cancellationToken = default, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var builder = new Builder(document, importedBy, clock.GetUtcNow(), progress);
        if (builder.Errors.Count > 0 || document.Year is not int year)
        {
            return PlanImportResult.Rejected(builder.Errors, document.Year);
        }

        if (await db.Plans.AnyAsync(p => p.Year == year, cancellationToken))
        {
            logger.LogInformation("Plan {Year} already present: import skipped", year);
            return new PlanImportResult(PlanImportOutcome.AlreadyPresent, year, 0, 0, []);
        }

        var existing = await db.Directorates.ToListAsync(cancellationToken);
        builder.Build(existing);
        if (builder.Errors.Count > 0 || builder.Plan is null)
        {
            return PlanImportResult.Rejected(builder.Errors, year);
        }

        db.Directorates.AddRange(builder.NewDirectorates);
        db.Plans.Add(builder.Plan);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            db.ChangeTracker.Clear();
            logger.LogWarning(ex, "Plan {Year} import failed on save", year);
            return PlanImportResult.Rejected([new PlanImportError("$", "Il salvataggio del piano non è riuscito: nessuna modifica è stata scritta.")], year);
        }

        progress?.Invoke(builder.Steps, builder.Steps);
        var kpis = builder.Plan.Objectives.Sum(o => o.Kpis.Count);
        logger.LogInformation("Plan {Year} imported by {User}: {Objectives} objectives, {Kpis} KPIs", year, importedBy, builder.Plan.Objectives.Count, kpis);
        return new PlanImportResult(PlanImportOutcome.Imported, year, builder.Plan.Objectives.Count, kpis, []);
    }

    /// <summary>Turns a document into domain entities, collecting every error with its JSON path.</summary>
    private sealed class Builder
    {
        private readonly PlanDocument _doc;
        private readonly string _importedBy;
        private readonly DateTimeOffset _now;
        private readonly Action<int, int>? _progress;

        public Builder(PlanDocument doc, string importedBy, DateTimeOffset now, Action<int, int>? progress)
        {
            _doc = doc;
            _importedBy = importedBy;
            _now = now;
            _progress = progress;
            ValidateHeader();
        }

        /// <summary>The steps of the progress: one per objective, one for the save.</summary>
        public int Steps => (_doc.Objectives?.Count ?? 0) + 1;

        public List<PlanImportError> Errors { get; } = [];

        public PerformancePlan? Plan { get; private set; }

        public List<Directorate> NewDirectorates { get; } = [];

        public void Build(IReadOnlyList<Directorate> existingDirectorates)
        {
            var status = ParseEnum<PlanStatus>(_doc.Status, "$.status", required: true);
            var plan = Try("$", () => new PerformancePlan(_doc.Year!.Value, _doc.Title!));
            if (plan is null)
            {
                return;
            }

            if (_doc.Methodology is { } m)
            {
                var formula = ParseEnum<LowerIsBetterFormula>(m.LowerIsBetterFormula, "$.methodology.lowerIsBetterFormula") ?? LowerIsBetterFormula.Ratio;
                Try("$.methodology", () => plan.SetMethodology(formula, m.PartiallyAchievedFrom ?? StatusBands.Default.PartiallyFrom));
            }

            if (_doc.RequireFourEyesReview is bool fourEyes)
            {
                Try("$.requireFourEyesReview", () => plan.SetFourEyesReview(fourEyes));
            }

            if (_doc.Introduction is not null || _doc.ClosingNote is not null)
            {
                Try("$.introduction", () => plan.WriteTexts(_doc.Introduction, _doc.ClosingNote, plan.Context));
            }

            var periods = new Dictionary<string, MonitoringPeriod>(StringComparer.OrdinalIgnoreCase);
            Each(_doc.Periods, "$.periods", (p, path) =>
            {
                var end = ParseIsoDate(p.EndDate, $"{path}.endDate", required: true);
                if (end is DateOnly date && Try(path, () => plan.AddPeriod(p.Code!, p.Name!, date, p.IsFinal)) is { } period)
                {
                    periods[period.Code] = period;
                }
            });

            var categories = new Dictionary<string, ObjectiveCategory>(StringComparer.OrdinalIgnoreCase);
            Each(_doc.Categories, "$.categories", (c, path) =>
            {
                if (Try(path, () => plan.AddCategory(c.Code!, c.Name!)) is { } category)
                {
                    categories[category.Code] = category;
                }
            });

            var areas = new Dictionary<string, StrategicArea>(StringComparer.OrdinalIgnoreCase);
            Each(_doc.Areas, "$.areas", (a, path) =>
            {
                if (Try(path, () => plan.AddArea(a.Code!, a.Name!)) is { } area)
                {
                    areas[area.Code] = area;
                }
            });

            var directorates = existingDirectorates.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
            Each(_doc.Directorates, "$.directorates", (d, path) =>
            {
                if (d.Code is not null && directorates.ContainsKey(d.Code.Trim()))
                {
                    return;
                }

                if (Try(path, () => new Directorate(d.Code!, d.Name!, Directorate.StartOfYear(PerformancePlan.MinYear))) is { } directorate)
                {
                    directorates[directorate.Code] = directorate;
                    NewDirectorates.Add(directorate);
                }
            });

            var pending = new List<(Kpi Kpi, ResultDocument Result, string Path)>();
            var unmeasurable = new List<(Kpi Kpi, string Reason, string Path)>();
            var built = 0;
            Each(_doc.Objectives, "$.objectives", (o, path) =>
            {
                _progress?.Invoke(++built, Steps);
                var category = Lookup(categories, o.Category, $"{path}.category", "sezione", required: true);
                var area = Lookup(areas, o.Area, $"{path}.area", "area strategica", required: false);
                var directorate = Lookup(directorates, o.Directorate, $"{path}.directorate", "Direzione", required: false);
                if (category is null)
                {
                    return;
                }

                var objective = Try(path, () => plan.AddObjective(o.Code!, o.Title!, category, area, directorate, o.Weight ?? 1m));
                if (objective is null)
                {
                    return;
                }

                Try(path, () => objective.Describe(o.Narrative, o.DataSourceNote));
                if (o.Kpis is null || o.Kpis.Count == 0)
                {
                    Errors.Add(new PlanImportError($"{path}.kpis", "Ogni obiettivo deve avere almeno un KPI."));
                    return;
                }

                Each(o.Kpis, $"{path}.kpis", (k, kpiPath) =>
                {
                    var definition = Define(k, kpiPath);
                    if (definition is not null && Try(kpiPath, () => objective.AddKpi(definition)) is { } kpi)
                    {
                        Each(k.Results, $"{kpiPath}.results", (r, resultPath) => pending.Add((kpi, r, resultPath)));
                        if (k.UnmeasurableReason is not null)
                        {
                            unmeasurable.Add((kpi, k.UnmeasurableReason, $"{kpiPath}.unmeasurableReason"));
                        }
                    }
                });
            });

            if (Errors.Count > 0 || status is null)
            {
                return;
            }

            if (status == PlanStatus.Draft)
            {
                if (pending.Count > 0)
                {
                    Errors.Add(new PlanImportError("$.status", "Un piano in bozza non può contenere risultati: usare «Monitoring» o «Approved»."));
                }

                if (unmeasurable.Count > 0)
                {
                    Errors.Add(new PlanImportError(unmeasurable[0].Path, "Un piano in bozza non può avere KPI non rilevabili: usare «Monitoring» o «Approved»."));
                    return;
                }

                Plan = plan;
                return;
            }

            if (Try("$.status", plan.StartMonitoring) is null)
            {
                return;
            }

            // Results are recorded through open periods, as in the browser; afterwards only the periods the file
            // marks as open stay open (an approval closes them all).
            foreach (var period in plan.Periods)
            {
                period.Open();
            }

            foreach (var (kpi, result, path) in pending)
            {
                Record(kpi, result, path, periods);
            }

            foreach (var (kpi, reason, path) in unmeasurable)
            {
                Try(path, () => kpi.DeclareUnmeasurable(reason, _importedBy, _now));
            }

            foreach (var (period, document) in plan.Periods.Zip(_doc.Periods!))
            {
                if (!document.IsOpen)
                {
                    period.Close();
                }
            }

            if (status == PlanStatus.Approved)
            {
                var act = _doc.ApprovalAct;
                if (act is null)
                {
                    Errors.Add(new PlanImportError("$.approvalAct", "Un piano approvato richiede l'atto di approvazione (numero, data, link)."));
                    return;
                }

                var date = ParseIsoDate(act.Date, "$.approvalAct.date", required: true);
                if (date is DateOnly d && Try("$.approvalAct", () => new ApprovalAct(act.Number!, d, act.Link, act.Description)) is { } approval)
                {
                    // The file carries an approved consuntivo: its final results are the ones the act approved, so
                    // they are confirmed on the act's behalf; a KPI without a final result still needs its
                    // unmeasurableReason, and the approval gate says which ones lack it.
                    ConfirmFinalResults(plan, approval);
                    Try("$.approvalAct", () => plan.Approve(approval, RomeTime.Today(_now)));
                }
            }

            if (Errors.Count == 0)
            {
                Plan = plan;
            }
        }

        private void ValidateHeader()
        {
            if (_doc.Format != "pdo-plan")
            {
                Errors.Add(new PlanImportError("$.format", "Il campo deve valere «pdo-plan»."));
            }

            if (_doc.FormatVersion != 1)
            {
                Errors.Add(new PlanImportError("$.formatVersion", "Versione del formato non supportata: è prevista la versione 1."));
            }

            if (_doc.Year is null)
            {
                Errors.Add(new PlanImportError("$.year", "L'anno del piano è obbligatorio."));
            }

            if (string.IsNullOrWhiteSpace(_doc.Title))
            {
                Errors.Add(new PlanImportError("$.title", "Il titolo del piano è obbligatorio."));
            }

            if (_doc.Periods is null || _doc.Periods.Count == 0)
            {
                Errors.Add(new PlanImportError("$.periods", "Il piano deve avere almeno un periodo di monitoraggio."));
            }

            if (_doc.Categories is null || _doc.Categories.Count == 0)
            {
                Errors.Add(new PlanImportError("$.categories", "Il piano deve avere almeno una sezione."));
            }

            if (_doc.Objectives is null || _doc.Objectives.Count == 0)
            {
                Errors.Add(new PlanImportError("$.objectives", "Il piano deve avere almeno un obiettivo."));
            }
        }

        private KpiDefinition? Define(KpiDocument k, string path)
        {
            var targetField = k.TargetValue is null ? "target" : "targetValue";
            if (string.IsNullOrWhiteSpace(k.Target))
            {
                Errors.Add(new PlanImportError($"{path}.target", "Il target è obbligatorio."));
                return null;
            }

            var target = ParseValue(k.TargetValue ?? k.Target, $"{path}.{targetField}");
            var baseline = k.Baseline is null ? null : ParseValue(k.Baseline, $"{path}.baseline");
            var explicitKind = ParseEnum<KpiKind>(k.Kind, $"{path}.kind");
            var explicitValueKind = ParseEnum<ValueKind>(k.ValueKind, $"{path}.valueKind");
            var explicitDirection = ParseEnum<Direction>(k.Direction, $"{path}.direction");
            var explicitComparator = ParseEnum<Comparator>(k.Comparator, $"{path}.comparator");
            var explicitMethod = ParseEnum<ScoringMethod>(k.Scoring?.Method, $"{path}.scoring.method");
            if (target is null || (k.Baseline is not null && baseline is null))
            {
                return null;
            }

            var bands = k.Scoring?.Bands?.Select(b => new ScoreBand(b.MinimumProgress, b.Score)).ToList();
            // A target that reads both ways without a direction (attainment.md, "Direction") is refused, naming the KPI.
            return Try(path, () => KpiDefinitionInference.Infer(new KpiDraft(
                k.Code!,
                k.Name!,
                k.Group,
                k.Target,
                target,
                baseline,
                k.Unit,
                k.Weight ?? 1m,
                explicitKind,
                explicitValueKind,
                explicitDirection,
                explicitComparator,
                explicitMethod,
                bands,
                k.Scoring?.PenaltyPerDay)));
        }

        private void ConfirmFinalResults(PerformancePlan plan, ApprovalAct approval)
        {
            var reviewer = $"Delibera n. {approval.Number} (importazione)";
            foreach (var result in plan.FinalPeriod is { } final
                ? plan.Objectives.SelectMany(o => o.Kpis).Select(k => k.ResultFor(final)).OfType<KpiResult>()
                : [])
            {
                Try("$.approvalAct", () => result.Confirm(reviewer, _now));
            }
        }

        private void Record(Kpi kpi, ResultDocument r, string path, Dictionary<string, MonitoringPeriod> periods)
        {
            var period = Lookup(periods, r.Period, $"{path}.period", "periodo di monitoraggio", required: true);
            if (string.IsNullOrWhiteSpace(r.Actual))
            {
                Errors.Add(new PlanImportError($"{path}.actual", "Il valore raggiunto è obbligatorio."));
                return;
            }

            var value = ParseValue(r.ActualValue ?? r.Actual, $"{path}.{(r.ActualValue is null ? "actual" : "actualValue")}");
            var completion = ParseIsoDate(r.CompletionDate, $"{path}.completionDate", required: false);
            if (period is null || value is null)
            {
                return;
            }

            var interpretation = kpi.Interpret(value);
            if (interpretation.Measurement is not { } measurement)
            {
                Errors.Add(new PlanImportError($"{path}.actual", interpretation.Error!));
                return;
            }

            if (completion is DateOnly done)
            {
                measurement = Measurement.CompletedOn(done);
            }

            Try(path, () => kpi.RecordResult(period, r.Actual, measurement, r.Justification, _importedBy, _now));
        }

        private ItalianValue? ParseValue(string? text, string path)
        {
            var parsed = ItalianValues.Parse(text);
            if (!parsed.Succeeded)
            {
                Errors.Add(new PlanImportError(path, parsed.Error!));
            }

            return parsed.Value;
        }

        private DateOnly? ParseIsoDate(string? text, string path, bool required)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    Errors.Add(new PlanImportError(path, "La data è obbligatoria (formato AAAA-MM-GG)."));
                }

                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Errors.Add(new PlanImportError(path, $"«{text}» non è una data valida nel formato AAAA-MM-GG."));
            return null;
        }

        private TEnum? ParseEnum<TEnum>(string? text, string path, bool required = false)
            where TEnum : struct, Enum
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    Errors.Add(new PlanImportError(path, $"Campo obbligatorio: valori ammessi {string.Join(", ", Enum.GetNames<TEnum>())}."));
                }

                return null;
            }

            if (Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
            {
                return value;
            }

            Errors.Add(new PlanImportError(path, $"«{text}» non è ammesso: valori ammessi {string.Join(", ", Enum.GetNames<TEnum>())}."));
            return null;
        }

        private T? Lookup<T>(Dictionary<string, T> items, string? code, string path, string what, bool required)
            where T : class
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                if (required)
                {
                    Errors.Add(new PlanImportError(path, $"Indicare il codice della {what}."));
                }

                return null;
            }

            if (items.TryGetValue(code.Trim(), out var item))
            {
                return item;
            }

            Errors.Add(new PlanImportError(path, $"Nessuna {what} con il codice «{code}»."));
            return null;
        }

        private void Each<T>(List<T>? items, string path, Action<T, string> action)
        {
            if (items is null)
            {
                return;
            }

            for (var i = 0; i < items.Count && Errors.Count < MaxErrors; i++)
            {
                var itemPath = $"{path}[{i}]";
                if (items[i] is null)
                {
                    Errors.Add(new PlanImportError(itemPath, "Elemento vuoto."));
                    continue;
                }

                action(items[i], itemPath);
            }
        }

        private T? Try<T>(string path, Func<T> action)
            where T : class
        {
            try
            {
                return action();
            }
            catch (DomainRuleException ex)
            {
                Errors.Add(new PlanImportError(path, ex.Message));
                return null;
            }
        }

        private bool? Try(string path, Action action) => Try(path, () =>
        {
            action();
            return (object)true;
        }) is null ? null : true;
    }
}

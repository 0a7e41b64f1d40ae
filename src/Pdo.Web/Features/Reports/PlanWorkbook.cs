using System.Globalization;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Identity;
using Pdo.Infrastructure.PlanImport;
using Pdo.Infrastructure.Spreadsheets;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.OpenData;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Reports;

/// <summary>A plan export ready to send: the file name and its stream (a temporary file, deleted on close).</summary>
public sealed record PlanWorkbookFile(string FileName, Stream Content);

/// <summary>A result's review fields: the justification and the review state.</summary>
public readonly record struct ResultDisplay(string? Justification, ResultStatus Status);

/// <summary>
/// What the export reads: the plan's structure (settings, periods in column order, sections, areas), the snapshot's
/// scores and results, and the display fields of the KPIs (by id) and of the results (by KPI and period) in scope.
/// </summary>
public sealed record PlanWorkbookSource(
    PerformancePlan Plan,
    PlanSnapshot Snapshot,
    IReadOnlyList<MonitoringPeriod> Periods,
    IReadOnlyDictionary<int, KpiDisplay> Kpis,
    IReadOnlyDictionary<(int KpiId, int PeriodId), ResultDisplay> Results);

/// <summary>
/// The plan (or one Direzione) in Excel: sheet «KPI» with one row per KPI and, per period, value, score, status,
/// justification and review state; sheet «Riepilogo» with the plan, Direzione and objective roll-ups as the pages
/// show them; sheet «Leggimi». Every score is the <see cref="PlanSnapshot"/>'s (its compact cells; the full attainment
/// only for a forced score), never computed here; the rows are made one at a time as the sheets stream through
/// <see cref="XlsxWriter"/>.
/// </summary>
public static class PlanWorkbook
{
    // One layout for the export and the plan import (Pdo.Infrastructure/PlanImport/PlanWorkbookLayout).
    private static readonly string[] KpiColumns = PlanWorkbookLayout.KpiColumns;

    private static readonly string[] PeriodColumns = PlanWorkbookLayout.PeriodColumns;

    /// <summary>Per period, appended after every period's columns (score overrides, docs/attainment.md «Forzature»).</summary>
    private static readonly string[] OverrideColumns = ["punteggio calcolato", "punteggio forzato", "motivo della forzatura", "forzatura approvata da"];

    private static readonly string[] RollUpColumns = ["Livello", "Codice", "Nome"];

    private static readonly string[] RollUpPeriodColumns = ["punteggio", "stato", "copertura"];

    /// <summary>Writes the sheets of <paramref name="source"/> (its periods in column order) with <paramref name="xlsx"/>.</summary>
    /// <param name="directorateId">Only the objectives of this Direzione (and no plan row); null for the whole plan.</param>
    /// <param name="progress">Told (KPI rows written, KPI rows in all) while the «KPI» sheet is written.</param>
    public static void Write(XlsxWriter xlsx, PlanWorkbookSource source, int? directorateId, string scopeName, DateTimeOffset now, Action<int, int>? progress = null)
    {
        var periods = source.Periods;
        xlsx.WriteSheet(
            new XlsxSheet("KPI", [new(24), new(24), new(28), new(16), new(50), new(16), new(50), new(10), new(12), new(14), new(10), .. periods.SelectMany(_ => PeriodWidths), .. periods.SelectMany(_ => OverrideWidths), .. StructureWidths], FrozenRows: 1, AutoFilter: true),
            KpiRows(source, directorateId, progress));
        xlsx.WriteSheet(
            new XlsxSheet("Riepilogo", [new(12), new(16), new(50), .. periods.SelectMany(_ => RollUpWidths)], FrozenRows: 1, AutoFilter: true),
            RollUpRows(source, directorateId));
        xlsx.WriteSheet(new XlsxSheet("Leggimi", [new(32), new(100)]), Readme(source.Plan, periods, scopeName, now));
        xlsx.WriteSheet(new XlsxSheet(PlanWorkbookLayout.PlanSheet, [new(30), new(16), new(50), new(40), new(10)], FrozenRows: 1), PlanRows(source, directorateId));
    }

    private static readonly XlsxColumn[] StructureWidths = [.. PlanWorkbookLayout.StructureColumns.Select(_ => new XlsxColumn(16))];

    /// <summary>What a new plan needs besides its KPI rows (the «Piano» sheet): year, title, methodology, periods, sections, areas, Direzioni.</summary>
    private static IEnumerable<IReadOnlyList<XlsxCell>> PlanRows(PlanWorkbookSource source, int? directorateId)
    {
        var plan = source.Plan;
        yield return [.. PlanWorkbookLayout.PlanColumns.Select(Header)];
        yield return [XlsxCell.Of(PlanWorkbookLayout.Year), XlsxCell.Of(string.Empty), XlsxCell.Of(string.Empty), XlsxCell.Of(plan.Year)];
        yield return [XlsxCell.Of(PlanWorkbookLayout.Title), XlsxCell.Of(string.Empty), XlsxCell.Of(string.Empty), XlsxCell.Of(plan.Title)];
        yield return [XlsxCell.Of(PlanWorkbookLayout.Formula), XlsxCell.Of(plan.LowerIsBetterFormula.ToString())];
        yield return [XlsxCell.Of(PlanWorkbookLayout.PartiallyFrom), XlsxCell.Of(string.Empty), XlsxCell.Of(string.Empty), XlsxCell.Of(plan.PartiallyAchievedFrom)];
        yield return [XlsxCell.Of(PlanWorkbookLayout.FourEyes), XlsxCell.Of(plan.RequireFourEyesReview ? "SI" : "NO")];
        foreach (var period in plan.Periods)
        {
            yield return
            [
                XlsxCell.Of(PlanWorkbookLayout.Period), XlsxCell.Of(period.Code), XlsxCell.Of(period.Name),
                XlsxCell.Of(period.EndDate.ToString(PlanWorkbookLayout.DayMonthFormat, CultureInfo.InvariantCulture), XlsxStyle.Text), XlsxCell.Of(period.IsFinal ? "SI" : "NO"),
            ];
        }

        foreach (var category in plan.Categories)
        {
            yield return [XlsxCell.Of(PlanWorkbookLayout.Section), XlsxCell.Of(category.Code), XlsxCell.Of(category.Name)];
        }

        foreach (var area in plan.Areas)
        {
            yield return [XlsxCell.Of(PlanWorkbookLayout.Area), XlsxCell.Of(area.Code), XlsxCell.Of(area.Name)];
        }

        var snapshot = source.Snapshot;
        foreach (var directorate in Owned(source, directorateId).Select(o => o.DirectorateId).OfType<int>().Distinct().Select(id => snapshot.Directorates[id]))
        {
            yield return [XlsxCell.Of(PlanWorkbookLayout.Directorate), XlsxCell.Of(directorate.Code), XlsxCell.Of(directorate.Name)];
        }
    }

    /// <summary>The columns after the periods: what rebuilds the KPI in a new plan (codes, weights, scoring).</summary>
    private static IEnumerable<XlsxCell> StructureCells(PlanSnapshot snapshot, SnapshotObjective o, SnapshotKpi kpi, KpiDisplay display)
    {
        var spec = kpi.Spec;
        yield return XlsxCell.Of(snapshot.Categories.First(c => c.Id == o.CategoryId).Code);
        yield return XlsxCell.Of(o.AreaId is int areaId ? snapshot.Areas.First(a => a.Id == areaId).Code : null);
        yield return XlsxCell.Of(o.DirectorateId is int d ? snapshot.Directorates[d].Code : null);
        yield return XlsxCell.Of(o.Weight);
        yield return XlsxCell.Of(kpi.TargetText, XlsxStyle.Text);
        yield return XlsxCell.Of(spec.Kind.ToString());
        yield return XlsxCell.Of(spec.ValueKind.ToString());
        yield return XlsxCell.Of(spec.Direction.ToString());
        yield return XlsxCell.Of(spec.Method.ToString());
        yield return XlsxCell.Of(
            spec.Method == ScoringMethod.Bands
                ? string.Join($"{PlanWorkbookLayout.BandSeparator} ", spec.Bands.Select(b => $"{ItalianValues.FormatNumber(b.MinimumProgress, 4)}{PlanWorkbookLayout.BandPartSeparator}{ItalianValues.FormatNumber(b.Score, 4)}"))
                : null,
            XlsxStyle.Text);
        yield return XlsxCell.Of(spec.PenaltyPerDay);
        yield return XlsxCell.Of(display.Group);
        yield return XlsxCell.Of(spec.Baseline);
    }

    private static readonly XlsxColumn[] PeriodWidths = [new(14), new(12), new(24), new(40), new(22)];

    private static readonly XlsxColumn[] OverrideWidths = [new(12), new(12), new(40), new(30)];

    private static readonly XlsxColumn[] RollUpWidths = [new(12), new(40), new(26)];

    private static IEnumerable<IReadOnlyList<XlsxCell>> KpiRows(PlanWorkbookSource source, int? directorateId, Action<int, int>? progress)
    {
        var snapshot = source.Snapshot;
        var periods = source.Periods;
        var owned = Owned(source, directorateId).ToList();
        var total = owned.Sum(o => OwnedKpis(source, o).Count());
        var written = 0;
        yield return
        [
            .. KpiColumns.Select(Header),
            .. periods.SelectMany(p => PeriodColumns.Select(h => Header($"{p.Code} {h}"))),
            .. periods.SelectMany(p => OverrideColumns.Select(h => Header($"{p.Code} {h}"))),
            .. PlanWorkbookLayout.StructureColumns.Select(Header),
        ];
        var categories = snapshot.Categories.ToDictionary(c => c.Id, c => c.Name);
        var areas = snapshot.Areas.ToDictionary(a => a.Id, a => a.Name);
        var cells = periods.Select(p => snapshot.Scores(p.Id)).ToList();
        foreach (var o in owned)
        {
            foreach (var (index, kpi) in OwnedKpis(source, o))
            {
                var display = source.Kpis[kpi.Id];
                var spec = kpi.Spec;
                var row = new List<XlsxCell>
                {
                    XlsxCell.Of(categories[o.CategoryId]),
                    XlsxCell.Of(o.AreaId is int areaId ? areas[areaId] : null),
                    XlsxCell.Of(o.DirectorateId is int d ? snapshot.Directorates[d].Name : "Ente"),
                    XlsxCell.Of(o.Code),
                    XlsxCell.Of(o.Title),
                    XlsxCell.Of(kpi.Code),
                    XlsxCell.Of(kpi.Name),
                    XlsxCell.Of(OpenDataService.Unit(spec)),
                    XlsxCell.Of(spec.Kind switch
                    {
                        KpiKind.Boolean => "=",
                        KpiKind.Deadline => "entro il",
                        _ => ItalianValues.FormatComparator(spec.Comparator),
                    }),
                    spec.Kind switch
                    {
                        KpiKind.Boolean => XlsxCell.Of("SI"),
                        KpiKind.Deadline => XlsxCell.Of(spec.Deadline),
                        _ => XlsxCell.Of(spec.Target),
                    },
                    XlsxCell.Of(kpi.Weight),
                };
                for (var p = 0; p < periods.Count; p++)
                {
                    var period = periods[p];
                    var cell = cells[p][index];
                    var counted = snapshot.Result(period.Id, kpi.Id);
                    var review = counted is null ? (ResultDisplay?)null : source.Results.GetValueOrDefault((kpi.Id, period.Id));
                    row.Add(counted?.Measurement switch
                    {
                        { Value: decimal v } => XlsxCell.Of(v),
                        { CompletionDate: DateOnly date } => XlsxCell.Of(date),
                        { Done: bool done } => XlsxCell.Of(done ? "SI" : "NO"),
                        _ => XlsxCell.Of(string.Empty),
                    });
                    row.Add(XlsxCell.Of(OpenDataService.Rounded(cell.Score), XlsxStyle.Decimal));
                    row.Add(XlsxCell.Of(!Kpi.Counts(period.IsFinal, kpi.Unmeasurable) && display.UnmeasurableReason is { } reason ? ResultText.Unmeasurable(reason) : ScoreViewModel.Label(cell.Status)));
                    row.Add(XlsxCell.Of(review?.Justification));
                    row.Add(XlsxCell.Of(review is { } r ? ResultText.StatusLabel(r.Status) : string.Empty));
                }

                for (var p = 0; p < periods.Count; p++)
                {
                    var cell = cells[p][index];
                    if (!cell.Overridden)
                    {
                        row.AddRange([XlsxCell.Of(OpenDataService.Rounded(cell.Score), XlsxStyle.Decimal), XlsxCell.Of((decimal?)null, XlsxStyle.Decimal), XlsxCell.Of((string?)null), XlsxCell.Of((string?)null)]);
                        continue;
                    }

                    // A forced score: its computed score, reason and approver are in the full attainment, computed for it alone.
                    var attainment = snapshot.Attainment(periods[p].Id, kpi.Id);
                    var forced = OverrideViewModel.From(attainment)!;
                    row.Add(XlsxCell.Of(OpenDataService.Rounded(attainment.ComputedScore), XlsxStyle.Decimal));
                    row.Add(XlsxCell.Of(attainment.OverrideScore, XlsxStyle.Decimal));
                    row.Add(XlsxCell.Of(forced.Reason));
                    row.Add(XlsxCell.Of($"{forced.ApprovedBy} ({Roles.Label(Roles.Evaluator)}) il {forced.ApprovedOn}"));
                }

                row.AddRange(StructureCells(snapshot, o, kpi, display));

                yield return row;
                progress?.Invoke(++written, total);
            }
        }
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> RollUpRows(PlanWorkbookSource source, int? directorateId)
    {
        var snapshot = source.Snapshot;
        var periods = source.Periods;
        var rollups = periods.Select(p => snapshot.Rollups(p.Id)).ToList();
        var objectives = periods.Select(p => snapshot.ObjectiveScores(p.Id)).ToList();
        yield return [.. RollUpColumns.Select(Header), .. periods.SelectMany(p => RollUpPeriodColumns.Select(h => Header($"{p.Code} {h}")))];
        if (directorateId is null)
        {
            yield return RollUp("Piano", source.Plan.Year.ToString(CultureInfo.InvariantCulture), source.Plan.Title, rollups.Select(r => r.Overall));
        }

        foreach (var (group, i) in rollups[0].Directorates.Select((g, i) => (g, i)).Where(x => directorateId is null || snapshot.Objectives[x.g.Objectives[0]].DirectorateId == directorateId))
        {
            yield return RollUp("Direzione", group.Code, group.Name, rollups.Select(r => r.Directorates[i].Attainment));
        }

        foreach (var index in snapshot.ObjectiveOrder.Where(i => directorateId is null || snapshot.Objectives[i].DirectorateId == directorateId))
        {
            var objective = snapshot.Objectives[index];
            yield return RollUp("Obiettivo", objective.Code, objective.Title, objectives.Select(o => o[index]));
        }
    }

    private static List<XlsxCell> RollUp(string level, string code, string name, IEnumerable<AggregateAttainment> periods)
    {
        var row = new List<XlsxCell> { XlsxCell.Of(level), XlsxCell.Of(code), XlsxCell.Of(name) };
        foreach (var a in periods)
        {
            var score = ScoreViewModel.From(a);
            row.Add(XlsxCell.Of(score.Value, XlsxStyle.Decimal));
            row.Add(XlsxCell.Of(score.StatusLabel));
            row.Add(XlsxCell.Of(score.Coverage));
        }

        return row;
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> Readme(PerformancePlan plan, IReadOnlyList<MonitoringPeriod> periods, string scopeName, DateTimeOffset now)
    {
        (string, string)[] lines =
        [
            ("Piano", $"{plan.Title} ({plan.Year.ToString(CultureInfo.InvariantCulture)})"),
            ("Contenuto", scopeName),
            ("Esportato il", $"{RomeTime.Format(now)} (ora di Roma)"),
            ("Regole di calcolo", $"Versione {AttainmentRules.RuleBookVersion.ToString(CultureInfo.InvariantCulture)} del regolamento dei punteggi (docs/attainment.md); punteggi arrotondati come nelle pagine del portale."),
            ("Licenza", $"{OpenData.OpenDataLicense.Name}, {OpenData.OpenDataLicense.Url}: riutilizzabile citando la fonte."),
            ("Periodi", string.Join("; ", periods.Select(p => $"{p.Code} = {Plans.PlanService.PeriodLabel(p.Name, p.EndDate)}"))),
            (string.Empty, string.Empty),
            ("Foglio «KPI»", "Una riga per KPI; i filtri sono sulla prima riga."),
            ("Sezione, Area strategica, Direzione", "Dove sta l'obiettivo nel piano («Ente» per gli obiettivi senza Direzione)."),
            ("Codice obiettivo, Obiettivo", "Il codice e il titolo dell'obiettivo."),
            ("Codice KPI, KPI, Unità", "Il codice, il nome e l'unità di misura dell'indicatore."),
            ("Comparatore, Target", "Il confronto con il target (≥, >, ≤, <, =, «entro il» per una scadenza); il target è un numero o una data."),
            ("Peso del KPI", "Il peso del KPI nel punteggio dell'obiettivo."),
            ("{periodo} valore", "Il risultato del periodo: un numero (le percentuali in punti percentuali: 91,1 = 91,1%), una data o SI/NO; vuoto se non rilevato."),
            ("{periodo} punteggio", "Il punteggio del KPI da 0 a 100, arrotondato a un decimale come nel portale; vuoto se non rilevato."),
            ("{periodo} stato", "Raggiunto, Parzialmente raggiunto, Non raggiunto, Non rilevato, o Non rilevabile con il motivo."),
            ("{periodo} motivazione", "La motivazione dello scostamento registrata con il risultato."),
            ("{periodo} revisione", "Lo stato del risultato: inserito, confermato dal Direttore o restituito."),
            ("{periodo} punteggio calcolato", "In fondo al foglio, per periodo: il punteggio calcolato dalle regole, anche quando una forzatura approvata lo sostituisce."),
            ("{periodo} punteggio forzato", "Il punteggio della forzatura approvata dall'OIV, che è anche il «punteggio» del periodo; vuoto senza forzatura."),
            ("{periodo} motivo della forzatura, forzatura approvata da", "Il motivo della forzatura e chi l'ha approvata (nome, ruolo, data)."),
            ("Colonne dopo i periodi", $"{string.Join(", ", PlanWorkbookLayout.StructureColumns)}: ciò che serve per creare un nuovo piano da questo file (Importa un piano). Tipo di KPI: Numeric, Boolean, Deadline; Tipo di valore: Number, Percent, Minutes, Days, YesNo, Deadline; Andamento: HigherIsBetter, LowerIsBetter; Metodo di punteggio: Proportional, Threshold, Bands, Deadline; Fasce: avanzamento minimo:punteggio separati da «;»."),
            ("Foglio «Piano»", "Anno, titolo, metodo di calcolo, periodi (fine come giorno/mese dell'anno del piano), sezioni, aree strategiche e Direzioni. Per un nuovo piano: cambiare l'anno (e il resto da cambiare), poi caricare il file in «Importa un piano»; i risultati non vengono importati, il piano nasce in bozza."),
            ("Foglio «Riepilogo»", "I punteggi del piano, delle Direzioni e degli obiettivi per periodo, come nelle pagine del portale: «Provvisorio» con la copertura quando non tutti i KPI sono rilevati."),
        ];
        return lines.Select(l => (IReadOnlyList<XlsxCell>)[XlsxCell.Of(l.Item1, XlsxStyle.Header), XlsxCell.Of(l.Item2)]);
    }

    /// <summary>The objectives in scope, in the plan's order.</summary>
    private static IEnumerable<SnapshotObjective> Owned(PlanWorkbookSource source, int? directorateId) =>
        source.Snapshot.ObjectiveOrder.Select(i => source.Snapshot.Objectives[i]).Where(o => directorateId is null || o.DirectorateId == directorateId);

    /// <summary>An objective's KPIs in their order with their index in the snapshot, those whose display fields were read.</summary>
    private static IEnumerable<(int Index, SnapshotKpi Kpi)> OwnedKpis(PlanWorkbookSource source, SnapshotObjective objective) =>
        source.Snapshot.KpisByObjective.GetValueOrDefault(objective.Id, []).Select(i => (i, source.Snapshot.Kpis[i])).Where(x => source.Kpis.ContainsKey(x.Item2.Id));

    private static XlsxCell Header(string text) => XlsxCell.Of(text, XlsxStyle.Header);
}

using System.Globalization;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Identity;
using Pdo.Infrastructure.PlanImport;
using Pdo.Infrastructure.Spreadsheets;
using Pdo.Web.Features.OpenData;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Reports;

/// <summary>A plan export ready to send: the file name and its stream (a temporary file, deleted on close).</summary>
public sealed record PlanWorkbookFile(string FileName, Stream Content);

/// <summary>
/// The plan (or one Direzione) in Excel: sheet «KPI» with one row per KPI and, per period, value, score, status,
/// justification and review state; sheet «Riepilogo» with the plan, Direzione and objective roll-ups as the pages
/// show them; sheet «Leggimi». Every score comes from the <see cref="PlanScorecard"/> of each period (the rule
/// book), never computed here; the sheets stream through <see cref="XlsxWriter"/>.
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

    /// <summary>Writes the sheets of <paramref name="cards"/> (one scorecard per period, in period order) with <paramref name="xlsx"/>.</summary>
    /// <param name="directorateId">Only the objectives of this Direzione (and no plan row); null for the whole plan.</param>
    /// <param name="progress">Told (KPI rows written, KPI rows in all) while the «KPI» sheet is written.</param>
    public static void Write(XlsxWriter xlsx, IReadOnlyList<PlanScorecard> cards, int? directorateId, string scopeName, DateTimeOffset now, Action<int, int>? progress = null)
    {
        var plan = cards[0].Plan;
        xlsx.WriteSheet(
            new XlsxSheet("KPI", [new(24), new(24), new(28), new(16), new(50), new(16), new(50), new(10), new(12), new(14), new(10), .. cards.SelectMany(_ => PeriodWidths), .. cards.SelectMany(_ => OverrideWidths), .. StructureWidths], FrozenRows: 1, AutoFilter: true),
            KpiRows(cards, directorateId, progress));
        xlsx.WriteSheet(
            new XlsxSheet("Riepilogo", [new(12), new(16), new(50), .. cards.SelectMany(_ => RollUpWidths)], FrozenRows: 1, AutoFilter: true),
            RollUpRows(cards, directorateId));
        xlsx.WriteSheet(new XlsxSheet("Leggimi", [new(32), new(100)]), Readme(plan, cards, scopeName, now));
        xlsx.WriteSheet(new XlsxSheet(PlanWorkbookLayout.PlanSheet, [new(30), new(16), new(50), new(40), new(10)], FrozenRows: 1), PlanRows(cards[0], directorateId));
    }

    private static readonly XlsxColumn[] StructureWidths = [.. PlanWorkbookLayout.StructureColumns.Select(_ => new XlsxColumn(16))];

    /// <summary>What a new plan needs besides its KPI rows (the «Piano» sheet): year, title, methodology, periods, sections, areas, Direzioni.</summary>
    private static IEnumerable<IReadOnlyList<XlsxCell>> PlanRows(PlanScorecard card, int? directorateId)
    {
        var plan = card.Plan;
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

        foreach (var directorate in Owned(card, directorateId).Select(o => o.Objective.Directorate).OfType<Directorate>().DistinctBy(d => d.Id))
        {
            yield return [XlsxCell.Of(PlanWorkbookLayout.Directorate), XlsxCell.Of(directorate.Code), XlsxCell.Of(directorate.Name)];
        }
    }

    /// <summary>The columns after the periods: what rebuilds the KPI in a new plan (codes, weights, scoring).</summary>
    private static IEnumerable<XlsxCell> StructureCells(Objective o, Kpi kpi, PerformancePlan plan)
    {
        yield return XlsxCell.Of(plan.Categories.First(c => c.Id == o.CategoryId).Code);
        yield return XlsxCell.Of(o.AreaId is int areaId ? plan.Areas.First(a => a.Id == areaId).Code : null);
        yield return XlsxCell.Of(o.Directorate?.Code);
        yield return XlsxCell.Of(o.Weight);
        yield return XlsxCell.Of(kpi.TargetText, XlsxStyle.Text);
        yield return XlsxCell.Of(kpi.Kind.ToString());
        yield return XlsxCell.Of(kpi.ValueKind.ToString());
        yield return XlsxCell.Of(kpi.Direction.ToString());
        yield return XlsxCell.Of(kpi.Method.ToString());
        yield return XlsxCell.Of(
            kpi.Method == ScoringMethod.Bands
                ? string.Join($"{PlanWorkbookLayout.BandSeparator} ", kpi.Bands.Select(b => $"{ItalianValues.FormatNumber(b.MinimumProgress, 4)}{PlanWorkbookLayout.BandPartSeparator}{ItalianValues.FormatNumber(b.Score, 4)}"))
                : null,
            XlsxStyle.Text);
        yield return XlsxCell.Of(kpi.PenaltyPerDay);
        yield return XlsxCell.Of(kpi.Group);
        yield return XlsxCell.Of(kpi.Baseline);
    }

    private static readonly XlsxColumn[] PeriodWidths = [new(14), new(12), new(24), new(40), new(22)];

    private static readonly XlsxColumn[] OverrideWidths = [new(12), new(12), new(40), new(30)];

    private static readonly XlsxColumn[] RollUpWidths = [new(12), new(40), new(26)];

    private static IEnumerable<IReadOnlyList<XlsxCell>> KpiRows(IReadOnlyList<PlanScorecard> cards, int? directorateId, Action<int, int>? progress)
    {
        var total = Owned(cards[0], directorateId).Sum(o => o.Kpis.Count);
        var written = 0;
        var plan = cards[0].Plan;
        yield return
        [
            .. KpiColumns.Select(Header),
            .. cards.SelectMany(c => PeriodColumns.Select(h => Header($"{c.Period!.Code} {h}"))),
            .. cards.SelectMany(c => OverrideColumns.Select(h => Header($"{c.Period!.Code} {h}"))),
            .. PlanWorkbookLayout.StructureColumns.Select(Header),
        ];
        var categories = plan.Categories.ToDictionary(c => c.Id, c => c.Name);
        var areas = plan.Areas.ToDictionary(a => a.Id, a => a.Name);
        var byPeriod = cards.Select(c => c.AllKpis.ToDictionary(k => k.Kpi.Id)).ToList();
        foreach (var objective in Owned(cards[0], directorateId))
        {
            foreach (var k in objective.Kpis)
            {
                var kpi = k.Kpi;
                var o = objective.Objective;
                var row = new List<XlsxCell>
                {
                    XlsxCell.Of(categories[o.CategoryId]),
                    XlsxCell.Of(o.AreaId is int areaId ? areas[areaId] : null),
                    XlsxCell.Of(o.Directorate?.Name ?? "Ente"),
                    XlsxCell.Of(o.Code),
                    XlsxCell.Of(o.Title),
                    XlsxCell.Of(kpi.Code),
                    XlsxCell.Of(kpi.Name),
                    XlsxCell.Of(OpenDataService.Unit(kpi)),
                    XlsxCell.Of(kpi.Kind switch
                    {
                        KpiKind.Boolean => "=",
                        KpiKind.Deadline => "entro il",
                        _ => ItalianValues.FormatComparator(kpi.Comparator),
                    }),
                    kpi.Kind switch
                    {
                        KpiKind.Boolean => XlsxCell.Of("SI"),
                        KpiKind.Deadline => XlsxCell.Of(kpi.Deadline),
                        _ => XlsxCell.Of(kpi.TargetValue),
                    },
                    XlsxCell.Of(kpi.Weight),
                };
                foreach (var period in byPeriod)
                {
                    var score = period[kpi.Id];
                    row.Add(score.Result switch
                    {
                        { Value: decimal v } => XlsxCell.Of(v),
                        { CompletionDate: DateOnly d } => XlsxCell.Of(d),
                        { Done: bool done } => XlsxCell.Of(done ? "SI" : "NO"),
                        _ => XlsxCell.Of(string.Empty),
                    });
                    row.Add(XlsxCell.Of(score.Attainment.Score is decimal s ? AttainmentRules.RoundForDisplay(s) : null, XlsxStyle.Decimal));
                    row.Add(XlsxCell.Of(score.Unmeasurable is { } reason ? ResultText.Unmeasurable(reason) : ScoreViewModel.From(score.Attainment).StatusLabel));
                    row.Add(XlsxCell.Of(score.Result?.Justification));
                    row.Add(XlsxCell.Of(score.Result is null ? string.Empty : ResultText.StatusLabel(score.Result.Status)));
                }

                foreach (var period in byPeriod)
                {
                    var attainment = period[kpi.Id].Attainment;
                    var forced = OverrideViewModel.From(attainment);
                    row.Add(XlsxCell.Of(attainment.ComputedScore is decimal c ? AttainmentRules.RoundForDisplay(c) : null, XlsxStyle.Decimal));
                    row.Add(XlsxCell.Of(attainment.OverrideScore, XlsxStyle.Decimal));
                    row.Add(XlsxCell.Of(forced?.Reason));
                    row.Add(XlsxCell.Of(forced is null ? null : $"{forced.ApprovedBy} ({Roles.Label(Roles.Evaluator)}) il {forced.ApprovedOn}"));
                }

                row.AddRange(StructureCells(o, kpi, plan));

                yield return row;
                progress?.Invoke(++written, total);
            }
        }
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> RollUpRows(IReadOnlyList<PlanScorecard> cards, int? directorateId)
    {
        yield return [.. RollUpColumns.Select(Header), .. cards.SelectMany(c => RollUpPeriodColumns.Select(h => Header($"{c.Period!.Code} {h}")))];
        if (directorateId is null)
        {
            yield return RollUp("Piano", cards[0].Plan.Year.ToString(CultureInfo.InvariantCulture), cards[0].Plan.Title, cards.Select(c => c.Overall));
        }

        foreach (var (group, i) in cards[0].Directorates.Select((g, i) => (g, i)).Where(x => directorateId is null || x.g.Objectives[0].Objective.DirectorateId == directorateId))
        {
            yield return RollUp("Direzione", group.Code, group.Name, cards.Select(c => c.Directorates[i].Attainment));
        }

        foreach (var (objective, i) in cards[0].Objectives.Select((o, i) => (o, i)).Where(x => directorateId is null || x.o.Objective.DirectorateId == directorateId))
        {
            yield return RollUp("Obiettivo", objective.Objective.Code, objective.Objective.Title, cards.Select(c => c.Objectives[i].Attainment));
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

    private static IEnumerable<IReadOnlyList<XlsxCell>> Readme(PerformancePlan plan, IReadOnlyList<PlanScorecard> cards, string scopeName, DateTimeOffset now)
    {
        (string, string)[] lines =
        [
            ("Piano", $"{plan.Title} ({plan.Year.ToString(CultureInfo.InvariantCulture)})"),
            ("Contenuto", scopeName),
            ("Esportato il", $"{RomeTime.Format(now)} (ora di Roma)"),
            ("Regole di calcolo", $"Versione {AttainmentRules.RuleBookVersion.ToString(CultureInfo.InvariantCulture)} del regolamento dei punteggi (docs/attainment.md); punteggi arrotondati come nelle pagine del portale."),
            ("Licenza", $"{OpenData.OpenDataLicense.Name}, {OpenData.OpenDataLicense.Url}: riutilizzabile citando la fonte."),
            ("Periodi", string.Join("; ", cards.Select(c => $"{c.Period!.Code} = {Plans.PlanService.PeriodLabel(c.Period.Name, c.Period.EndDate)}"))),
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

    private static IEnumerable<ObjectiveScore> Owned(PlanScorecard card, int? directorateId) =>
        card.Objectives.Where(o => directorateId is null || o.Objective.DirectorateId == directorateId);

    private static XlsxCell Header(string text) => XlsxCell.Of(text, XlsxStyle.Header);
}

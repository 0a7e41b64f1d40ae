using System.Globalization;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Spreadsheets;
using Pdo.Web.Features.OpenData;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Collection;

/// <summary>
/// The results templates (one per Direzione and period) and the collection page that lists them; the layout is the
/// shared contract the upload reads back (docs/architecture.md, "Results by spreadsheet").
/// </summary>
public sealed class CollectionService(ScorecardService scorecards, TimeProvider clock)
{
    /// <summary>The code that stands for the objectives without a Direzione (those of the whole Ente).</summary>
    public const string EnteCode = "ENTE";

    /// <summary>The template's sheet of results and its hidden sheet of plan, period and Direzione (read back by the upload).</summary>
    public const string ResultsSheet = "Risultati";

    public const string StateSheet = "_pdo";

    public static readonly string[] Headers =
    [
        "Chiave", "Versione", "Obiettivo", "Titolo obiettivo", "KPI", "Nome del KPI", "Unità", "Target", "Valore attuale",
        "Nuovo valore", "Motivazione dello scostamento",
    ];

    public async Task<CollectionViewModel?> PageAsync(int year, CancellationToken cancellationToken)
    {
        var card = await scorecards.LoadAsync(year, null, cancellationToken);
        if (card is null)
        {
            return null;
        }

        var owners = card.Plan.Objectives
            .GroupBy(o => o.Directorate?.Code ?? EnteCode)
            .Select(g => (Code: g.Key, Name: g.First().Directorate?.Name ?? "Ente (obiettivi trasversali)", Kpis: g.Sum(o => o.Kpis.Count)))
            .OrderBy(g => g.Code == EnteCode)
            .ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        var periods = card.Plan.Periods.Where(p => p.IsOpen).OrderBy(p => p.SortOrder)
            .Select(p => new CollectionPeriod(
                p.Code,
                PlanService.PeriodLabel(p.Name, p.EndDate),
                owners.Select(o => new CollectionTemplateLink(o.Name, o.Code, o.Kpis, Links.CollectionTemplate(year, o.Code, p.Code), FileName(year, p.Code, o.Code))).ToList()))
            .ToList();
        return new CollectionViewModel(PlanService.Header(card), periods, Links.ResultUpload(year));
    }

    /// <summary>
    /// The template of <paramref name="directorateCode"/> (or <see cref="EnteCode"/>) for the period
    /// <paramref name="periodCode"/>; null when the plan, the period or the Direzione is not in the plan.
    /// </summary>
    public async Task<CollectionTemplateFile?> TemplateAsync(int year, string directorateCode, string? periodCode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(periodCode))
        {
            return null;
        }

        var card = await scorecards.LoadAsync(year, periodCode, cancellationToken);
        if (card?.Period is not { } period)
        {
            return null;
        }

        var ente = string.Equals(directorateCode, EnteCode, StringComparison.OrdinalIgnoreCase);
        var objectives = card.Objectives.Select(o => o.Objective)
            .Where(o => ente ? o.Directorate is null : string.Equals(o.Directorate?.Code, directorateCode, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (objectives.Count == 0)
        {
            return null;
        }

        var code = ente ? EnteCode : objectives[0].Directorate!.Code;
        var owner = ente ? "Ente (obiettivi trasversali)" : objectives[0].Directorate!.Name;
        var now = clock.GetUtcNow();
        var content = XlsxWriter.WriteTemporaryFile(xlsx =>
        {
            xlsx.WriteSheet(
                new XlsxSheet(ResultsSheet, [new(12, Hidden: true), new(38, Hidden: true), new(14), new(50), new(10), new(50), new(10), new(16), new(16), new(16, Style: XlsxStyle.Text), new(50, Style: XlsxStyle.Text)], FrozenRows: 1),
                Rows(objectives, period));
            xlsx.WriteSheet(new XlsxSheet("Leggimi", [new(110)]), Lines(card.Plan, period, owner, now).Select(line => (IReadOnlyList<XlsxCell>)[XlsxCell.Of(line)]));
            xlsx.WriteSheet(
                new XlsxSheet(StateSheet, [new(12), new(30)], Hidden: true),
                [
                    [XlsxCell.Of("anno"), XlsxCell.Of(year.ToString(CultureInfo.InvariantCulture))],
                    [XlsxCell.Of("periodo"), XlsxCell.Of(period.Code)],
                    [XlsxCell.Of("direzione"), XlsxCell.Of(code)],
                    [XlsxCell.Of("generato"), XlsxCell.Of(now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))],
                ]);
        });
        return new CollectionTemplateFile(FileName(year, period.Code, code), content);
    }

    public static string FileName(int year, string period, string directorate) => $"PDO-{year}-{period}-{directorate}-risultati.xlsx";

    private static IEnumerable<IReadOnlyList<XlsxCell>> Rows(IEnumerable<Objective> objectives, MonitoringPeriod period)
    {
        yield return Headers.Select(h => XlsxCell.Of(h, XlsxStyle.Header)).ToList();
        foreach (var objective in objectives)
        {
            foreach (var kpi in objective.Kpis.OrderBy(k => k.SortOrder))
            {
                var result = kpi.ResultFor(period);
                yield return
                [
                    XlsxCell.Of($"{objective.Code}|{kpi.Code}"),
                    XlsxCell.Of(result?.Version.ToString("D")),
                    XlsxCell.Of(objective.Code),
                    XlsxCell.Of(objective.Title),
                    XlsxCell.Of(kpi.Code),
                    XlsxCell.Of(kpi.Name),
                    XlsxCell.Of(OpenDataService.Unit(kpi.ToSpec())),
                    XlsxCell.Of(kpi.TargetText),
                    XlsxCell.Of(result?.ActualText),
                    XlsxCell.Of(string.Empty, XlsxStyle.Text),
                    XlsxCell.Of(result?.Justification, XlsxStyle.Text),
                ];
            }
        }
    }

    private static IEnumerable<string> Lines(PerformancePlan plan, MonitoringPeriod period, string owner, DateTimeOffset now) =>
    [
        "Modello per la raccolta dei risultati",
        string.Empty,
        $"Piano: {plan.Title} ({plan.Year.ToString(CultureInfo.InvariantCulture)})",
        $"Periodo: {PlanService.PeriodLabel(period.Name, period.EndDate)}",
        $"Direzione: {owner}",
        $"Generato il: {RomeTime.Format(now)} (ora di Roma)",
        string.Empty,
        "Come compilarlo",
        "1. Nel foglio «Risultati» c'è una riga per ogni KPI della Direzione nel periodo. Non aggiungere, togliere o spostare righe e non modificare le colonne nascoste.",
        "2. Scrivete il valore rilevato nella colonna «Nuovo valore», come nel modulo del portale: 91,1% per una percentuale, 1.003 o 6,5 per un numero, 1'16\" o 3 minuti per un tempo, SI o NO, 30/06/2019 per una data.",
        "3. Lasciate vuoto «Nuovo valore» per non cambiare il risultato già registrato (la colonna «Valore attuale»).",
        "4. Se il valore si scosta dal target, spiegate perché in «Motivazione dello scostamento» (la motivazione già registrata si può correggere).",
        "5. Restituite il file all'Ufficio Pianificazione, che lo carica nel portale: prima di salvare il portale mostra un'anteprima delle modifiche e segnala le righe da correggere.",
        "Se nel frattempo un risultato è stato cambiato nel portale, quella riga non viene sovrascritta: il portale lo segnala e chiede un modello aggiornato.",
    ];
}

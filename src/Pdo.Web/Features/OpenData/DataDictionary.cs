namespace Pdo.Web.Features.OpenData;

/// <summary>One column of the open-data CSV (and property of each JSON row): name, type, description, unit or format, example.</summary>
public sealed record DictionaryEntry(string Column, string Type, string Description, string Format, string Example);

/// <summary>
/// The data dictionary of the open-data dataset (<c>/opendata/dizionario</c> and <c>dizionario.csv</c>), one entry per
/// column of <see cref="OpenDataRow.Columns"/>, in the same order (<c>OpenDataTests</c> compares it with the CSV header).
/// </summary>
public static class DataDictionary
{
    public static readonly string[] Columns = ["column", "type", "description", "format", "example"];

    public static readonly IReadOnlyList<DictionaryEntry> Entries =
    [
        new("year", "intero", "Anno del Piano degli Obiettivi.", "aaaa", "2019"),
        new("category", "testo", "Sezione del piano a cui appartiene l'obiettivo.", "", "Obiettivi Solidali"),
        new("area", "testo", "Area strategica dell'obiettivo; vuota se l'obiettivo non ne ha una.", "", "Milano più solidale"),
        new("directorate", "testo", "Direzione responsabile dell'obiettivo; vuota per gli obiettivi dell'Ente.", "", "Direzione Casa"),
        new("objective_code", "testo", "Codice dell'obiettivo, unico nel piano.", "", "SOL-01"),
        new("objective_title", "testo", "Titolo dell'obiettivo.", "", "Piano Quartieri"),
        new("kpi_code", "testo", "Codice del KPI (indicatore), unico nel piano; identifica la riga.", "", "SOL-01.1"),
        new("kpi_name", "testo", "Nome del KPI.", "", "Piano Quartieri: avanzamento del 70% dei programmi di lavoro del 2019"),
        new("kpi_group", "testo", "Gruppo del KPI nel consuntivo; vuoto se il KPI non è in un gruppo.", "", "Area più pulita"),
        new("unit", "testo", "Unità di misura di target e valore: «%» (punti percentuali), «minuti», «giorni» o l'unità del KPI; vuota per i conteggi e i KPI SI/NO o a scadenza.", "", "%"),
        new("comparator", "testo", "Confronto del valore con il target: >=, >, <=, <, = (SI/NO); <= per una scadenza (entro la data).", ">=, >, <=, <, =", ">="),
        new("target", "numero o data o SI", "Target del KPI: un numero con il punto decimale, una data per una scadenza, SI per un KPI SI/NO.", "numero con il punto decimale; data aaaa-mm-gg (ISO 8601)", "70"),
        new("actual", "numero o data o SI/NO", "Valore raggiunto nel periodo finale (consuntivo); vuoto se non rilevato o non rilevabile.", "numero con il punto decimale; data aaaa-mm-gg (ISO 8601); SI/NO", "91.1"),
        new("score", "numero", "Grado di raggiungimento del KPI da 0 a 100, arrotondato a un decimale come nel portale; vuoto se non rilevato.", "0–100, punto decimale", "100"),
        new("status", "testo (codice)", "Esito del KPI: raggiunto, parzialmente_raggiunto, non_raggiunto, non_rilevato.", "raggiunto, parzialmente_raggiunto, non_raggiunto, non_rilevato", "raggiunto"),
        new("weight", "numero", "Peso del KPI nel punteggio dell'obiettivo.", "punto decimale", "1"),
        new("unmeasurable_reason", "testo", "Per un KPI dichiarato non rilevabile nel consuntivo, il motivo registrato dall'Ufficio Pianificazione (allora actual e score sono vuoti e status vale non_rilevato); vuoto per gli altri KPI.", "", ""),
        new("computed_score", "numero", "Il grado di raggiungimento calcolato dalle regole (docs/attainment.md), anche quando una forzatura approvata lo ha sostituito; vuoto se non rilevato.", "punto decimale, da 0 a 100, un decimale", "91.1"),
        new("override_score", "numero", "Il punteggio forzato, approvato dall'OIV, che sostituisce computed_score in score e negli aggregati; vuoto se nessuna forzatura.", "punto decimale, da 0 a 100", "100"),
        new("override_reason", "testo", "Il motivo della forzatura approvata; vuoto se nessuna forzatura.", "", ""),
        new("override_decided_by_role", "testo", "Il ruolo di chi ha approvato la forzatura (non il nome della persona); vuoto se nessuna forzatura.", "OIV / Nucleo di Valutazione", ""),
        new("override_decided_at", "data e ora", "Quando la forzatura è stata approvata; vuoto se nessuna forzatura.", "ISO 8601, UTC (yyyy-MM-ddTHH:mm:ssZ)", "2020-04-10T09:30:00Z"),
    ];

    /// <summary>The dictionary as a CSV (RFC 4180, UTF-8), written by the one open-data CSV writer.</summary>
    public static string ToCsv() =>
        OpenDataService.WriteCsv(Columns, Entries.Select(e => new string?[] { e.Column, e.Type, e.Description, e.Format, e.Example }), CsvDialect.Rfc4180);
}

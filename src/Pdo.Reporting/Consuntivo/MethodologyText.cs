using Pdo.Reporting.Model;

namespace Pdo.Reporting.Consuntivo;

/// <summary>The methodology annex: how every score is computed (the rule book of the portal, in words).</summary>
internal static class MethodologyText
{
    public static IReadOnlyList<string> Methods { get; } =
    [
        "A soglia (tutto o niente): 100 se il target è raggiunto, altrimenti 0.",
        "In proporzione (metodo predefinito per i KPI numerici): 100 se il target è raggiunto, altrimenti l'avanzamento × 100, compreso tra 0 e 99,9 (un risultato non raggiunto non mostra mai 100). Con un valore di partenza B l'avanzamento è (valore − B) / (target − B); se più alto è meglio, valore / target; se più basso è meglio, secondo la formula del piano; per una riduzione (target negativo), valore / target.",
        "A fasce: l'avanzamento, calcolato come nel metodo proporzionale, dà il punteggio della fascia più alta raggiunta (per esempio ≥ 100 % → 100; ≥ 90 % → 80; ≥ 75 % → 50; altrimenti 0).",
        "A scadenza: 100 se l'attività è completata entro la data; se completata in ritardo, 100 meno i giorni di ritardo per la penalità giornaliera del KPI (senza penalità, 0); non completata, 0.",
    ];

    public static string Aggregation { get; } =
        "Il grado di raggiungimento di un obiettivo è la media dei punteggi dei suoi KPI rilevati, ponderata con il peso di ciascun KPI; " +
        "quello di una sezione, di un'area strategica, di una Direzione e del piano è la media dei punteggi degli obiettivi, ponderata con il peso degli obiettivi. " +
        "Un KPI senza valore è «Non rilevato»: non ha punteggio, è escluso dalle medie e la copertura («35 KPI rilevati su 35») accompagna ogni media. " +
        "I valori sono arrotondati a un decimale solo per la presentazione (mezzo lontano da zero); i calcoli usano i valori esatti. " +
        "Un KPI con punteggio inferiore a 100 richiede la motivazione dello scostamento, riportata sotto la sua riga.";

    public static IEnumerable<string> Paragraphs(ReportMethodology methodology)
    {
        yield return "Ogni punteggio di questo documento è calcolato dal portale Pdo con le regole descritte in questo allegato, le stesse delle pagine del piano: " +
            "il valore raggiunto di ciascun KPI è confrontato con il target secondo il metodo del KPI, e i punteggi sono poi aggregati per obiettivo, sezione, area strategica, Direzione e piano.";
        yield return $"Impostazioni del piano: per i KPI in cui un valore più basso è migliore si applica la formula {methodology.LowerIsBetterFormula}. {methodology.StatusBands}.";
        yield return "Metodi di calcolo del grado di raggiungimento di un KPI:";
    }
}

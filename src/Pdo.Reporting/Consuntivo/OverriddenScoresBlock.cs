using Pdo.Reporting.Layout;
using Pdo.Reporting.Model;
using static Pdo.Reporting.Consuntivo.ReportTheme;

namespace Pdo.Reporting.Consuntivo;

/// <summary>
/// The list «Punteggi modificati»: every KPI whose computed score an approved override replaced, with both scores, the
/// reason and who approved it. One block for every document that reports overrides (the consuntivo; the Relazione
/// sulla Performance reuses it), so the list reads the same wherever a citizen finds it.
/// </summary>
internal static class OverriddenScoresBlock
{
    public const string Title = "Punteggi modificati";

    /// <summary>The section: heading (level 1, in the outline, at <paramref name="anchor"/>), a sentence and the table; with no override, the sentence says so.</summary>
    public static void Write(FlowLayout flow, IReadOnlyList<ReportOverriddenScore> scores, int? anchor, int level = 1)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(scores);
        flow.EnsureSpace(140);
        flow.BeginGroup("Sect");
        flow.Heading(Title, level, level == 1 ? H1 : H2, outlineLevel: level, anchor: anchor, spaceBefore: 16, spaceAfter: 8);
        if (scores.Count == 0)
        {
            flow.Paragraph("Nessun punteggio è stato modificato: ogni grado di raggiungimento è quello calcolato dalle regole.", Body, TextAlign.Justify);
            flow.EndGroup();
            return;
        }

        flow.Paragraph(
            (scores.Count == 1 ? "Il grado di raggiungimento di 1 KPI non è" : $"Il grado di raggiungimento di {scores.Count} KPI non è")
            + " quello calcolato dalle regole: l'Ufficio Pianificazione ne ha proposto la modifica con il motivo indicato e l'OIV / Nucleo di Valutazione l'ha approvata. Il punteggio forzato sostituisce quello calcolato in tutte le medie.",
            Body,
            TextAlign.Justify);
        var rows = scores.Select(s => new TableRow(
        [
            new TableCell([new CellText(s.KpiCode, CellStrong), new CellText(s.KpiName, CellSmall), new CellText($"Obiettivo {s.ObjectiveCode}", CellSmall)]),
            new TableCell(s.Override.ComputedScore, Cell),
            new TableCell(s.Override.OverrideScore, CellStrong),
            new TableCell([new CellText(s.Override.Reason, Cell), new CellText($"Approvata da {s.Override.ApprovedBy} il {s.Override.ApprovedOn}", CellSmall)]),
        ])).ToList();
        flow.Table(new TableSpec(
            [
                new TableColumn("KPI", 30),
                new TableColumn("Punteggio calcolato", 15),
                new TableColumn("Punteggio forzato", 15),
                new TableColumn("Motivo e approvazione", 40),
            ],
            rows,
            TableHeader) { HeaderBackground = Primary, Border = Border });
        flow.EndGroup();
    }
}

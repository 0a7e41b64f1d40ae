using Pdo.Reporting.Layout;
using Pdo.Reporting.Model;
using static Pdo.Reporting.Consuntivo.ReportTheme;

namespace Pdo.Reporting.Consuntivo;

/// <summary>
/// Lays the consuntivo out like the document the Giunta approves: cover, table of contents, summary (scores by
/// section, strategic area and Direzione as charts and tables), then section by section and part by part one
/// block per objective, the methodology annex and the approval act.
/// </summary>
internal sealed class ConsuntivoDocument
{
    private readonly ConsuntivoReport _report;
    private readonly FlowLayout _flow = new();
    private readonly int _summaryAnchor;
    private readonly int _methodologyAnchor;
    private readonly int _approvalAnchor;
    private readonly int _introductionAnchor;
    private readonly int _closingNoteAnchor;
    private readonly int _overridesAnchor;
    private readonly Dictionary<object, int> _anchors = new(ReferenceEqualityComparer.Instance);

    // The Relazione's seven sections (LG 3/2018), reserved only for a Relazione; its objectives sit one level deeper, under section 3.
    private readonly int[] _sections = [];
    private readonly int _depth;

    private ConsuntivoDocument(ConsuntivoReport report)
    {
        _report = report;
        _summaryAnchor = _flow.ReserveAnchor();
        _methodologyAnchor = _flow.ReserveAnchor();
        _approvalAnchor = _flow.ReserveAnchor();
        _introductionAnchor = _flow.ReserveAnchor();
        _closingNoteAnchor = _flow.ReserveAnchor();
        _overridesAnchor = _flow.ReserveAnchor();
        if (report.Relazione is not null)
        {
            _sections = Enumerable.Range(0, RelazioneSections.Length).Select(_ => _flow.ReserveAnchor()).ToArray();
            _depth = 1;
        }

        foreach (var chapter in report.Chapters)
        {
            _anchors[chapter] = _flow.ReserveAnchor();
            foreach (var part in chapter.Parts)
            {
                _anchors[part] = _flow.ReserveAnchor();
                foreach (var objective in part.Objectives)
                {
                    _anchors[objective] = _flow.ReserveAnchor();
                }
            }
        }
    }

    public static ReportLayout Lay(ConsuntivoReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new ConsuntivoDocument(report);
        return document.Compose();
    }

    private static readonly string[] RelazioneSections =
    [
        "1. Sintesi",
        "2. Contesto e risorse",
        "3. Obiettivi e risultati",
        "4. Performance organizzativa complessiva",
        "5. Punteggi modificati e osservazioni aperte",
        "6. Il processo di misurazione",
        "7. Validazione",
    ];

    private ReportLayout Compose()
    {
        Cover();
        Contents();
        if (_report.Relazione is { } relazione)
        {
            Relazione(relazione);
        }
        else
        {
            Introduction();
            Summary();
            foreach (var chapter in _report.Chapters)
            {
                Chapter(chapter);
            }

            Methodology();
            if (_report.OverriddenScores.Count > 0)
            {
                OverriddenScoresBlock.Write(_flow, _report.OverriddenScores, _overridesAnchor);
            }

            Approval();
            ClosingNote();
        }

        var r = _report;
        var furniture = new PageFurniture(
            $"{r.Organisation} · {r.DocumentTitle}",
            r.Scope ?? r.StatusLabel,
            $"Periodo: {r.PeriodName} · generato da Pdo il {r.GeneratedOn}",
            Furniture)
        {
            Watermark = r.IsApproved ? null : "BOZZA",
        };
        var info = new DocumentInfo(
            r.Scope is null ? r.DocumentTitle : $"{r.DocumentTitle} — {r.Scope}",
            r.Organisation,
            r.Relazione is null
                ? $"Consuntivo del {r.PlanTitle}: grado di raggiungimento degli obiettivi e dei KPI ({r.PeriodName})"
                : $"Relazione sulla Performance del {r.PlanTitle} (D.Lgs. 150/2009 art. 10; LG 3/2018): risultati, osservazioni dell'OIV, validazione",
            $"PDO; Piano degli Obiettivi; consuntivo; {r.Year}; {r.Organisation}")
        {
            CreatedAt = r.GeneratedAt,
        };
        return _flow.Finish(furniture, info);
    }

    private void Cover()
    {
        var r = _report;
        var f = _flow;
        f.NewPage();
        f.Add(BeginArtifactOp.Instance);
        f.Add(new RectOp(0, 0, FlowLayout.PageWidth, 150, Primary, null));
        f.Add(EndArtifactOp.Instance);
        f.Add(new BeginTagOp(TagKind.Block, "P"));
        f.Add(new TextOp(f.Left, 100, r.Organisation, CoverOrganisation));
        f.Add(EndTagOp.Instance);
        f.MoveTo(190);
        f.Heading(r.DocumentTitle, 1, CoverTitle, outlineLevel: 1, spaceAfter: 10, keepWithNext: 0);
        if (r.Scope is not null)
        {
            f.Paragraph(r.Scope, CoverSubtitle, spaceAfter: 12);
        }

        f.Space(8);
        f.Fact("Stato:", r.StatusLabel, BodyStrong, Body);
        f.Fact("Periodo di monitoraggio:", $"{r.PeriodName} — {r.PeriodNote}", BodyStrong, Body);
        f.Fact("Atto di approvazione:", r.ApprovalText is null ? "non ancora approvato" : ApprovalSentence(r), BodyStrong, Body);
        if (r.ValidationText is not null)
        {
            f.Fact("Validazione OIV:", r.ValidationText, BodyStrong, Body);
        }
        f.Space(18);
        f.Callout(
            [
                new CellText("Grado di raggiungimento complessivo", BodyStrong),
                new CellText(r.Overall.Display, ScoreBig with { Color = StatusColor(r.Overall.Status) }),
                new CellText($"{(r.Overall.Provisional ? r.Overall.StatusLabel : $"{r.Overall.StatusLabel} · {r.Overall.Coverage}")} · {Count(r.ObjectiveCount, "obiettivo", "obiettivi")}", Body),
            ],
            LightBlue,
            Border,
            padding: 14);
        if (!r.IsApproved)
        {
            f.Paragraph(
                $"BOZZA: il piano non è approvato. I valori sono quelli del periodo «{r.PeriodName}» e possono cambiare fino all'approvazione del consuntivo.",
                BodyStrong with { Color = NotAchieved },
                spaceAfter: 8);
        }

        f.Paragraph($"Documento generato da Pdo il {r.GeneratedOn} dai dati del portale: ogni valore è quello mostrato dalle pagine del piano.", Small);
    }

    private void Contents()
    {
        var f = _flow;
        f.NewPage();
        f.Heading("Indice", 1, H1, outlineLevel: 1, spaceAfter: 10);
        if (_report.Relazione is not null)
        {
            f.TableOfContents(RelazioneContents(), Toc, TocChapter);
            return;
        }

        var entries = new List<TocEntry>();
        if (_report.Introduction.Count > 0)
        {
            entries.Add(new TocEntry("Introduzione", 1, _introductionAnchor));
        }

        entries.Add(new TocEntry("Sintesi", 1, _summaryAnchor));
        foreach (var chapter in _report.Chapters)
        {
            entries.Add(new TocEntry(chapter.Title, 1, _anchors[chapter]));
            foreach (var part in chapter.Parts)
            {
                if (part.Title is not null)
                {
                    entries.Add(new TocEntry(part.Title, 2, _anchors[part]));
                }

                foreach (var objective in part.Objectives)
                {
                    entries.Add(new TocEntry(objective.Title, part.Title is null ? 2 : 3, _anchors[objective]));
                }
            }
        }

        entries.Add(new TocEntry("Metodologia", 1, _methodologyAnchor));
        if (_report.OverriddenScores.Count > 0)
        {
            entries.Add(new TocEntry(OverriddenScoresBlock.Title, 1, _overridesAnchor));
        }

        entries.Add(new TocEntry("Atto di approvazione", 1, _approvalAnchor));
        if (_report.ClosingNote.Count > 0)
        {
            entries.Add(new TocEntry("Nota conclusiva", 1, _closingNoteAnchor));
        }

        f.TableOfContents(entries, Toc, TocChapter);
    }

    private void Summary()
    {
        var r = _report;
        var f = _flow;
        f.NewPage();
        f.BeginGroup("Sect");
        f.Heading("Sintesi", 1, H1, outlineLevel: 1, anchor: _summaryAnchor, spaceAfter: 8);
        f.Paragraph(
            $"Nel periodo «{r.PeriodName}» il grado di raggiungimento complessivo {(r.Scope is null ? "del piano" : "di " + r.Scope)} è {r.Overall.Display} ({r.Overall.StatusLabel}), " +
            $"su {Count(r.ObjectiveCount, "obiettivo", "obiettivi")} e {r.KpiCount} KPI ({r.Overall.Coverage}). " +
            "I punteggi sono medie ponderate dei KPI rilevati; la copertura dice quanti KPI hanno un valore.",
            Body,
            TextAlign.Justify,
            spaceAfter: 10);
        SummaryGroups();
        f.EndGroup();
    }

    private void SummaryGroups()
    {
        foreach (var summary in _report.Summaries)
        {
            SummaryGroup(summary.Title, summary.FirstColumn, summary.Rows);
        }
    }

    private void SummaryGroup(string title, string firstColumn, IReadOnlyList<ReportGroupSummary> groups)
    {
        if (groups.Count == 0)
        {
            return;
        }

        var f = _flow;
        f.Heading(title, 2, H2, outlineLevel: 0, spaceBefore: 8, spaceAfter: 6, keepWithNext: 80);
        var alt = $"{title}: " + string.Join("; ", groups.Select(g => $"{g.Name} {g.Score.Display}"));
        f.BarChart(
            new BarChartSpec(
                "Punteggi su scala da 0 a 100 %",
                groups.Select(g => new BarItem(g.Name, g.Score.Value, g.Score.Display, StatusColor(g.Score.Status))).ToList(),
                alt,
                ChartLabel),
            ChartTitle,
            spaceAfter: 6);
        f.Table(new TableSpec(
            [
                new TableColumn(firstColumn, 44),
                new TableColumn("Obiettivi", 11, TextAlign.Right),
                new TableColumn("Grado di raggiungimento", 20, TextAlign.Right),
                new TableColumn("Stato e copertura", 25),
            ],
            groups.Select(g => new TableRow(
            [
                new TableCell(g.Name, CellStrong),
                new TableCell(g.ObjectiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Cell),
                new TableCell(g.Score.Display, CellStrong),
                new TableCell([new CellText(g.Score.StatusLabel, Cell with { Color = StatusColor(g.Score.Status) }), new CellText(g.Score.Provisional ? string.Empty : g.Score.Coverage ?? string.Empty, CellSmall)]),
            ])).ToList(),
            TableHeader) { HeaderBackground = Primary, Border = Border });
    }

    private void Chapter(ReportChapter chapter)
    {
        var f = _flow;
        f.NewPage();
        f.BeginGroup("Sect");
        f.Heading(chapter.Title, 1 + _depth, _depth == 0 ? H1 : H2, outlineLevel: 1 + _depth, anchor: _anchors[chapter], spaceAfter: 4);
        f.Paragraph($"Grado di raggiungimento della sezione: {chapter.Score.Display} — {chapter.Score.StatusWithCoverage}", BodyStrong, spaceAfter: 10);
        foreach (var part in chapter.Parts)
        {
            if (part.Title is not null)
            {
                f.BeginGroup("Sect");
                f.Heading(part.Title, 2 + _depth, H2, outlineLevel: 2 + _depth, anchor: _anchors[part], spaceBefore: 10, spaceAfter: 2, keepWithNext: 120);
                if (part.Score is { } score)
                {
                    f.Paragraph($"Grado di raggiungimento: {score.Display} — {score.StatusWithCoverage}", Small, spaceAfter: 6);
                }
            }
            else
            {
                f.PlaceAnchor(_anchors[part]);
            }

            foreach (var objective in part.Objectives)
            {
                Objective(objective, (part.Title is null ? 2 : 3) + _depth);
            }

            if (part.Title is not null)
            {
                f.EndGroup();
            }
        }

        f.EndGroup();
    }

    private void Objective(ReportObjective o, int level)
    {
        var f = _flow;
        f.BeginGroup("Sect");
        f.Heading(o.Title, level, H3, outlineLevel: level, anchor: _anchors[o], spaceBefore: 14, spaceAfter: 3, keepWithNext: 110);
        var where = o.Area is null ? o.Section : $"{o.Section} · {o.Area}";
        f.Paragraph($"Obiettivo {o.Code} · {where} · peso {o.Weight}", Small, spaceAfter: 1);
        f.Fact("Direzione:", o.Owner, BodyStrong, Body);
        f.Fact("Grado di raggiungimento:", $"{o.Score.Display} — {o.Score.StatusWithCoverage}", BodyStrong, Body with { Color = StatusColor(o.Score.Status) }, spaceAfter: 6);
        f.Table(KpiTable(o), spaceAfter: 8);
        Narrative(o.Narrative);

        if (o.DataSourceNote is not null)
        {
            f.Paragraph($"Fonte dei dati: {o.DataSourceNote}", SmallItalic, spaceAfter: 4);
        }

        f.EndGroup();
    }

    /// <summary>Narrative blocks as tagged paragraphs (P) and lists (L, LI, Lbl, LBody), the same on every narrative of the document.</summary>
    private void Narrative(IReadOnlyList<ReportNarrativeBlock> blocks) => LayNarrative(_flow, blocks);

    /// <summary>The one layout of narrative blocks, also used by the validation document.</summary>
    internal static void LayNarrative(FlowLayout flow, IReadOnlyList<ReportNarrativeBlock> blocks)
    {
        foreach (var block in blocks)
        {
            if (block.Paragraph is not null)
            {
                flow.Paragraph(block.Paragraph, Body, TextAlign.Justify, spaceAfter: 5);
            }
            else
            {
                flow.Bullets(block.Items, Body, TextAlign.Justify, spaceAfter: 5, numbered: block.Numbered);
            }
        }
    }

    private void Introduction()
    {
        if (_report.Introduction.Count == 0)
        {
            return;
        }

        var f = _flow;
        f.NewPage();
        f.BeginGroup("Sect");
        f.Heading("Introduzione", 1, H1, outlineLevel: 1, anchor: _introductionAnchor, spaceAfter: 8);
        Narrative(_report.Introduction);
        f.EndGroup();
    }

    private void ClosingNote()
    {
        if (_report.ClosingNote.Count == 0)
        {
            return;
        }

        var f = _flow;
        f.EnsureSpace(120);
        f.BeginGroup("Sect");
        f.Heading("Nota conclusiva", 1, H1, outlineLevel: 1, anchor: _closingNoteAnchor, spaceBefore: 16, spaceAfter: 8);
        Narrative(_report.ClosingNote);
        f.EndGroup();
    }

    private static TableSpec KpiTable(ReportObjective o)
    {
        var rows = new List<TableRow>();
        foreach (var group in o.KpiGroups)
        {
            if (group.Label is not null)
            {
                rows.Add(new TableRow([new TableCell(group.Label, CellStrong with { Color = Primary })])
                {
                    SpansAllColumns = true,
                    IsRowHeader = true,
                    Background = LightBlue,
                });
            }

            var first = true;
            foreach (var k in group.Kpis)
            {
                var actual = new List<CellText> { new(k.Actual, Cell) };
                if (k.ActualReading is not null)
                {
                    actual.Add(new CellText($"letto come {k.ActualReading}", CellSmall));
                }

                rows.Add(new TableRow(
                [
                    new TableCell([new CellText(k.Name, Cell), new CellText($"{k.Code} · peso {k.Weight}", CellSmall)]),
                    new TableCell(k.Target, Cell),
                    new TableCell(actual),
                    new TableCell([new CellText(k.Score.Display, CellStrong), new CellText(k.Score.StatusLabel, CellSmall with { Color = StatusColor(k.Score.Status) })]),
                ])
                {
                    // The group label stays with its first KPI.
                    KeepWithPrevious = first && group.Label is not null,
                });
                first = false;
                if (k.Justification is not null)
                {
                    rows.Add(new TableRow([new TableCell($"Motivazione dello scostamento ({k.Code}): {k.Justification}", CellNote)])
                    {
                        SpansAllColumns = true,
                        KeepWithPrevious = true,
                        Background = LightGrey,
                    });
                }

                if (k.Override is { } forced)
                {
                    rows.Add(new TableRow([new TableCell($"{k.Code}: {forced.Note}", CellNote)])
                    {
                        SpansAllColumns = true,
                        KeepWithPrevious = true,
                        Background = LightGrey,
                    });
                }
            }
        }

        return new TableSpec(
            [
                new TableColumn("KPI", 42),
                new TableColumn("Target", 19),
                new TableColumn("Valore raggiunto", 19),
                new TableColumn("Grado di raggiungimento", 20),
            ],
            rows,
            TableHeader) { HeaderBackground = Primary, Border = Border };
    }

    private void Methodology()
    {
        var f = _flow;
        f.NewPage();
        f.BeginGroup("Sect");
        f.Heading("Metodologia", 1, H1, outlineLevel: 1, anchor: _methodologyAnchor, spaceAfter: 8);
        MethodologyBody();
        f.EndGroup();
    }

    /// <summary>The rule book in words and how every score of the document is computed (the consuntivo's annex, section 6 of the Relazione).</summary>
    private void MethodologyBody()
    {
        var r = _report;
        var f = _flow;
        foreach (var paragraph in MethodologyText.Paragraphs(r.Methodology))
        {
            f.Paragraph(paragraph, Body, TextAlign.Justify, spaceAfter: 5);
        }

        f.Bullets(MethodologyText.Methods, Body, TextAlign.Justify);
        f.Paragraph(MethodologyText.Aggregation, Body, TextAlign.Justify);
        f.Heading("Come è calcolato ogni punteggio", 2, H2, outlineLevel: 2, spaceBefore: 8, spaceAfter: 6, keepWithNext: 60);
        var rows = r.Objectives.SelectMany(o =>
            o.KpiGroups.SelectMany(g => g.Kpis).Select(k => new TableRow(
            [
                new TableCell([new CellText(k.Code, CellStrong), new CellText(k.Name, CellSmall)]),
                new TableCell(k.Method, Cell),
                new TableCell([new CellText(k.Formula, Cell), new CellText($"Grado di raggiungimento: {k.Score.Display}", CellSmall)]),
            ]))
            .Prepend(new TableRow([new TableCell([new CellText($"{o.Code} — {o.Title}", CellStrong with { Color = Primary }), new CellText($"Obiettivo: {o.ScoreFormula}", CellSmall)])])
            {
                SpansAllColumns = true,
                IsRowHeader = true,
                Background = LightBlue,
            })).ToList();
        f.Table(new TableSpec(
            [
                new TableColumn("KPI", 34),
                new TableColumn("Metodo", 22),
                new TableColumn("Calcolo", 44),
            ],
            rows,
            TableHeader) { HeaderBackground = Primary, Border = Border });
    }

    private void Approval()
    {
        var r = _report;
        var f = _flow;
        f.EnsureSpace(160);
        f.BeginGroup("Sect");
        f.Heading("Atto di approvazione", 1, H1, outlineLevel: 1, anchor: _approvalAnchor, spaceBefore: 16, spaceAfter: 8);
        if (r.ApprovalText is null)
        {
            f.Paragraph(
                $"Il consuntivo del {r.PlanTitle} non è ancora approvato dalla Giunta (stato: {r.StatusLabel}). Questo documento è una bozza con i valori del periodo «{r.PeriodName}».",
                Body,
                TextAlign.Justify);
        }
        else
        {
            f.Paragraph($"Il consuntivo del {r.PlanTitle} è approvato con {ApprovalSentence(r)}.", Body, TextAlign.Justify);
            if (r.ApprovalLink is not null)
            {
                f.Paragraph("Il testo dell'atto è pubblicato all'indirizzo (se il collegamento non si apre, copiarlo nella barra degli indirizzi del browser):", Body);
                f.WebLink(r.ApprovalLink, r.ApprovalLink, Body with { Color = Primary });
            }

            if (r.ValidationText is not null)
            {
                f.Paragraph($"{r.ValidationText}.", Body, TextAlign.Justify);
            }
        }

        f.EndGroup();
    }

    private IReadOnlyList<TocEntry> RelazioneContents()
    {
        var entries = new List<TocEntry>();
        for (var i = 0; i < RelazioneSections.Length; i++)
        {
            entries.Add(new TocEntry(RelazioneSections[i], 1, _sections[i]));
            if (i != 2)
            {
                continue;
            }

            foreach (var chapter in _report.Chapters)
            {
                entries.Add(new TocEntry(chapter.Title, 2, _anchors[chapter]));
                foreach (var objective in chapter.Parts.SelectMany(p => p.Objectives))
                {
                    entries.Add(new TocEntry(objective.Title, 3, _anchors[objective]));
                }
            }
        }

        return entries;
    }

    /// <summary>The Relazione sulla Performance: the seven sections of LG 3/2018, on the consuntivo's blocks.</summary>
    private void Relazione(RelazioneParts relazione)
    {
        var r = _report;
        var f = _flow;
        Section(0, newPage: true);
        foreach (var sentence in relazione.Headline)
        {
            f.Paragraph(sentence, Body, TextAlign.Justify, spaceAfter: 5);
        }

        f.EndGroup();

        Section(1, newPage: false);
        if (relazione.Context.Count == 0)
        {
            f.Paragraph("L'Ufficio Pianificazione e Controllo non ha scritto il contesto e le risorse di questo piano.", Body);
        }

        Narrative(relazione.Context);
        f.EndGroup();

        Section(2, newPage: true);
        f.Paragraph($"I risultati di ogni obiettivo e dei suoi KPI nel periodo «{r.PeriodName}», sezione per sezione, come nel consuntivo.", Body, TextAlign.Justify);
        f.EndGroup();
        foreach (var chapter in r.Chapters)
        {
            Chapter(chapter);
        }

        Section(3, newPage: true);
        f.Paragraph(
            $"Il grado di raggiungimento complessivo del piano è {r.Overall.Display} ({r.Overall.StatusWithCoverage}). Qui sotto i punteggi per sezione, area strategica e Direzione.",
            Body,
            TextAlign.Justify,
            spaceAfter: 8);
        SummaryGroups();
        f.EndGroup();

        Section(4, newPage: true);
        OverriddenScoresBlock.Write(f, r.OverriddenScores, anchor: null, level: 2);
        f.Heading("Osservazioni aperte", 2, H2, outlineLevel: 2, spaceBefore: 16, spaceAfter: 8);
        if (relazione.OpenObservations.Count == 0)
        {
            f.Paragraph("Nessuna osservazione dell'OIV è aperta.", Body);
        }

        foreach (var o in relazione.OpenObservations)
        {
            f.BeginGroup("Sect");
            f.Heading(o.Subject, 2, H3, outlineLevel: 0, spaceBefore: 8, spaceAfter: 2, keepWithNext: 60);
            f.Paragraph($"{o.Status} · {o.OpenedBy}", Small, spaceAfter: 3);
            Narrative(o.Text);
            foreach (var answer in o.Answers)
            {
                f.Paragraph($"Risposta di {answer.Author}:", BodyStrong, spaceAfter: 2);
                Narrative(answer.Text);
            }

            f.EndGroup();
        }

        f.EndGroup();

        Section(5, newPage: true);
        foreach (var paragraph in relazione.MeasurementProcess)
        {
            f.Paragraph(paragraph, Body, TextAlign.Justify, spaceAfter: 5);
        }

        MethodologyBody();
        f.EndGroup();

        Section(6, newPage: true);
        if (relazione.Validation is { } v)
        {
            f.Fact("Esito:", v.Outcome, BodyStrong, Body);
            f.Fact("Data:", v.Date, BodyStrong, Body);
            f.Fact("Firmata da:", v.SignedBy, BodyStrong, Body, spaceAfter: 8);
            f.Paragraph("Motivazione", BodyStrong, spaceAfter: 2);
            Narrative(v.Reasoning);
            if (v.Reservations.Count > 0)
            {
                f.Paragraph("Riserve", BodyStrong, spaceAfter: 2);
                Narrative(v.Reservations);
            }
        }
        else
        {
            f.Paragraph("La Relazione non è ancora validata dall'OIV / Nucleo di Valutazione.", Body);
        }

        f.EndGroup();
    }

    /// <summary>Opens section <paramref name="index"/> of the Relazione: a tagged Sect with its H1, bookmark and anchor.</summary>
    private void Section(int index, bool newPage)
    {
        var f = _flow;
        if (newPage)
        {
            f.NewPage();
        }
        else
        {
            f.EnsureSpace(120);
        }

        f.BeginGroup("Sect");
        f.Heading(RelazioneSections[index], 1, H1, outlineLevel: 1, anchor: _sections[index], spaceBefore: newPage ? 0 : 16, spaceAfter: 8);
    }

    private static string ApprovalSentence(ConsuntivoReport r) =>
        r.ApprovalDescription is null ? r.ApprovalText! : $"{r.ApprovalText} ({r.ApprovalDescription})";

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}

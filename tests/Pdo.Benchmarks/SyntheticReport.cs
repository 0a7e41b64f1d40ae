using System.Globalization;
using Pdo.Reporting.Model;

namespace Pdo.Benchmarks;

/// <summary>
/// Builds a realistic consuntivo of any size, deterministically (same objective count and seed, same report):
/// 4 sections, 6 strategic areas, 20 Direzioni; every objective has 3–6 KPIs (some under a group label such as
/// "Area più pulita"), one or two narrative paragraphs of 60–140 words, a bullet list on one objective in three,
/// a data-source note on one in four, and a justification on every KPI below 100. About 1,6 objectives per page.
/// </summary>
public static class SyntheticReport
{
    private static readonly string[] Words =
    [
        "il", "programma", "di", "digitalizzazione", "dei", "servizi", "ha", "registrato", "nel", "corso", "dell'anno",
        "un", "avanzamento", "delle", "attività", "pari", "al", "target", "previsto", "con", "la", "messa", "a", "regime",
        "nuove", "tipologie", "entrata", "abilitate", "ai", "pagamenti", "online", "cittadini", "Direzioni", "competenti",
        "cronoprogramma", "interventi", "realizzazione", "opere", "pubbliche", "quartieri", "mobilità", "sostenibile",
        "riduzione", "emissioni", "trasporto", "pubblico", "locale", "incremento", "passeggeri", "monitoraggio",
        "settimanale", "risultati", "superando", "obiettivo", "assegnazione", "alloggi", "recuperati", "nuclei", "familiari",
        "tirocini", "contratti", "lavoro", "politiche", "sociali", "residenzialità", "temporanea", "posti", "letto",
    ];

    private static readonly string[] Sections = ["Obiettivi Solidali", "Obiettivi Gestionali", "Indicatori di funzionamento dell’Ente", "Obiettivi di Direzione"];

    private static readonly string[] Areas = ["Milano più solidale", "Milano più attrattiva", "Milano digitale", "Milano per l’ambiente", "Milano più sicura", "Milano che cresce"];

    public static ConsuntivoReport Create(int objectives, int seed = 2019)
    {
        var random = new Random(seed);
        var directorates = Enumerable.Range(1, 20).Select(i => $"Direzione {Sentence(random, 2, 3).TrimEnd('.')} {i}").ToList();
        var all = new List<(int Section, int Area, int Directorate, ReportObjective Objective)>();
        var kpiTotal = 0;
        for (var i = 0; i < objectives; i++)
        {
            var section = i * Sections.Length / objectives;
            var area = (i / 3) % Areas.Length;
            var directorate = random.Next(directorates.Count);
            var objective = Objective(random, i, Sections[section], section < 2 ? Areas[area] : null, directorates[directorate]);
            kpiTotal += objective.KpiGroups.Sum(g => g.Kpis.Count);
            all.Add((section, area, directorate, objective));
        }

        var chapters = Enumerable.Range(0, Sections.Length).Select(s =>
        {
            var inSection = all.Where(a => a.Section == s).ToList();
            var parts = s < 2
                ? inSection.GroupBy(a => a.Area).OrderBy(g => g.Key).Select(g => new ReportPart(Areas[g.Key], Score(Mean(g.Select(x => x.Objective))), g.Select(x => x.Objective).ToList())).ToList()
                : s == 3
                    ? inSection.GroupBy(a => a.Directorate).OrderBy(g => g.Key).Select(g => new ReportPart(directorates[g.Key], Score(Mean(g.Select(x => x.Objective))), g.Select(x => x.Objective).ToList())).ToList()
                    : [new ReportPart(null, null, inSection.Select(x => x.Objective).ToList())];
            return new ReportChapter(Sections[s], Score(Mean(inSection.Select(x => x.Objective))), parts);
        }).Where(c => c.Parts.Sum(p => p.Objectives.Count) > 0).ToList();

        ReportGroupSummary Summary(string name, IEnumerable<ReportObjective> os)
        {
            var list = os.ToList();
            return new ReportGroupSummary(name, list.Count, Score(Mean(list)));
        }

        return new ConsuntivoReport
        {
            Organisation = "Comune di Milano",
            Year = 2030,
            PlanTitle = "Piano degli Obiettivi 2030",
            StatusLabel = "Approvato",
            IsApproved = true,
            PeriodName = "Consuntivo (31/12/2030)",
            PeriodNote = "periodo finale del piano approvato",
            ApprovalText = "Delibera di Giunta n. 777 del 14/04/2031",
            ApprovalLink = "https://www.comune.milano.it/documents/20126/983653/Delibera+n.+777+del+14-04-2031+Approvazione+Consuntivo+PDO+2030.pdf",
            ApprovalDescription = "Approvazione Consuntivo PDO 2030",
            GeneratedOn = "26/11/2031",
            Overall = Score(Mean(all.Select(a => a.Objective)), $"{kpiTotal} KPI rilevati su {kpiTotal}"),
            ObjectiveCount = objectives,
            KpiCount = kpiTotal,
            Summaries =
            [
                new ReportSummary("Grado di raggiungimento per sezione", "Sezione", Sections.Select((name, s) => Summary(name, all.Where(a => a.Section == s).Select(a => a.Objective))).Where(g => g.ObjectiveCount > 0).ToList()),
                new ReportSummary("Grado di raggiungimento per area strategica", "Area strategica", Areas.Select((name, a) => Summary(name, all.Where(x => x.Section < 2 && x.Area == a).Select(x => x.Objective))).Where(g => g.ObjectiveCount > 0).ToList()),
                new ReportSummary("Grado di raggiungimento per Direzione", "Direzione", directorates.Select((name, d) => Summary(name, all.Where(x => x.Directorate == d).Select(x => x.Objective))).Where(g => g.ObjectiveCount > 0).ToList()),
            ],
            Chapters = chapters,
            Methodology = new ReportMethodology("«rapporto» (target / valore raggiunto)", "Fasce di stato: 100 raggiunto, da 80 parzialmente"),
        };
    }

    private static ReportObjective Objective(Random random, int index, string section, string? area, string directorate)
    {
        var code = $"OB-{index + 1:0000}";
        var kpiCount = random.Next(3, 7);
        var groups = new List<ReportKpiGroup>();
        var kpis = new List<ReportKpi>();
        string? label = random.Next(3) == 0 ? "Area più pulita" : null;
        for (var k = 0; k < kpiCount; k++)
        {
            if (k == kpiCount / 2 && label is not null && kpis.Count > 0)
            {
                groups.Add(new ReportKpiGroup(label, kpis));
                kpis = [];
                label = "Spostamenti più facili e veloci";
            }

            kpis.Add(Kpi(random, $"{code}.{k + 1}"));
        }

        groups.Add(new ReportKpiGroup(label, kpis));
        var narrative = new List<ReportNarrativeBlock> { new(Sentences(random, 60, 140), []) };
        if (random.Next(2) == 0)
        {
            narrative.Add(new ReportNarrativeBlock(Sentences(random, 40, 90), []));
        }

        if (random.Next(3) == 0)
        {
            narrative.Add(new ReportNarrativeBlock(null, Enumerable.Range(0, random.Next(2, 5)).Select(_ => Sentence(random, 6, 16)).ToList()));
        }

        var all = groups.SelectMany(g => g.Kpis).ToList();
        var mean = all.Average(k => k.Score.Value ?? 0m);
        return new ReportObjective(
            code,
            Sentence(random, 4, 12).TrimEnd('.'),
            directorate,
            section,
            area,
            "1",
            Score(mean, $"{all.Count} KPI rilevati su {all.Count}"),
            "media ponderata dei KPI rilevati",
            groups,
            narrative,
            random.Next(4) == 0 ? "Dati forniti dalla Direzione Operativa – Area Innovazione e Digitalizzazione dei Processi" : null);
    }

    private static ReportKpi Kpi(Random random, string code)
    {
        var target = random.Next(2, 1000);
        var met = random.Next(5) != 0;
        var actual = met ? target + random.Next(0, 200) : (int)(target * (0.5 + (random.NextDouble() * 0.45)));
        var score = met ? 100m : Math.Round(100m * actual / target, 1);
        return new ReportKpi(
            code,
            Sentence(random, 5, 18).TrimEnd('.'),
            "1",
            $"≥ {target.ToString("#,0", Italian)}",
            actual.ToString("#,0", Italian),
            null,
            Score(score),
            met ? null : Sentence(random, 15, 40),
            "In proporzione",
            met ? $"{actual.ToString("#,0", Italian)} ≥ {target.ToString("#,0", Italian)}: target raggiunto → 100" : $"{actual.ToString("#,0", Italian)} / {target.ToString("#,0", Italian)} × 100 = {score.ToString("0.0", Italian)}");
    }

    private static readonly NumberFormatInfo Italian = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    private static decimal Mean(IEnumerable<ReportObjective> objectives)
    {
        var list = objectives.ToList();
        return list.Count == 0 ? 0m : list.Average(o => o.Score.Value ?? 0m);
    }

    private static ReportScore Score(decimal value, string? coverage = "rilevato")
    {
        var status = value >= 100m ? ReportStatus.Achieved : value >= 80m ? ReportStatus.PartiallyAchieved : ReportStatus.NotAchieved;
        var label = status switch
        {
            ReportStatus.Achieved => "Raggiunto",
            ReportStatus.PartiallyAchieved => "Parzialmente raggiunto",
            _ => "Non raggiunto",
        };
        return new ReportScore(value, Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", Italian) + " %", status, label, coverage);
    }

    private static string Sentences(Random random, int minWords, int maxWords)
    {
        var target = random.Next(minWords, maxWords);
        var parts = new List<string>();
        var count = 0;
        while (count < target)
        {
            var n = random.Next(8, 22);
            parts.Add(Sentence(random, n, n + 1));
            count += n;
        }

        return string.Join(' ', parts);
    }

    private static string Sentence(Random random, int minWords, int maxWords)
    {
        var n = random.Next(minWords, maxWords);
        var words = Enumerable.Range(0, n).Select(_ => Words[random.Next(Words.Length)]).ToArray();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words) + ".";
    }
}

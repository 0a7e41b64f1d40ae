using System.Text.RegularExpressions;
using Pdo.Benchmarks;
using Pdo.Reporting.Layout;
using Pdo.Reporting.Model;
using Pdo.Reporting.Tests.Support;
using UglyToad.PdfPig;

namespace Pdo.Reporting.Tests.Consuntivo;

public sealed class ConsuntivoPdfTests
{
    [Fact]
    public void ReadsLikeTheConsuntivoGivenASyntheticPlan()
    {
        var report = SyntheticReport.Create(12);

        var pages = Pdf.PageTexts(Write(report, out var count));

        Assert.Equal(count, pages.Count);
        Assert.Contains("Comune di Milano", pages[0]);
        Assert.Contains("Piano degli Obiettivi 2030 — Consuntivo", pages[0]);
        Assert.Contains("Indice", pages[1]);
        var all = string.Join(' ', pages);
        var order = new[] { "Sintesi", "Grado di raggiungimento per sezione", report.Chapters[0].Title, "Metodologia", "Come è calcolato ogni punteggio", "Atto di approvazione", report.ApprovalText! };
        var position = all.IndexOf("Grado di raggiungimento complessivo", StringComparison.Ordinal);
        foreach (var heading in order)
        {
            var next = all.IndexOf(heading, position, StringComparison.Ordinal);
            Assert.True(next >= 0, $"«{heading}» is missing or out of order.");
            position = next;
        }
    }

    [Fact]
    public void PrintsEveryObjectiveAndEveryKpiValueInReportOrderGivenASyntheticPlan()
    {
        var report = SyntheticReport.Create(20);

        var text = string.Join(' ', Pdf.PageTexts(Write(report, out _)));

        var position = text.IndexOf("Grado di raggiungimento della sezione", StringComparison.Ordinal);
        foreach (var objective in report.Objectives)
        {
            position = Expect(text, objective.Title, position);
            foreach (var kpi in objective.KpiGroups.SelectMany(g => g.Kpis))
            {
                position = Expect(text, kpi.Target, position);
                position = Expect(text, kpi.Actual, position);
                position = Expect(text, kpi.Score.Display, position);
                if (kpi.Justification is not null)
                {
                    position = Expect(text, "Motivazione dello scostamento", position);
                }
            }
        }
    }

    [Fact]
    public void PrintsTheWatermarkAndThePeriodOnEveryPageGivenAPlanNotApproved()
    {
        var report = SyntheticReport.Create(6) with
        {
            IsApproved = false,
            StatusLabel = "In monitoraggio",
            PeriodName = "Monitoraggio intermedio (30/06/2030)",
            ApprovalText = null,
            ApprovalLink = null,
        };

        var pages = Pdf.PageTexts(Write(report, out _));

        Assert.All(pages, p => Assert.Contains("BOZZA", p));
        Assert.All(pages, p => Assert.Contains("Periodo: Monitoraggio intermedio (30/06/2030)", p));
        Assert.Contains("non ancora approvato", string.Join(' ', pages));
    }

    [Fact]
    public void AddsABookmarkPerChapterAndObjectiveGivenASyntheticPlan()
    {
        var report = SyntheticReport.Create(10);

        using var pdf = PdfDocument.Open(Write(report, out _));

        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        var titles = bookmarks.GetNodes().Select(b => b.Title).ToList();
        Assert.Contains("Sintesi", titles);
        Assert.Contains("Metodologia", titles);
        Assert.All(report.Chapters, c => Assert.Contains(c.Title, titles));
        Assert.All(report.Objectives, o => Assert.Contains(o.Title, titles));
    }

    [Fact]
    public void PrintsTheIntroductionBeforeTheSummaryAndTheClosingNoteAtTheEndGivenPlanTexts()
    {
        var report = SyntheticReport.Create(4) with
        {
            Introduction = [new("Un anno di lavoro del Comune.", []), new(null, ["servizi", "investimenti"], Numbered: true)],
            ClosingNote = [new(null, ["grazie agli uffici"])],
        };

        var bytes = Write(report, out _);
        var text = string.Join(' ', Pdf.PageTexts(bytes));

        var introduction = Expect(text, "Un anno di lavoro del Comune.", text.IndexOf("Indice", StringComparison.Ordinal) + 6);
        var numbered = Expect(text, "1. servizi", introduction);
        Expect(text, "2. investimenti", numbered);
        var summary = Expect(text, "Sintesi", numbered);
        var approval = Expect(text, "Atto di approvazione", text.IndexOf("Come è calcolato ogni punteggio", summary, StringComparison.Ordinal));
        Expect(text, "• grazie agli uffici", Expect(text, "Nota conclusiva", approval));
        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        var titles = bookmarks.GetNodes().Select(b => b.Title).ToList();
        Assert.True(titles.IndexOf("Introduzione") < titles.IndexOf("Sintesi"));
        Assert.Equal("Nota conclusiva", titles[^1]);
    }

    [Fact]
    public void PrintsNeitherIntroductionNorClosingNoteGivenNoPlanTexts()
    {
        var text = string.Join(' ', Pdf.PageTexts(Write(SyntheticReport.Create(4), out _)));

        Assert.DoesNotContain("Introduzione", text);
        Assert.DoesNotContain("Nota conclusiva", text);
    }

    [Fact]
    public void GrowsAboutLinearlyInPagesGivenMoreObjectives()
    {
        Write(SyntheticReport.Create(30), out var small);
        Write(SyntheticReport.Create(90), out var large);

        Assert.InRange(large, (small * 2) + 1, (small * 4) - 1);
    }

    [Fact]
    public void DeclaresPdfAInTheXmpMetadataGivenThePdfAOption()
    {
        using var output = new MemoryStream();
        ConsuntivoPdf.Write(SyntheticReport.Create(3), output, new RenderOptions { PdfA = true });

        var raw = Pdf.Raw(output.ToArray());
        Assert.Matches(@"pdfaid:part>\s*\d", raw);
        Assert.Matches(@"/OutputIntents", raw);
    }

    private static byte[] Write(ConsuntivoReport report, out int pages)
    {
        using var output = new MemoryStream();
        pages = ConsuntivoPdf.Write(report, output);
        return output.ToArray();
    }

    private static int Expect(string text, string value, int from)
    {
        var normalized = Regex.Replace(value, @"\s+", " ").Trim();
        var index = text.IndexOf(normalized, from, StringComparison.Ordinal);
        Assert.True(index >= 0, $"«{normalized}» not found after position {from}.");
        return index + normalized.Length;
    }
}

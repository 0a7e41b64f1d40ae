using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;
using UglyToad.PdfPig;

namespace Pdo.Web.Tests.Oversight;

/// <summary>The Relazione sulla Performance of the approved 2019 plan, downloaded by the Giunta and read back with PdfPig.</summary>
public sealed class RelazionePdfTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private static readonly string[] Sections =
    [
        "1. Sintesi", "2. Contesto e risorse", "3. Obiettivi e risultati", "4. Performance organizzativa complessiva",
        "5. Punteggi modificati e osservazioni aperte", "6. Il processo di misurazione", "7. Validazione",
    ];

    [Fact]
    public async Task PrintsTheSevenSectionsWithObservationsAndValidationGivenAnApprovedAndValidatedPlan()
    {
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        await PdoWebFactory.PostFormAsync(oiv, "/piani/2019/obiettivi/SOL-01", "/piani/2019/obiettivi/SOL-01/osservazioni", [new("Kpi", ""), new("Text", "Indicare la fonte del dato del Piano Quartieri.")]);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var id = await factory.WithDbAsync(db => db.Observations.Select(o => new { o.Id, o.Version }).SingleAsync());
        await PdoWebFactory.PostFormAsync(office, "/piani/2019/obiettivi/SOL-01", $"/piani/2019/osservazioni/{id.Id}/risposta", [new("Text", "Fonte: Direzione Casa."), new("Version", id.Version.ToString())]);
        await PdoWebFactory.PostFormAsync(oiv, "/piani/2019/validazione", "/piani/2019/validazione", [new("Date", "30/06/2020"), new("Outcome", "Validated"), new("Reasoning", "Relazione comprensibile, conforme e attendibile.")]);
        var giunta = await factory.CreateClientAsAsync(Roles.Executive);

        var response = await giunta.GetAsync("/piani/2019/relazione.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PDO-2019-relazione-performance.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var document = PdfDocument.Open(bytes);
        var pages = document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
        var text = string.Join(' ', pages);
        Assert.Contains("Piano degli Obiettivi 2019 — Relazione sulla Performance", text);
        var contents = pages.FindIndex(p => p.Contains("Indice", StringComparison.Ordinal));
        Assert.All(Sections, s => Assert.Contains(s, pages[contents]));
        var starts = Sections.Select(s => pages.FindIndex(contents + 1, p => p.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.All(starts, start => Assert.True(start > contents, string.Join(", ", starts)));
        Assert.Equal(starts.Order(), starts);
        Assert.Contains("Obiettivi per stato:", text);
        Assert.Contains("Relazione validata dall'OIV il 30/06/2020.", text);
        Assert.Contains("Indicare la fonte del dato del Piano Quartieri.", text);
        Assert.Contains("Fonte: Direzione Casa.", text);
        Assert.Contains($"versione {Pdo.Domain.Attainment.AttainmentRules.RuleBookVersion} del regolamento dei punteggi", text);
        Assert.Contains("Relazione comprensibile, conforme e attendibile.", text);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        Assert.Equal(Sections, bookmarks.Roots.Select(b => b.Title).Where(t => Sections.Contains(t)));
        Assert.Matches(@"/StructTreeRoot\s+\d+ 0 R", System.Text.Encoding.Latin1.GetString(bytes));
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pdo.E2E.Support;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>
/// A member of the Giunta reads the approved 2019 plan: overview, a strategic area, an objective; filters the plan
/// dashboard by area; downloads the consuntivo. The dashboard (issue 5) and the PDF (issue 6) steps are separate tests.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class GiuntaJourneyTests(PortalFixture portal)
{
    private const string Objective = "Piano Quartieri";

    [Fact]
    public Task OpensThePlanDrillsThroughAnAreaToAnObjectiveAndReadsHowItIsScored() =>
        portal.RunJourneyAsync(nameof(OpensThePlanDrillsThroughAnAreaToAnObjectiveAndReadsHowItIsScored), async journey =>
        {
            var giunta = await journey.OpenBrowserAsync("giunta");
            var page = giunta.Page;

            await giunta.SignInAsync(People.Giunta);
            await giunta.ExpectPathAsync("/piani");

            // The plan's overview: overall score, sections, areas, Direzioni; nothing to manage.
            await giunta.ClickAsync(AriaRole.Link, "Piano degli Obiettivi 2019");
            var overall = page.Locator("section.overall");
            await Expect(overall.Locator(".score-value")).Not.ToHaveTextAsync("—");
            await Expect(overall.Locator(".score-coverage")).ToHaveTextAsync("35 KPI rilevati su 35");
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Grado di raggiungimento per area strategica" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gestione del piano" })).ToHaveCountAsync(0);
            await giunta.KeyPageAsync("piano-2019");

            // Drills down: a strategic area, then one of its objectives.
            await giunta.ClickAsync(AriaRole.Link, "Milano più solidale");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Milano più solidale");
            await giunta.ClickAsync(AriaRole.Link, Objective);
            await giunta.ExpectPathAsync("/piani/2019/obiettivi/SOL-01(\\?periodo=FIN)?");
            var kpi = page.Locator("tr#kpi-SOL-01\\.1");
            await Expect(kpi).ToContainTextAsync("91,1%");
            await Expect(kpi.Locator(".score-value").First).ToHaveTextAsync("100,0 %");
            await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Inserisci i risultati" })).ToHaveCountAsync(0);

            // Opens "Come è calcolato" next to the KPI's score (a native disclosure) and reads the computation.
            var explanation = kpi.Locator("details.explanation");
            await explanation.Locator("summary").ClickAsync();
            await Expect(explanation).ToHaveAttributeAsync("open", string.Empty);
            await Expect(explanation).ToContainTextAsync("Proporzionale");
            await giunta.CheckPageAsync();
            await giunta.KeyPageAsync("obiettivo");
        });

    /// <summary>Needs the plan dashboard of issue 5: /piani/{anno}/cruscotto with a GET filter "Area strategica".</summary>
    [Fact]
    public Task FiltersThePlanDashboardByAreaAndDrillsToAnObjective() =>
        portal.RunJourneyAsync(nameof(FiltersThePlanDashboardByAreaAndDrillsToAnObjective), async journey =>
        {
            var giunta = await journey.OpenBrowserAsync("giunta");
            var page = giunta.Page;
            await giunta.SignInAsync(People.Giunta);

            await FilterDashboardByAreaAsync(giunta, 2019, "Milano più solidale");
            await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = Objective, Exact = true })).ToBeVisibleAsync();
            await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Milano per l’ambiente: area più pulita, spostamenti più facili e veloci, M4" })).ToHaveCountAsync(0);

            await giunta.FollowAsync(() => page.Locator("main").GetByRole(AriaRole.Link, new() { Name = Objective, Exact = true }).First.ClickAsync());
            await giunta.ExpectPathAsync("/piani/2019/obiettivi/SOL-01(\\?.*)?");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Objective);
        });

    /// <summary>The dashboard's KPI list is long on a city's plan: it is read page by page, and the page is in the address.</summary>
    [Fact]
    public Task PagesThroughTheKpiListOfTheDashboard() =>
        portal.RunJourneyAsync(nameof(PagesThroughTheKpiListOfTheDashboard), async journey =>
        {
            var giunta = await journey.OpenBrowserAsync("giunta");
            var page = giunta.Page;
            await giunta.SignInAsync(People.Giunta);
            await giunta.GotoAsync("/piani/2019/cruscotto");
            await page.GetByLabel("Stato dei KPI elencati", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Raggiunto" });
            await giunta.ClickAsync(AriaRole.Button, "Filtra");

            var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "Pagine dei KPI" });
            await Expect(pages).ToContainTextAsync("Pagina 1 di 2");
            await giunta.FollowAsync(() => pages.GetByRole(AriaRole.Link, new() { Name = "Successiva" }).ClickAsync());
            await giunta.ExpectPathAsync("/piani/2019/cruscotto\\?(.*&)?stato=raggiunto&pagina=2#kpis-title");
            await Expect(page.GetByText("KPI da 26 a 35 su 35, dal punteggio più basso.")).ToBeVisibleAsync();
            await giunta.CheckPageAsync();

            await giunta.FollowAsync(() => pages.GetByRole(AriaRole.Link, new() { Name = "Precedente" }).ClickAsync());
            await Expect(pages).ToContainTextAsync("Pagina 1 di 2");
        });

    /// <summary>Needs the consuntivo PDF of issue 6: a link "Scarica il consuntivo (PDF)" on the plan page.</summary>
    [Fact]
    public Task DownloadsTheConsuntivoPdfWithTheObjectiveTitle() =>
        portal.RunJourneyAsync(nameof(DownloadsTheConsuntivoPdfWithTheObjectiveTitle), async journey =>
        {
            var giunta = await journey.OpenBrowserAsync("giunta");
            await giunta.SignInAsync(People.Giunta);
            await giunta.GotoAsync("/piani/2019");

            var pdf = await DownloadConsuntivoAsync(giunta, 2019);

            Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8), "The consuntivo is not a PDF.");
            using var document = PdfDocument.Open(pdf);
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains(Squeeze(Objective), Squeeze(text), StringComparison.Ordinal);
        });

    /// <summary>
    /// On the plan dashboard, chooses a strategic area in the "Area strategica" filter and applies it ("Filtra", a GET form).
    /// </summary>
    private static async Task FilterDashboardByAreaAsync(BrowserSession session, int year, string area)
    {
        await session.GotoAsync($"/piani/{year}/cruscotto");
        await session.Page.GetByLabel("Area strategica", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = area });
        await session.ClickAsync(AriaRole.Button, "Filtra");
        await session.ExpectPathAsync($"/piani/{year}/cruscotto\\?(.*&)?area=[^&]+(&.*)?");
    }

    /// <summary>
    /// Follows the link "Scarica il consuntivo (PDF)" of the plan page and returns the file. The bytes are fetched with
    /// the person's own session (cookies of the browser context): headless chromium shows an inline PDF in its viewer
    /// and saves an attachment, and the test must not depend on which of the two the portal chooses.
    /// </summary>
    private static async Task<byte[]> DownloadConsuntivoAsync(BrowserSession session, int year)
    {
        var link = session.Page.GetByRole(AriaRole.Link, new() { Name = "Scarica il consuntivo (PDF)" });
        await Expect(link).ToBeVisibleAsync();
        await Expect(link).ToHaveAttributeAsync("href", new Regex($"^/piani/{year}/consuntivo\\.pdf(\\?.*)?$"));
        var href = await link.GetAttributeAsync("href");
        var response = await session.Page.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/pdf", response.Headers["content-type"], StringComparison.Ordinal);
        return await response.BodyAsync();
    }

    private static string Squeeze(string text) => Whitespace().Replace(text, string.Empty);

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}

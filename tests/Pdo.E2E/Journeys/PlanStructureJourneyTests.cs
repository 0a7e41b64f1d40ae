using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>The Ufficio Pianificazione gives a new empty plan its structure: a section, an area, four quarterly periods.</summary>
[Collection(PortalCollection.Name)]
public sealed class PlanStructureJourneyTests(PortalFixture portal)
{
    private const string Year = "2037";
    private const string Title = "Piano degli Obiettivi 2037";

    [Fact]
    public Task AddsASectionAnAreaAndFourQuarterlyPeriodsGivenANewEmptyPlan() =>
        portal.RunJourneyAsync(nameof(AddsASectionAnAreaAndFourQuarterlyPeriodsGivenANewEmptyPlan), async journey =>
        {
            var office = await journey.OpenBrowserAsync("pianificazione");
            var page = office.Page;
            await office.SignInAsync(People.PlanningOffice);

            // A new empty plan in Bozza (standard sections and periods), then its structure page.
            await office.MenuAsync("Piani");
            await office.ClickAsync(AriaRole.Link, "Nuovo piano");
            await page.GetByLabel("Anno").FillAsync(Year);
            await page.GetByLabel("Titolo").FillAsync(Title);
            await page.GetByLabel("Struttura").SelectOptionAsync(new SelectOptionValue { Label = "Piano vuoto (solo sezioni e periodi standard)" });
            await office.ClickAsync(AriaRole.Button, "Crea il piano in bozza");
            await office.ExpectPathAsync($"/piani/{Year}");
            await office.ClickAsync(AriaRole.Link, "Struttura del piano");
            await office.ExpectPathAsync($"/piani/{Year}/struttura");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Struttura del piano: {Title}" })).ToBeVisibleAsync();

            // A section and a strategic area, each with its own small form.
            var sections = page.GetByRole(AriaRole.Region, new() { Name = "Sezioni" });
            await sections.GetByLabel("Codice").FillAsync("INN");
            await sections.GetByLabel("Nome", new() { Exact = true }).FillAsync("Obiettivi di innovazione");
            await office.ClickAsync(AriaRole.Button, "Aggiungi sezione");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sezione aggiunta.");
            await Expect(sections.GetByRole(AriaRole.Rowheader, new() { Name = "INN", Exact = true })).ToBeVisibleAsync();

            var areas = page.GetByRole(AriaRole.Region, new() { Name = "Aree strategiche" });
            await Expect(areas.GetByText("Nessuna area strategica in questo piano.")).ToBeVisibleAsync();
            await areas.GetByLabel("Codice").FillAsync("DIGITALE");
            await areas.GetByLabel("Nome", new() { Exact = true }).FillAsync("Milano più digitale");
            await office.ClickAsync(AriaRole.Button, "Aggiungi area strategica");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Area strategica aggiunta.");
            await Expect(areas.GetByLabel("Nome di DIGITALE")).ToHaveValueAsync("Milano più digitale");

            // Quarterly periods: the interim one goes, three quarters come, the consuntivo at 31/12 stays the last.
            await office.ClickAsync(AriaRole.Button, "Elimina INT");
            Assert.Equal("Eliminare il periodo «Monitoraggio intermedio»?", Assert.Single(office.Dialogs));
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Periodo eliminato.");

            // A date after the year's end is refused in Italian and changes nothing.
            await AddPeriodAsync(office, "T4", "Oltre l'anno", "31/03/2038");
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("è dopo la fine dell'anno 2037");

            foreach (var (code, name, end) in new[] { ("T1", "1° trimestre", "31/03/2037"), ("T2", "2° trimestre", "30/06/2037"), ("T3", "3° trimestre", "30/09/2037") })
            {
                await AddPeriodAsync(office, code, name, end);
                await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Periodo aggiunto.");
            }

            var periods = page.GetByRole(AriaRole.Table, new() { Name = $"Periodi di monitoraggio del piano {Year}" });
            await Expect(periods.Locator("tbody tr")).ToHaveCountAsync(4);
            await Expect(periods.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["T1", "T2", "T3", "FIN"]);
            await Expect(periods.GetByLabel("Finale (FIN)")).ToBeCheckedAsync();

            // The new-objective form now offers the area.
            await office.BreadcrumbAsync(Title);
            await office.ClickAsync(AriaRole.Link, "Nuovo obiettivo");
            await Expect(page.GetByLabel("Area strategica").Locator("option")).ToHaveTextAsync(["Nessuna", "Milano più digitale"]);

            // The structure of an approved plan reads as such, without forms.
            await office.GotoAsync("/piani/2019/struttura");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Il piano è «Approvato»: la struttura è in sola lettura.");
            await Expect(page.Locator("main form[method=post]")).ToHaveCountAsync(0);
        });

    private static async Task AddPeriodAsync(BrowserSession office, string code, string name, string end)
    {
        var form = office.Page.Locator("form[action$='/struttura/periodi']");
        await form.GetByLabel("Codice").FillAsync(code);
        await form.GetByLabel("Nome").FillAsync(name);
        await form.GetByLabel("Data di fine").FillAsync(end);
        await office.ClickAsync(AriaRole.Button, "Aggiungi periodo");
    }
}

using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>The Amministratore creates a Direzione, sees it in the list, and is refused a duplicate code in Italian.</summary>
[Collection(PortalCollection.Name)]
public sealed class DirectorateJourneyTests(PortalFixture portal)
{
    [Fact]
    public Task CreatesADirezioneAndSeesItInTheListGivenAnAdministrator() =>
        portal.RunJourneyAsync(nameof(CreatesADirezioneAndSeesItInTheListGivenAnAdministrator), async journey =>
        {
            var admin = await journey.OpenBrowserAsync("amministratore-direzioni");
            var page = admin.Page;
            await admin.SignInAsync(People.Administrator);

            await admin.MenuAsync("Direzioni");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Direzioni");
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Direzione Casa" })).ToContainTextAsync("2019: ");

            await admin.ClickAsync(AriaRole.Link, "Nuova Direzione");
            await page.GetByLabel("Codice").FillAsync("PARCHI");
            await page.GetByLabel("Nome").FillAsync("Direzione Parchi e Giardini");
            await page.GetByLabel("Attiva dal").FillAsync("01/01/2021");
            await admin.ClickAsync(AriaRole.Button, "Salva");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Modifica Direzione PARCHI");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Direzione creata.");

            await admin.MenuAsync("Direzioni");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Direzione Parchi e Giardini" });
            await Expect(row).ToContainTextAsync("dal 01/01/2021");
            await Expect(row).ToContainTextAsync("Nessuno");

            // The same code in lower case: the form again, with the reason, and nothing created.
            await admin.ClickAsync(AriaRole.Link, "Nuova Direzione");
            await page.GetByLabel("Codice").FillAsync("parchi");
            await page.GetByLabel("Nome").FillAsync("Direzione Parchi (doppione)");
            await admin.ClickAsync(AriaRole.Button, "Salva", expectedStatus: 422);
            await Expect(page.Locator("#form-errors")).ToContainTextAsync("Esiste già una Direzione con il codice «parchi»");
        });
}

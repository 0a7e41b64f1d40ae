using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>
/// What a person sees when something is refused: an Italian page with its real status, checked by axe like every
/// other page — a page that does not exist (also a dashboard filter), a page their role may not open, a form whose
/// token has gone stale and a plan file over 20 MB.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ErrorPagesJourneyTests(PortalFixture portal)
{
    private const string StaleForm = "Il modulo è scaduto o è stato aperto in un'altra sessione: ricaricare la pagina e riprovare.";

    [Fact]
    public Task MeetsAnItalianPageGivenAMissingPageAForbiddenOneAStaleFormAndAFileOver20Mb() =>
        portal.RunJourneyAsync(nameof(MeetsAnItalianPageGivenAMissingPageAForbiddenOneAStaleFormAndAFileOver20Mb), async journey =>
        {
            var giunta = await journey.OpenBrowserAsync("giunta");
            await giunta.SignInAsync(People.Giunta);
            var page = giunta.Page;

            // An address that does not exist, and a dashboard filter that names no Direzione of the plan.
            await giunta.GotoAsync("/piani/2019/obiettivi/NONESISTE", expectedStatus: 404);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina non trovata");
            await giunta.GotoAsync("/piani/2019/cruscotto?direzione=NONESISTE", expectedStatus: 404);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina non trovata");

            // The Giunta reads everything but does not import plans.
            await giunta.GotoAsync("/piani/importa", expectedStatus: 403);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accesso non consentito");

            var office = await journey.OpenBrowserAsync("pianificazione");
            await office.SignInAsync(People.PlanningOffice);
            page = office.Page;

            // A form left open while its token went stale (here: the antiforgery cookie is gone) is refused with the
            // reason and a way back to the form.
            await office.GotoAsync("/piani/nuovo");
            await page.Context.ClearCookiesAsync(new() { Name = "Pdo.Antiforgery" });
            await page.GetByLabel("Anno").FillAsync("2035");
            await page.GetByLabel("Titolo").FillAsync("Piano degli Obiettivi 2035");
            await office.ClickAsync(AriaRole.Button, "Crea il piano in bozza", expectedStatus: 400);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Richiesta non valida");
            await Expect(page.GetByText(StaleForm)).ToBeVisibleAsync();
            await office.ClickAsync(AriaRole.Link, "Ricarica la pagina");
            await office.ExpectPathAsync("/piani/nuovo");

            // A plan file over 20 MB: the upload form again, with the reason.
            await office.GotoAsync("/piani/importa");
            await page.GetByLabel("File del piano").SetInputFilesAsync(new FilePayload
            {
                Name = "piano-enorme.json",
                MimeType = "application/json",
                Buffer = new byte[21 * 1024 * 1024],
            });
            await office.ClickAsync(AriaRole.Button, "Importa", expectedStatus: 413);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Il file supera i 20 MB.");
            await Expect(page.GetByLabel("File del piano")).ToBeVisibleAsync();
        });
}

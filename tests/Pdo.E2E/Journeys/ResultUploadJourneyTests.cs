using Microsoft.Playwright;
using Pdo.E2E.Support;
using Pdo.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>
/// The Ufficio Pianificazione downloads a Direzione's results template from the collection page, gets it back filled in,
/// and loads it: upload, preview, confirm; the Direttore of the Direzione then finds the results in the review inbox
/// and confirms them.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ResultUploadJourneyTests(PortalFixture portal)
{
    [Fact]
    public Task UploadsTheEconomiaSpreadsheetPreviewsItAndSavesItOnConfirmation() =>
        portal.RunJourneyAsync(nameof(UploadsTheEconomiaSpreadsheetPreviewsItAndSavesItOnConfirmation), async journey =>
        {
            await portal.EnsureMonitoringPlanAsync();
            var office = await journey.OpenBrowserAsync("pianificazione");
            var page = office.Page;
            await office.SignInAsync(People.PlanningOffice);
            var year = PortalFixture.MonitoringYear;

            // The template of Economia Urbana e Lavoro, downloaded from the collection page as the planning office sends it
            // out; the Direzione types two values the Italian way in «Nuovo valore» (here, programmatically).
            await office.GotoAsync($"/piani/{year}");
            await office.ClickAsync(AriaRole.Link, "Raccolta dei risultati in Excel");
            var templateLink = page.GetByRole(AriaRole.Link, new() { Name = "Scarica il modello (.xlsx) di Direzione Economia Urbana e Lavoro, periodo", Exact = false }).First;
            var template = await page.APIRequest.GetAsync((await templateLink.GetAttributeAsync("href"))!);
            Assert.Equal(200, template.Status);
            var file = ResultsTemplateFiller.Fill(await template.BodyAsync(), new Dictionary<string, string>
            {
                ["DIR-ECON-01|DIR-ECON-01.1"] = "300",
                ["DIR-ECON-01|DIR-ECON-01.2"] = "95",
            });

            await office.ClickAsync(AriaRole.Link, "Carica i modelli compilati");
            await office.ExpectPathAsync($"/piani/{year}/raccolta/carica");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Carica i risultati da Excel" })).ToBeVisibleAsync();
            await page.GetByLabel("Modello dei risultati compilato (.xlsx)").SetInputFilesAsync(new FilePayload
            {
                Name = "economia-giugno.xlsx",
                MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Buffer = file,
            });
            await office.ClickAsync(AriaRole.Button, "Controlla e mostra l'anteprima");

            // The preview: nothing saved yet, each changed row with its score.
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anteprima dei risultati da salvare" })).ToBeVisibleAsync();
            var table = page.GetByRole(AriaRole.Table);
            await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
            await Expect(table).ToContainTextAsync("Risultati!J2");
            await Expect(table).ToContainTextAsync("Da salvare");

            await office.ClickAsync(AriaRole.Button, "Conferma e salva 2 risultati");
            await office.ExpectPathAsync($"/piani/{year}/raccolta/carica");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 risultati salvati dal file economia-giugno.xlsx.");
        });
    [Fact]
    public Task UploadsTheCasaSpreadsheetAndTheDirettoreOfCasaFindsTheResultsToConfirm() =>
        // On the later portal (its own database), so that the Casa results counted by DirettoreJourney stay as they are.
        portal.RunLaterJourneyAsync(nameof(UploadsTheCasaSpreadsheetAndTheDirettoreOfCasaFindsTheResultsToConfirm), async journey =>
        {
            const int year = 2026;
            var server = await portal.LaterPortalAsync();
            using (var api = await PortalApi.SignInAsync(server.BaseAddress, People.PlanningOffice, PortalFixture.DemoPassword))
            {
                await api.PostExpectingRedirectAsync("/piani/nuovo", "/piani/nuovo",
                    [new("Year", "2026"), new("Title", "Piano degli Obiettivi 2026"), new("CopyFromYear", "2019"), new("CopyTargets", "true")]);
                await api.PostExpectingRedirectAsync($"/piani/{year}", $"/piani/{year}/avvia-monitoraggio", []);
                await api.PostExpectingRedirectAsync($"/piani/{year}", $"/piani/{year}/periodi/INT/apri", []);
            }

            var office = await journey.OpenBrowserAsync("pianificazione");
            var page = office.Page;
            await office.SignInAsync(People.PlanningOffice);

            // The Casa template from the collection page, filled in as the Direzione does (here, programmatically).
            await office.GotoAsync($"/piani/{year}");
            await office.ClickAsync(AriaRole.Link, "Raccolta dei risultati in Excel");
            var templateLink = page.GetByRole(AriaRole.Link, new() { Name = "Scarica il modello (.xlsx) di Direzione Casa, periodo", Exact = false }).First;
            var template = await page.APIRequest.GetAsync((await templateLink.GetAttributeAsync("href"))!);
            Assert.Equal(200, template.Status);
            var file = ResultsTemplateFiller.Fill(await template.BodyAsync(), new Dictionary<string, string>
            {
                ["DIR-CASA-01|DIR-CASA-01.2"] = "950",
                ["DIR-CASA-01|DIR-CASA-01.3"] = "2.100",
            });

            await office.ClickAsync(AriaRole.Link, "Carica i modelli compilati");
            await page.GetByLabel("Modello dei risultati compilato (.xlsx)").SetInputFilesAsync(new FilePayload
            {
                Name = "casa-giugno.xlsx",
                MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Buffer = file,
            });
            await office.ClickAsync(AriaRole.Button, "Controlla e mostra l'anteprima");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anteprima dei risultati da salvare" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
            await office.ClickAsync(AriaRole.Button, "Conferma e salva 2 risultati");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 risultati salvati dal file casa-giugno.xlsx.");

            // The Direttore of Casa finds both among the results to confirm.
            var direttore = await journey.OpenBrowserAsync("direttore-casa");
            await direttore.SignInAsync(People.DirettoreCasa);
            await direttore.GotoAsync("/revisione");
            var awaiting = direttore.Page.Locator("article.review-item").Filter(new() { HasText = $"{year} · Monitoraggio intermedio · Direzione Casa" });
            await Expect(awaiting).ToHaveCountAsync(2);
            await Expect(awaiting.Filter(new() { HasText = "950" })).ToHaveCountAsync(1);
            await Expect(awaiting.Filter(new() { HasText = "2.100" })).ToHaveCountAsync(1);
            await Expect(direttore.Page.GetByRole(AriaRole.Heading, new() { Name = "Da confermare (", Exact = false })).ToBeVisibleAsync();

            // And confirms them (four eyes: the planning office entered them), so that the inbox is as it was for the
            // other journeys on this portal.
            foreach (var label in await awaiting.Locator(".form-check label").AllAsync())
            {
                await label.ClickAsync();
            }

            await direttore.ClickAsync(AriaRole.Button, "Conferma i selezionati");
            await Expect(direttore.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Confermati 2 risultati");
        });
}

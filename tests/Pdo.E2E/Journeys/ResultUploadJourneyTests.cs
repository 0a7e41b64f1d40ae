using Microsoft.Playwright;
using Pdo.E2E.Support;
using Pdo.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>The Ufficio Pianificazione loads a Direzione's results from the spreadsheet template: upload, preview, confirm.</summary>
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

            // The file a Direzione sends back, generated here: two values typed the Italian way.
            var file = new ResultsWorkbookBuilder().For(year, "INT", "ECONOMIA")
                .Row("DIR-ECON-01", "DIR-ECON-01.1", null, "300")
                .Row("DIR-ECON-01", "DIR-ECON-01.2", null, "95")
                .Build();

            await office.GotoAsync($"/piani/{year}/raccolta/carica");
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
}

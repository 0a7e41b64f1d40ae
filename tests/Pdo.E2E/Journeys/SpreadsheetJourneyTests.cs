using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>Excel out: the Giunta takes the plan into Excel; the Ufficio Pianificazione downloads a results template.</summary>
[Collection(PortalCollection.Name)]
public sealed class SpreadsheetJourneyTests(PortalFixture portal)
{
    [Fact]
    public Task DownloadsThePlanInExcelGivenThePlanPage() =>
        portal.RunJourneyAsync(nameof(DownloadsThePlanInExcelGivenThePlanPage), async journey =>
        {
            var giunta = await journey.OpenBrowserAsync("giunta");
            var page = giunta.Page;
            await giunta.SignInAsync(People.Giunta);
            await giunta.GotoAsync("/piani/2019");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Scarica in Excel (.xlsx)", Exact = true }).ClickAsync());

            Assert.Equal("PDO-2019.xlsx", download.SuggestedFilename);
            await ExpectZipAsync(download);
        });

    [Fact]
    public Task DownloadsTheCasaTemplateGivenTheCollectionPageOfAnOpenPeriod() =>
        portal.RunJourneyAsync(nameof(DownloadsTheCasaTemplateGivenTheCollectionPageOfAnOpenPeriod), async journey =>
        {
            await portal.EnsureMonitoringPlanAsync();
            var year = PortalFixture.MonitoringYear;
            var office = await journey.OpenBrowserAsync("pianificazione");
            var page = office.Page;
            await office.SignInAsync(People.PlanningOffice);

            // From the plan page to the collection page (checked with axe on load).
            await office.GotoAsync($"/piani/{year}");
            await office.ClickAsync(AriaRole.Link, "Raccolta dei risultati in Excel");
            await office.ExpectPathAsync($"/piani/{year}/raccolta");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Raccolta dei risultati in Excel", Level = 1 })).ToBeVisibleAsync();
            var table = page.GetByRole(AriaRole.Table, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Modelli dei risultati per Direzione, periodo Monitoraggio intermedio") });
            await Expect(table).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Carica i modelli compilati" })).ToHaveAttributeAsync("href", $"/piani/{year}/raccolta/carica");

            // The Casa template downloads under the contract's file name, as an xlsx package.
            var link = table.Locator($"a[href='/piani/{year}/raccolta/CASA/modello.xlsx?periodo=INT']");
            var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
            Assert.Equal($"PDO-{year}-INT-CASA-risultati.xlsx", download.SuggestedFilename);
            await ExpectZipAsync(download);
        });

    /// <summary>An xlsx is a zip package: it starts with «PK».</summary>
    private static async Task ExpectZipAsync(IDownload download)
    {
        var head = new byte[2];
        await using (var file = File.OpenRead((await download.PathAsync())!))
        {
            await file.ReadExactlyAsync(head);
        }

        Assert.Equal("PK"u8.ToArray(), head);
    }
}

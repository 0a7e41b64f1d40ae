using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>The Ufficio Pianificazione collects the interim results by spreadsheet: the page of templates, one download.</summary>
[Collection(PortalCollection.Name)]
public sealed class CollectionJourneyTests(PortalFixture portal)
{
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
            var path = await download.PathAsync();
            var head = new byte[2];
            await using (var file = File.OpenRead(path!))
            {
                await file.ReadExactlyAsync(head);
            }

            Assert.Equal("PK"u8.ToArray(), head);
        });
}

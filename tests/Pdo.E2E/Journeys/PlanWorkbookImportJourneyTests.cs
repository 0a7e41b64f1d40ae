using Microsoft.Playwright;
using Pdo.E2E.Support;
using Pdo.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>
/// The Ufficio Pianificazione starts next year's plan from the 2019 export: the year changed in the «Piano» sheet,
/// the file uploaded on «Importa un piano», the import followed on its job page to the outcome.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PlanWorkbookImportJourneyTests(PortalFixture portal)
{
    [Fact]
    public Task ImportsTheEditedExportAsANewPlanGivenTheJobPageFollowedToItsOutcome() =>
        // On the later portal, where every plan import is a background job.
        portal.RunLaterJourneyAsync(nameof(ImportsTheEditedExportAsANewPlanGivenTheJobPageFollowedToItsOutcome), async journey =>
        {
            var office = await journey.OpenBrowserAsync("pianificazione");
            var page = office.Page;
            await office.SignInAsync(People.PlanningOffice);
            var export = await page.APIRequest.GetAsync("/piani/2019/esporta.xlsx");
            Assert.Equal(200, export.Status);
            using var editor = new PlanWorkbookEditor(await export.BodyAsync());
            var file = editor.Number("Piano", $"D{editor.PlanRow("Anno")}", 2029).Save();

            await office.GotoAsync("/piani");
            await office.ClickAsync(AriaRole.Link, "Importa un piano (JSON o Excel)");
            await page.GetByLabel("File del piano").SetInputFilesAsync(new FilePayload
            {
                Name = "pdo-2029.xlsx",
                MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Buffer = file,
            });
            await office.ClickAsync(AriaRole.Button, "Importa");

            // The job page (checked as it loads), which the script moves on to the outcome.
            await office.ExpectPathAsync("/lavori/[0-9a-f]{32}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Importazione del piano da «pdo-2029.xlsx»");
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Piano 2029 importato: 12 obiettivi e 35 KPI." })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await office.CheckPageAsync();

            await office.ClickAsync(AriaRole.Link, "Apri il piano 2029");
            await office.ExpectPathAsync("/piani/2029");
        });
}

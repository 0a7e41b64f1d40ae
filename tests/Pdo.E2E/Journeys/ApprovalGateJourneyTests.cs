using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>
/// The Ufficio Pianificazione tries to approve the plan in monitoring: the approval page lists what blocks it, the
/// approval is refused with that list, a KPI is declared non rilevabile with its reason and the declaration removed
/// again (the shared 2021 plan is left as it was found).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ApprovalGateJourneyTests(PortalFixture portal)
{
    private const string Reason = "Il dato regionale 2021 non è stato pubblicato in tempo.";

    [Fact]
    public Task ListsTheBlockersRefusesTheApprovalAndRecordsAReasonGivenAPlanWithoutFinalResults() =>
        portal.RunJourneyAsync(nameof(ListsTheBlockersRefusesTheApprovalAndRecordsAReasonGivenAPlanWithoutFinalResults), async journey =>
        {
            await portal.EnsureMonitoringPlanAsync();
            var office = await journey.OpenBrowserAsync("pianificazione");
            var page = office.Page;
            var year = PortalFixture.MonitoringYear;
            await office.SignInAsync(People.PlanningOffice);

            // From the plan page to the approval page: blockers, what is frozen, final scores (axe on each page load).
            await office.GotoAsync($"/piani/{year}");
            await office.ClickAsync(AriaRole.Link, "Approva il consuntivo");
            await office.ExpectPathAsync($"/piani/{year}/approva");
            var blockers = page.GetByRole(AriaRole.Region, new() { Name = "Cosa blocca l'approvazione" });
            var kpi = blockers.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "SOL-01.1 ·" }) });
            await Expect(kpi).ToContainTextAsync("Risultato finale: mancante.");
            await Expect(kpi.GetByRole(AriaRole.Link, new() { Name = "Inserisci o correggi il risultato di SOL-01.1" }))
                .ToHaveAttributeAsync("href", $"/piani/{year}/obiettivi/SOL-01/risultati?periodo=FIN");
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Cosa viene congelato" })).ToContainTextAsync("12 obiettivi, 35 KPI");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Punteggi finali (Consuntivo)" })).ToBeVisibleAsync();

            // The approval is refused with the list of what blocks it.
            await page.GetByLabel("Numero della delibera").FillAsync("321");
            await page.GetByLabel("Data della delibera").FillAsync($"14/04/{year + 1}");
            await office.ClickAsync(AriaRole.Button, "Approva", expectedStatus: 422);
            await Expect(page.Locator("#form-errors")).ToContainTextAsync("Il piano non può essere approvato:");
            await Expect(page.Locator("#form-errors")).ToContainTextAsync("SOL-01 / SOL-01.1 (mancante)");

            // A reason too short is refused on the page; a real one is recorded and listed.
            var reason = page.GetByLabel("Motivo per cui SOL-01.1 non è rilevabile nel consuntivo");
            await reason.FillAsync("breve");
            await office.ClickAsync(AriaRole.Button, "Dichiara non rilevabile SOL-01.1", expectedStatus: 422);
            await Expect(page.Locator("#form-errors")).ToContainTextAsync("deve avere almeno 10 caratteri");
            await Expect(reason).ToHaveValueAsync("breve");
            await reason.FillAsync(Reason);
            await office.ClickAsync(AriaRole.Button, "Dichiara non rilevabile SOL-01.1");
            await office.ExpectPathAsync($"/piani/{year}/approva");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("KPI dichiarato non rilevabile nel consuntivo.");
            var declared = page.GetByRole(AriaRole.Region, new() { Name = "KPI dichiarati non rilevabili" });
            await Expect(declared.GetByRole(AriaRole.Row).Filter(new() { HasText = "SOL-01.1" })).ToContainTextAsync($"Non rilevabile: {Reason}");
            await Expect(blockers.GetByRole(AriaRole.Heading, new() { Name = "SOL-01.1 ·" })).ToHaveCountAsync(0);

            // The declaration is removed: the KPI blocks again.
            await office.ClickAsync(AriaRole.Button, "Rimuovi la dichiarazione di SOL-01.1");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Dichiarazione di KPI non rilevabile rimossa.");
            await Expect(blockers.GetByRole(AriaRole.Heading, new() { Name = "SOL-01.1 ·" })).ToHaveCountAsync(1);
        });
}

using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>During monitoring the Direttore of Casa writes the year-end narrative of a Casa objective, with a list.</summary>
[Collection(PortalCollection.Name)]
public sealed class NarrativeJourneyTests(PortalFixture portal)
{
    private const int Year = PortalFixture.MonitoringYear;

    [Fact]
    public Task WritesTheNarrativeOfTheirObjectiveWithParagraphsAndAListGivenAPlanInMonitoring() =>
        portal.RunJourneyAsync(nameof(WritesTheNarrativeOfTheirObjectiveWithParagraphsAndAListGivenAPlanInMonitoring), async journey =>
        {
            await portal.EnsureMonitoringPlanAsync();
            var direttore = await journey.OpenBrowserAsync("direttore-casa");
            var page = direttore.Page;
            await direttore.SignInAsync(People.DirettoreCasa);

            // From the objective page, «Modifica descrizione» opens the form (checked by axe like every page).
            await direttore.GotoAsync($"/piani/{Year}/obiettivi/DIR-CASA-01");
            await direttore.ClickAsync(AriaRole.Link, "Modifica descrizione");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Descrizione e risultati: DIR-CASA-01");
            await Expect(page.GetByText("una riga vuota separa i paragrafi")).ToBeVisibleAsync();

            await page.GetByLabel("Descrizione e risultati").FillAsync(
                "Nel corso dell'anno il recupero degli alloggi è proseguito.\n\nCantieri conclusi:\n- Quarto Oggiaro\n- Gratosoglio <b>nord</b>");
            await page.GetByLabel("Fonte dei dati").FillAsync("Fonte: Direzione Casa, verbali di cantiere");
            await direttore.ClickAsync(AriaRole.Button, "Salva la descrizione");

            // Back on the objective page: the message, the paragraphs and the list, markup shown as text.
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Descrizione salvata.");
            var narrative = page.Locator("section.narrative");
            await Expect(narrative.Locator("p").First).ToHaveTextAsync("Nel corso dell'anno il recupero degli alloggi è proseguito.");
            await Expect(narrative.Locator("ul > li")).ToHaveTextAsync(["Quarto Oggiaro", "Gratosoglio <b>nord</b>"]);
            await Expect(page.Locator(".data-source")).ToContainTextAsync("Fonte: Direzione Casa, verbali di cantiere");

            // The Storico names the Direttore's change of «Descrizione e risultati».
            await direttore.ClickAsync(AriaRole.Link, "Storico");
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Descrizione e risultati" }).First).ToContainTextAsync(People.DirettoreCasa);
        });

    [Fact]
    public Task WritesTheIntroductionShownOnThePlanPageGivenThePlanningOffice() =>
        portal.RunJourneyAsync(nameof(WritesTheIntroductionShownOnThePlanPageGivenThePlanningOffice), async journey =>
        {
            await portal.EnsureMonitoringPlanAsync();
            var office = await journey.OpenBrowserAsync("pianificazione");
            var page = office.Page;
            await office.SignInAsync(People.PlanningOffice);

            await office.GotoAsync($"/piani/{Year}");
            await office.ClickAsync(AriaRole.Link, "Testi del consuntivo");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Testi del consuntivo: Piano degli Obiettivi {Year}");
            await page.GetByLabel("Introduzione").FillAsync("Il consuntivo racconta l'anno del Comune.\n\n1. Servizi\n2. Investimenti");
            await page.GetByLabel("Nota conclusiva").FillAsync("Approvato dalla Giunta su proposta del Direttore generale.");
            await office.ClickAsync(AriaRole.Button, "Salva i testi");

            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Testi del piano salvati.");
            var introduction = page.Locator("section.plan-introduction");
            await Expect(introduction.GetByRole(AriaRole.Heading, new() { Name = "Introduzione" })).ToBeVisibleAsync();
            await Expect(introduction.Locator("ol > li")).ToHaveTextAsync(["Servizi", "Investimenti"]);
        });
}

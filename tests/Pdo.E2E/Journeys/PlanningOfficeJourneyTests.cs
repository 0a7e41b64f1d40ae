using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>The Ufficio Pianificazione prepares the 2020 plan and records the first interim results.</summary>
[Collection(PortalCollection.Name)]
public sealed class PlanningOfficeJourneyTests(PortalFixture portal)
{
    private const string Plan2020 = "Piano degli Obiettivi 2020";

    [Fact]
    public Task CreatesThe2020PlanFrom2019AdjustsATargetAndEntersInterimResultsInItalian() =>
        portal.RunJourneyAsync(nameof(CreatesThe2020PlanFrom2019AdjustsATargetAndEntersInterimResultsInItalian), async journey =>
        {
            var office = await journey.OpenBrowserAsync("pianificazione");
            var page = office.Page;

            // With a plan in monitoring (2021, prepared by the fixture), signs in and lands on its monitoring board.
            await portal.EnsureMonitoringPlanAsync();
            await office.SignInAsync(People.PlanningOffice);
            await office.ExpectPathAsync($"/piani/{PortalFixture.MonitoringYear}/monitoraggio");

            // The board counts per Direzione and lists what to chase of one Direzione at a time, chosen in the table
            // (the Ente's objectives: other journeys confirm the Direzioni's results of this plan).
            var board = page.GetByRole(AriaRole.Table, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Stato dei risultati per Direzione") });
            await Expect(board.GetByRole(AriaRole.Row)).ToHaveCountAsync(1 + 5); // 4 Direzioni and the Ente
            await office.FollowAsync(() => board.GetByRole(AriaRole.Link, new() { Name = "Ente (obiettivi trasversali)", Exact = true }).ClickAsync());
            await Expect(board.GetByRole(AriaRole.Link, new() { Name = "Ente (obiettivi trasversali)", Exact = true })).ToHaveAttributeAsync("aria-current", "true");
            var chase = page.GetByRole(AriaRole.Region, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Ente \\(obiettivi trasversali\\): da sollecitare") });
            await Expect(chase.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"^/piani/{PortalFixture.MonitoringYear}/obiettivi/[A-Z]+-[0-9]+/risultati\\?periodo="));
            await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("da sollecitare") })).ToHaveCountAsync(1);

            // The 2019 plan is approved: it reads as such and offers nothing to change.
            await office.MenuAsync("Piani");
            await office.ClickAsync(AriaRole.Link, "Piano degli Obiettivi 2019");
            await Expect(page.Locator(".plan-status")).ToHaveTextAsync("Approvato");
            await Expect(page.GetByText("Approvato con Delibera di Giunta n. 501 del 14/04/2020")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gestione del piano" })).ToHaveCountAsync(0);
            await Expect(page.Locator("main form[method=post]")).ToHaveCountAsync(0);

            // Creates the 2020 plan in Bozza by copying the 2019 structure with its targets.
            await office.MenuAsync("Piani");
            await office.ClickAsync(AriaRole.Link, "Nuovo piano");
            // The help text's examples use the year the form proposes (the year after the latest plan), not a fixed one.
            var proposed = await page.GetByLabel("Anno").InputValueAsync();
            await Expect(page.Locator("#copy-hint")).ToContainTextAsync($"→ entro il 31/12/{proposed}");
            await page.GetByLabel("Anno").FillAsync("2020");
            await page.GetByLabel("Titolo").FillAsync(Plan2020);
            await page.GetByLabel("Struttura").SelectOptionAsync(new SelectOptionValue { Label = "Copia la struttura di: Piano degli Obiettivi 2019" });
            await Expect(page.GetByLabel("Copia anche i target")).ToBeCheckedAsync(); // ticked by default
            await Expect(page.GetByLabel("Copia anche le descrizioni e i testi del piano (da aggiornare)")).ToBeCheckedAsync();
            await office.ClickAsync(AriaRole.Button, "Crea il piano in bozza");
            await office.ExpectPathAsync("/piani/2020");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Piano creato in bozza.");
            await Expect(page.Locator(".plan-status")).ToHaveTextAsync("Bozza");

            // The copied texts that still name 2019 are listed, each with the page that edits it.
            var oldYear = page.GetByRole(AriaRole.Region, new() { Name = "Testi che citano ancora il 2019" });
            await Expect(oldYear.GetByRole(AriaRole.Link, new() { Name = "KPI SOL-01.1 – Piano Quartieri: avanzamento del 70% dei programmi di lavoro del 2019" })).ToBeVisibleAsync();
            await Expect(oldYear.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Descrizione dell'obiettivo SOL-01 ") })).ToHaveAttributeAsync("href", "/piani/2020/obiettivi/SOL-01/descrizione");

            // Tightens a target while the plan is in Bozza: the "Scrivi" answers, from 10 to 8 days.
            await office.ClickAsync(AriaRole.Link, "Indicatori di funzionamento dell’Ente");
            await office.ClickAsync(AriaRole.Link, "Indicatori del Sistema delle Relazioni");
            await office.ClickAsync(AriaRole.Link, "Modifica il KPI FUN-02.2");
            var target = page.GetByLabel("Target, come si scrive nel piano");
            await Expect(target).ToHaveValueAsync("10 giorni");
            await target.FillAsync("8 giorni");
            await office.ClickAsync(AriaRole.Button, "Salva");
            await office.ExpectPathAsync("/piani/2020/obiettivi/FUN-02");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("KPI salvato.");
            await Expect(KpiRow(page, "FUN-02.2")).ToContainTextAsync("8 giorni");

            // Starts monitoring (after confirming: targets freeze) and opens the interim period.
            await office.BreadcrumbAsync(Plan2020);
            var overall = page.Locator("section.overall");
            await Expect(overall.Locator(".score-value")).ToHaveTextAsync("—");
            await office.ClickAsync(AriaRole.Button, "Avvia il monitoraggio");
            Assert.Equal("Avviare il monitoraggio? I target non saranno più modificabili.", Assert.Single(office.Dialogs));
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Monitoraggio avviato: i target sono congelati.");
            await Expect(page.Locator(".plan-status")).ToHaveTextAsync("In monitoraggio");
            await office.ClickAsync(AriaRole.Button, "Apri il periodo «Monitoraggio intermedio (30/06/2020)»");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Periodo aperto: si possono inserire i risultati.");
            await Expect(overall.Locator(".score-coverage")).ToHaveTextAsync("0 KPI rilevati su 35");

            // Enters the interim results of FUN-02 as written in the report, and previews the score.
            await office.ClickAsync(AriaRole.Link, "Indicatori di funzionamento dell’Ente");
            await office.ClickAsync(AriaRole.Link, "Indicatori del Sistema delle Relazioni");
            await office.ClickAsync(AriaRole.Link, "Inserisci i risultati");
            await Expect(page.GetByText("Inserimento risultati · Monitoraggio intermedio (30/06/2020)")).ToBeVisibleAsync();
            await Actual(page, "FUN-02.1").FillAsync("1'16\"");
            await Actual(page, "FUN-02.2").FillAsync("9,9 giorni");
            await Actual(page, "FUN-02.3").FillAsync("2,46");
            await Actual(page, "FUN-02.4").FillAsync("91,1%");
            await office.ClickAsync(AriaRole.Button, "Anteprima del punteggio");
            await Expect(page.GetByText("Anteprima: i valori non sono ancora salvati.")).ToBeVisibleAsync();
            await Expect(Entry(page, "FUN-02.1").Locator(".preview")).ToContainTextAsync("Letto come 1'16\"");
            await Expect(Entry(page, "FUN-02.4").Locator(".preview")).ToContainTextAsync("Letto come 91,1 %");
            await Expect(Entry(page, "FUN-02.4").Locator(".preview")).ToContainTextAsync("Raggiunto");
            var late = Entry(page, "FUN-02.2");
            await Expect(late.Locator(".preview .score-value")).ToHaveTextAsync("80,8 %");
            await Expect(late.GetByLabel("Motivazione dello scostamento (obbligatoria)")).ToBeVisibleAsync();
            await office.KeyPageAsync("inserimento-risultati");

            // Saving without a justification below 100 is refused, and says why.
            await office.ClickAsync(AriaRole.Button, "Salva i risultati", expectedStatus: 422);
            var errors = page.Locator("#form-errors");
            await Expect(errors).ToHaveAttributeAsync("role", "alert");
            await Expect(errors).ToContainTextAsync("Nessun valore è stato salvato");
            await Expect(errors).ToContainTextAsync("Il grado di raggiungimento è 80,8 %: scrivere la motivazione dello scostamento.");
            var justification = late.GetByLabel("Motivazione dello scostamento (obbligatoria)");
            await Expect(justification).ToHaveAttributeAsync("aria-invalid", "true");

            // With the justification the results are saved and go to the Direttore for confirmation.
            await justification.FillAsync("Picco di messaggi a maggio per il nuovo servizio anagrafe; organico rinforzato da giugno.");
            await office.ClickAsync(AriaRole.Button, "Salva i risultati");
            await office.ExpectPathAsync("/piani/2020/obiettivi/FUN-02\\?periodo=INT");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Risultati salvati: sono in attesa di conferma del Direttore.");
            await Expect(KpiRow(page, "FUN-02.2")).ToContainTextAsync("9,9 giorni");
            await Expect(KpiRow(page, "FUN-02.2")).ToContainTextAsync("Picco di messaggi a maggio");

            // The deadlines of SOL-02: one reached (SI), one completed on a date.
            await office.BreadcrumbAsync(Plan2020);
            await office.ClickAsync(AriaRole.Link, "Obiettivi Solidali");
            await office.ClickAsync(AriaRole.Link, "Sviluppo internazionale della città di Milano con l’Associazione Milano Smart City (oggi Milano & Partners)");
            await office.ClickAsync(AriaRole.Link, "Inserisci i risultati");
            await Actual(page, "SOL-02.1").FillAsync("SI");
            await Actual(page, "SOL-02.2").FillAsync("15/05/2020");
            await office.ClickAsync(AriaRole.Button, "Salva i risultati");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Risultati salvati: sono in attesa di conferma del Direttore.");
            await Expect(KpiRow(page, "SOL-02.2")).ToContainTextAsync("completato il 15/05/2020, entro la scadenza del 31/12/2020");

            // The plan's dashboard now shows the interim period with a score.
            await office.BreadcrumbAsync(Plan2020);
            await Expect(page.GetByLabel("Periodo di monitoraggio")).ToHaveValueAsync("INT");
            await Expect(overall.Locator(".score-coverage")).ToHaveTextAsync("6 KPI rilevati su 35");
            await Expect(overall.Locator(".score-value")).Not.ToHaveTextAsync("—");
            var functioning = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Indicatori di funzionamento dell’Ente" }) });
            await Expect(functioning.Locator(".score-value")).Not.ToHaveTextAsync("—");
        });

    /// <summary>The result-entry block of one KPI, found by its code as a person reads it.</summary>
    private static ILocator Entry(IPage page, string kpiCode) =>
        page.Locator("fieldset.kpi-entry").Filter(new() { HasText = $"Codice {kpiCode} ·" });

    private static ILocator Actual(IPage page, string kpiCode) => Entry(page, kpiCode).GetByLabel("Valore raggiunto");

    /// <summary>A KPI's row in the objective's KPI table.</summary>
    private static ILocator KpiRow(IPage page, string kpiCode) => page.Locator($"tr#kpi-{kpiCode.Replace(".", "\\.", StringComparison.Ordinal)}");
}

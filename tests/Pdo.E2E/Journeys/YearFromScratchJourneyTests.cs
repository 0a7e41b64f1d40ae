using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pdo.E2E.Support;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>
/// A whole year in the browser, without a plan file: the Amministratore opens a new Direzione and gives it a Direttore;
/// the Ufficio Pianificazione sets up an empty 2027 plan from scratch (section, area, quarterly periods, an objective
/// with two KPIs), starts monitoring, enters the final results and the plan's texts; the Direttore writes the narrative
/// and confirms the results (a second person); the approval page shows the final scores and the plan is approved with
/// its Delibera; the consuntivo PDF carries all of it. Runs on the later-dated portal (its today is 20/03/2028): a 2027
/// consuntivo cannot be approved before 2027 is over.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class YearFromScratchJourneyTests(PortalFixture portal)
{
    private const string Year = "2027";
    private const string Title = "Piano degli Obiettivi 2027";
    private const string Direzione = "Direzione Verde e Ambiente";
    private const string ObjectiveTitle = "Più verde curato nei quartieri";
    private const string Narrative = "Nel 2027 la manutenzione del verde è passata a un contratto per quartiere.";

    [Fact]
    public Task SetsUpRunsAndApprovesA2027PlanFromNothingGivenOnlyTheBrowser() =>
        portal.RunLaterJourneyAsync(nameof(SetsUpRunsAndApprovesA2027PlanFromNothingGivenOnlyTheBrowser), async journey =>
        {
            // The Amministratore opens the Direzione from 1 January 2027 and makes Carlo Casa its Direttore too.
            var admin = await journey.OpenBrowserAsync("amministratore");
            await admin.SignInAsync(People.Administrator);
            await admin.MenuAsync("Direzioni");
            await admin.ClickAsync(AriaRole.Link, "Nuova Direzione");
            await admin.Page.GetByLabel("Codice").FillAsync("VERDE");
            await admin.Page.GetByLabel("Nome").FillAsync(Direzione);
            await admin.Page.GetByLabel("Attiva dal").FillAsync("01/01/2027");
            await admin.ClickAsync(AriaRole.Button, "Salva");
            await Expect(admin.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Direzione creata.");
            await admin.MenuAsync("Utenti");
            await admin.ClickAsync(AriaRole.Link, "Carlo Casa");
            await admin.Page.Locator("label.form-check-label").GetByText(Direzione, new() { Exact = true }).ClickAsync();
            await Expect(admin.Page.GetByLabel(Direzione, new() { Exact = true })).ToBeCheckedAsync();
            await admin.ClickAsync(AriaRole.Button, "Salva");
            await Expect(admin.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Utente aggiornato.");

            // The planning office creates the empty 2027 plan and gives it its structure.
            var office = await journey.OpenBrowserAsync("pianificazione");
            var page = office.Page;
            await office.SignInAsync(People.PlanningOffice);
            await office.MenuAsync("Piani");
            await office.ClickAsync(AriaRole.Link, "Nuovo piano");
            await page.GetByLabel("Anno").FillAsync(Year);
            await page.GetByLabel("Titolo").FillAsync(Title);
            await page.GetByLabel("Struttura").SelectOptionAsync(new SelectOptionValue { Label = "Piano vuoto (solo sezioni e periodi standard)" });
            await office.ClickAsync(AriaRole.Button, "Crea il piano in bozza");
            await office.ExpectPathAsync($"/piani/{Year}");
            await office.ClickAsync(AriaRole.Link, "Struttura del piano");

            var sections = page.GetByRole(AriaRole.Region, new() { Name = "Sezioni" });
            await sections.GetByLabel("Codice").FillAsync("AMB");
            await sections.GetByLabel("Nome", new() { Exact = true }).FillAsync("Obiettivi per l'ambiente");
            await office.ClickAsync(AriaRole.Button, "Aggiungi sezione");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sezione aggiunta.");

            var areas = page.GetByRole(AriaRole.Region, new() { Name = "Aree strategiche" });
            await areas.GetByLabel("Codice").FillAsync("GREEN");
            await areas.GetByLabel("Nome", new() { Exact = true }).FillAsync("Milano più green");
            await office.ClickAsync(AriaRole.Button, "Aggiungi area strategica");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Area strategica aggiunta.");

            await page.GetByLabel("Sostituisci i periodi con uno schema (il piano non ha risultati)").SelectOptionAsync(new SelectOptionValue { Value = "Quarterly" });
            await office.ClickAsync(AriaRole.Button, "Applica lo schema");
            var periods = page.GetByRole(AriaRole.Table, new() { Name = $"Periodi di monitoraggio del piano {Year}" });
            await Expect(periods.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["T1", "T2", "T3", "FIN"]);

            // One objective of the new Direzione, with two KPIs.
            await office.BreadcrumbAsync(Title);
            await office.ClickAsync(AriaRole.Link, "Nuovo obiettivo");
            await page.GetByLabel("Codice").FillAsync("AMB-01");
            await page.GetByLabel("Titolo").FillAsync(ObjectiveTitle);
            await page.GetByLabel("Sezione").SelectOptionAsync(new SelectOptionValue { Label = "Obiettivi per l'ambiente" });
            await page.GetByLabel("Area strategica").SelectOptionAsync(new SelectOptionValue { Label = "Milano più green" });
            await page.GetByLabel("Direzione responsabile").SelectOptionAsync(new SelectOptionValue { Label = Direzione });
            await office.ClickAsync(AriaRole.Button, "Salva");
            await office.ExpectPathAsync($"/piani/{Year}/obiettivi/AMB-01");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Obiettivo salvato.");

            await AddKpiAsync(office, "AMB-01.1", "Segnalazioni sul verde chiuse entro 30 giorni", "≥ 90%", unit: null);
            await AddKpiAsync(office, "AMB-01.2", "Nuove aree verdi aperte al pubblico", "≥ 4", unit: "aree");

            // Monitoring: targets freeze, the final period opens, the planning office enters the final results.
            await office.BreadcrumbAsync(Title);
            await office.ClickAsync(AriaRole.Button, "Avvia il monitoraggio");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Monitoraggio avviato: i target sono congelati.");
            await office.ClickAsync(AriaRole.Button, "Apri il periodo «Consuntivo (31/12/2027)»");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Periodo aperto: si possono inserire i risultati.");

            await office.GotoAsync($"/piani/{Year}/obiettivi/AMB-01");
            await office.ClickAsync(AriaRole.Link, "Inserisci i risultati");
            await Entry(page, "AMB-01.1").GetByLabel("Valore raggiunto").FillAsync("93,5%");
            await Entry(page, "AMB-01.2").GetByLabel("Valore raggiunto").FillAsync("5");
            await office.ClickAsync(AriaRole.Button, "Salva i risultati");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Risultati salvati: sono in attesa di conferma del Direttore.");

            // The plan's introduction for the consuntivo.
            await office.GotoAsync($"/piani/{Year}");
            await office.ClickAsync(AriaRole.Link, "Testi del consuntivo");
            await page.GetByLabel("Introduzione").FillAsync("Il primo piano costruito interamente nel portale.\n\n- una Direzione nuova\n- quattro periodi");
            await page.GetByLabel("Nota conclusiva").FillAsync("Proposto dall'Ufficio Pianificazione alla Giunta.");
            await office.ClickAsync(AriaRole.Button, "Salva i testi");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Testi del piano salvati.");

            // The approval page refuses while the results wait for the Direttore, and says so.
            await office.ClickAsync(AriaRole.Link, "Approva il consuntivo");
            var blockers = page.GetByRole(AriaRole.Region, new() { Name = "Cosa blocca l'approvazione" });
            await Expect(blockers.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "AMB-01.1" })).ToContainTextAsync("inserito");

            // The Direttore (a second person) writes the narrative and confirms both results.
            var direttore = await journey.OpenBrowserAsync("direttore-verde");
            await direttore.SignInAsync(People.DirettoreCasa);
            await direttore.GotoAsync($"/piani/{Year}/obiettivi/AMB-01");
            await direttore.ClickAsync(AriaRole.Link, "Modifica descrizione");
            await direttore.Page.GetByLabel("Descrizione e risultati").FillAsync($"{Narrative}\n\nRisultati:\n- 5 nuove aree verdi\n- segnalazioni chiuse più in fretta");
            await direttore.ClickAsync(AriaRole.Button, "Salva la descrizione");
            await Expect(direttore.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Descrizione salvata.");
            await Expect(direttore.Page.Locator("section.narrative ul > li")).ToHaveTextAsync(["5 nuove aree verdi", "segnalazioni chiuse più in fretta"]);

            await direttore.GotoAsync("/revisione");
            await Expect(direttore.Page.GetByRole(AriaRole.Heading, new() { Name = "Da confermare (2)" })).ToBeVisibleAsync();
            foreach (var label in await direttore.Page.Locator("main .form-check label").AllAsync())
            {
                await label.ClickAsync();
            }

            await direttore.ClickAsync(AriaRole.Button, "Conferma i selezionati");
            await Expect(direttore.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Confermati 2 risultati");

            // Nothing blocks now: the approval page shows the final scores, and the plan is approved with its Delibera.
            await office.GotoAsync($"/piani/{Year}/approva");
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Cosa blocca l'approvazione" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Cosa viene congelato" })).ToContainTextAsync("1 obiettivo");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Punteggi finali (Consuntivo)" })).ToBeVisibleAsync();
            await Expect(page.Locator("main")).ToContainTextAsync(ObjectiveTitle);

            // A Delibera dated after the portal's today is refused; the real one is accepted.
            await page.GetByLabel("Numero della delibera").FillAsync("412");
            await page.GetByLabel("Data della delibera").FillAsync("15/04/2099");
            await office.ClickAsync(AriaRole.Button, "Approva", expectedStatus: 422);
            await Expect(page.Locator("#form-errors")).ToContainTextAsync("è nel futuro");
            await page.GetByLabel("Numero della delibera").FillAsync("412");
            await page.GetByLabel("Data della delibera").FillAsync("16/03/2028");
            await office.ClickAsync(AriaRole.Button, "Approva");
            await office.ExpectPathAsync($"/piani/{Year}");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Piano approvato: ora è in sola lettura.");
            await Expect(page.Locator(".plan-status")).ToHaveTextAsync("Approvato");
            await Expect(page.GetByText("Approvato con Delibera di Giunta n. 412 del 16/03/2028")).ToBeVisibleAsync();

            // The consuntivo PDF: the plan's introduction, the objective with the Direttore's narrative, the act.
            var link = page.GetByRole(AriaRole.Link, new() { Name = "Scarica il consuntivo (PDF)" });
            var response = await page.APIRequest.GetAsync((await link.GetAttributeAsync("href"))!);
            Assert.Equal(200, response.Status);
            using var pdf = PdfDocument.Open(await response.BodyAsync());
            var text = Squeeze(string.Concat(pdf.GetPages().Select(p => p.Text)));
            Assert.Contains(Squeeze("Il primo piano costruito interamente nel portale."), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(ObjectiveTitle), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(Narrative), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze("5 nuove aree verdi"), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze("Proposto dall'Ufficio Pianificazione alla Giunta."), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze("n. 412"), text, StringComparison.Ordinal);
            Assert.DoesNotContain("BOZZA", text, StringComparison.Ordinal);
        });

    private static async Task AddKpiAsync(BrowserSession office, string code, string name, string target, string? unit)
    {
        var page = office.Page;
        await office.ClickAsync(AriaRole.Link, "Nuovo KPI");
        await page.GetByLabel("Codice").FillAsync(code);
        await page.GetByLabel("Nome del KPI").FillAsync(name);
        await page.GetByLabel("Target, come si scrive nel piano").FillAsync(target);
        if (unit is not null)
        {
            await page.GetByLabel("Unità di misura (facoltativa, es. km)").FillAsync(unit);
        }

        await office.ClickAsync(AriaRole.Button, "Salva");
        await office.ExpectPathAsync("/piani/2027/obiettivi/AMB-01");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("KPI salvato.");
    }

    private static ILocator Entry(IPage page, string kpi) =>
        page.Locator("fieldset.kpi-entry").Filter(new() { HasText = $"Codice {kpi} ·" });

    private static string Squeeze(string text) => Whitespace().Replace(text, string.Empty);

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}

using Microsoft.Playwright;
using Pdo.E2E.Support;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>
/// The OIV's annual validation on the approved 2019 plan: the checks page, an observation answered by the planning
/// office, the validation, and the Giunta downloading the Relazione sulla Performance (the overrides step of issue
/// #15 comes with the overrides).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OivJourneyTests(PortalFixture portal)
{
    private const string Objective = "/piani/2019/obiettivi/DIR-CASA-01";

    [Fact]
    public Task ValidatesTheRelazioneAfterAnObservationAnsweredGivenTheApprovedPlan() =>
        portal.RunJourneyAsync(nameof(ValidatesTheRelazioneAfterAnObservationAnsweredGivenTheApprovedPlan), async journey =>
        {
            var oiv = await journey.OpenBrowserAsync("oiv");
            await oiv.SignInAsync(People.Oiv);

            // The checks page, from the plan page.
            await oiv.GotoAsync("/piani/2019");
            await oiv.ClickAsync(AriaRole.Link, "Verifiche");
            await Expect(oiv.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Verifiche: Piano degli Obiettivi 2019");
            await Expect(oiv.Page.Locator("#target-modificati")).ToContainTextAsync("Nessun target modificato dopo l'avvio del monitoraggio.");

            // An observation on a KPI of the objective.
            await oiv.GotoAsync(Objective);
            await oiv.Page.GetByLabel("Riferita a").SelectOptionAsync("DIR-CASA-01.1");
            await oiv.Page.GetByLabel("Osservazione", new() { Exact = true }).FillAsync("Indicare la fonte del numero di alloggi assegnati.");
            await oiv.ClickAsync(AriaRole.Button, "Registra l'osservazione");
            await Expect(oiv.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Osservazione registrata.");
            await Expect(oiv.Page.Locator(".observation-status")).ToHaveTextAsync("Aperta");

            // The planning office answers in the thread.
            var office = await journey.OpenBrowserAsync("pianificazione");
            await office.SignInAsync(People.PlanningOffice);
            await office.GotoAsync(Objective);
            await office.Page.GetByLabel("Risposta").FillAsync("Fonte: graduatorie ERP, dati al 31/12/2019.");
            await office.FollowAsync(() => office.Page.Locator("article.observation button[type=submit]").First.ClickAsync());
            await Expect(office.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Risposta registrata: l'osservazione è «Con risposta».");
            await Expect(office.Page.Locator(".observation-thread")).ToContainTextAsync("(Ufficio Pianificazione e Controllo)");

            // The OIV sees the answer, then validates the Relazione.
            await oiv.GotoAsync(Objective);
            await Expect(oiv.Page.Locator(".observation-status")).ToHaveTextAsync("Con risposta");
            await oiv.GotoAsync("/piani/2019/osservazioni");
            await oiv.ClickAsync(AriaRole.Link, "Con risposta (1)");
            await Expect(oiv.Page.Locator("table.observation-list tbody tr")).ToHaveCountAsync(1);
            await oiv.GotoAsync("/piani/2019");
            await oiv.ClickAsync(AriaRole.Link, "Validazione della Relazione");
            await oiv.Page.GetByLabel("Data della validazione").FillAsync("30/06/2020");
            await oiv.Page.Locator("label[for=outcome-Validated]").ClickAsync();
            await Expect(oiv.Page.GetByLabel("Validata", new() { Exact = true })).ToBeCheckedAsync();
            await oiv.Page.GetByLabel("Motivazione (obbligatoria)").FillAsync("Relazione comprensibile, conforme e attendibile.");
            await oiv.ClickAsync(AriaRole.Button, "Registra la validazione");
            await Expect(oiv.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Validazione registrata: è la validazione corrente della Relazione.");

            // The Giunta sees the validation next to the approval and downloads the Relazione.
            var giunta = await journey.OpenBrowserAsync("giunta");
            await giunta.SignInAsync(People.Giunta);
            await giunta.GotoAsync("/piani/2019");
            await Expect(giunta.Page.Locator(".plan-validation").First).ToContainTextAsync("Relazione validata dall'OIV il 30/06/2020");
            var link = giunta.Page.GetByRole(AriaRole.Link, new() { Name = "Scarica la Relazione sulla Performance (PDF)", Exact = true });
            await Expect(link).ToHaveAttributeAsync("href", "/piani/2019/relazione.pdf");
            var response = await giunta.Page.APIRequest.GetAsync("/piani/2019/relazione.pdf");
            Assert.Equal(200, response.Status);
            using var document = PdfDocument.Open(await response.BodyAsync());
            var text = string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("7. Validazione", text, StringComparison.Ordinal);
            Assert.Contains("Indicare la fonte del numero di alloggi assegnati.", text, StringComparison.Ordinal);
        });
}

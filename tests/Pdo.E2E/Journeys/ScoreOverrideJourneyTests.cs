using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>
/// A score override («forzatura») through its life in the browser: the Ufficio Pianificazione proposes it on the KPI,
/// the OIV approves it with its note, the objective page shows both scores, the reason and who approved. It runs on a
/// plan of its own (2022, a copy of 2019 in monitoring with interim results of DIR-CASA-01) on the later portal, so the
/// shared 2021 plan keeps its scores and stays the most recent plan in monitoring of the main portal (where the other
/// journeys land); at the end the Direttore of Casa confirms what is pending, so Casa's inbox is empty again.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ScoreOverrideJourneyTests(PortalFixture portal)
{
    private const int Year = 2022;
    private const string Oiv = "oiv@pdo.local";
    private const string Reason = "Cantiere sospeso dalla Soprintendenza: causa esterna alla Direzione.";

    [Fact]
    public Task ShowsBothScoresOnTheObjectivePageGivenTheOivApprovesTheOverrideProposedByThePlanningOffice() =>
        portal.RunLaterJourneyAsync(nameof(ShowsBothScoresOnTheObjectivePageGivenTheOivApprovesTheOverrideProposedByThePlanningOffice), async journey =>
        {
            await PreparePlanAsync();
            var office = await journey.OpenBrowserAsync("pianificazione");
            var page = office.Page;
            await office.SignInAsync(People.PlanningOffice);

            // The planning office proposes 85 % for the KPI that scores 80,0 % (720 of 900) in the interim period.
            await office.GotoAsync($"/piani/{Year}/obiettivi/DIR-CASA-01?periodo=INT");
            await office.ClickAsync(AriaRole.Link, "Proponi forzatura del KPI DIR-CASA-01.2");
            await office.ExpectPathAsync(System.Text.RegularExpressions.Regex.Escape($"/piani/{Year}/forzature/nuova?obiettivo=DIR-CASA-01&kpi=DIR-CASA-01.2"));
            await page.GetByLabel("Periodo di monitoraggio").SelectOptionAsync("INT");
            await page.GetByLabel("Punteggio proposto (da 0 a 100 %, al massimo un decimale)").FillAsync("120");
            await page.GetByLabel("Motivo della forzatura (obbligatorio, almeno 10 caratteri)").FillAsync(Reason);
            await office.ClickAsync(AriaRole.Button, "Proponi la forzatura", expectedStatus: 422);
            await Expect(page.Locator("#form-errors")).ToContainTextAsync("Il punteggio forzato deve essere tra 0 e 100 %");
            await page.GetByLabel("Punteggio proposto (da 0 a 100 %, al massimo un decimale)").FillAsync("85");
            await office.ClickAsync(AriaRole.Button, "Proponi la forzatura");
            await office.ExpectPathAsync($"/piani/{Year}/forzature");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Forzatura proposta: attende la decisione dell'OIV.");
            var proposal = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "DIR-CASA-01.2" });
            await Expect(proposal).ToContainTextAsync("Proposta");
            await Expect(proposal).ToContainTextAsync("80,0 %");
            await Expect(proposal.GetByRole(AriaRole.Button, new() { Name = "Ritira la proposta di DIR-CASA-01.2" })).ToBeVisibleAsync();

            // The OIV approves it with its note.
            var oiv = await journey.OpenBrowserAsync("oiv");
            await oiv.SignInAsync(Oiv);
            await oiv.GotoAsync($"/piani/{Year}/forzature");
            await oiv.Page.GetByLabel("Nota della decisione dell'OIV (obbligatoria, almeno 10 caratteri)").FillAsync("Verificato il verbale della Soprintendenza: accolta.");
            await oiv.ClickAsync(AriaRole.Button, "Approva la forzatura di DIR-CASA-01.2");
            await Expect(oiv.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Forzatura approvata: il punteggio forzato sostituisce quello calcolato.");
            await Expect(oiv.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "DIR-CASA-01.2" })).ToContainTextAsync("in vigore");

            // The objective page shows the forced score, the computed one, the reason and who approved.
            await office.GotoAsync($"/piani/{Year}/obiettivi/DIR-CASA-01?periodo=INT");
            var row = page.Locator("#kpi-DIR-CASA-01\\.2");
            await Expect(row.Locator(".score-value").First).ToHaveTextAsync("85,0 %");
            await Expect(row).ToContainTextAsync("Forzato");
            await Expect(row).ToContainTextAsync("calcolato 80,0 %");
            await Expect(row).ToContainTextAsync($"Motivo: {Reason}");
            await row.GetByText("Come è calcolato").ClickAsync();
            await Expect(row).ToContainTextAsync("forzatura approvata: 85,0 %");
            await office.CheckPageAsync();

            // The Direttore of Casa confirms the three results of this plan, leaving the inbox empty for the other journeys.
            var direttore = await journey.OpenBrowserAsync("direttore");
            await direttore.SignInAsync(People.DirettoreCasa);
            await direttore.MenuAsync("Da confermare");
            await Expect(direttore.Page.GetByRole(AriaRole.Heading, new() { Name = "Da confermare (", Exact = false })).ToBeVisibleAsync();
            // bootstrap-italia draws checkboxes on their label: a person clicks the label.
            foreach (var label in await direttore.Page.Locator("label.form-check-label").Filter(new() { HasText = "Seleziona per la conferma" }).AllAsync())
            {
                await label.ClickAsync();
            }

            await direttore.ClickAsync(AriaRole.Button, "Conferma i selezionati");
            await Expect(direttore.Page.GetByRole(AriaRole.Heading, new() { Name = "Da confermare (0)" })).ToBeVisibleAsync();
        });

    /// <summary>The 2022 plan: a copy of 2019 with its targets, in monitoring, interim results of DIR-CASA-01 (100 %, 720, 2.646).</summary>
    private async Task PreparePlanAsync()
    {
        var server = await portal.LaterPortalAsync();
        using var office = await PortalApi.SignInAsync(server.BaseAddress, People.PlanningOffice, PortalFixture.DemoPassword);
        var year = Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await office.PostExpectingRedirectAsync("/piani/nuovo", "/piani/nuovo",
            [new("Year", year), new("Title", $"Piano degli Obiettivi {year}"), new("CopyFromYear", "2019"), new("CopyTargets", "true")]);
        await office.PostExpectingRedirectAsync($"/piani/{year}", $"/piani/{year}/avvia-monitoraggio", []);
        await office.PostExpectingRedirectAsync($"/piani/{year}", $"/piani/{year}/periodi/INT/apri", []);
        await office.EnterResultsAsync(Year, "DIR-CASA-01", ("100%", null), ("720", "Cantieri in ritardo."), ("2.646", null));
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>The Direttore of Direzione Casa reviews the interim results of Casa; Cultura's are not theirs.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class DirettoreJourneyTests(PortalFixture portal)
{
    private const int Year = PortalFixture.MonitoringYear;
    private const string HousesKpi = "Recupero alloggi ERP sfitti - Case sfitte recuperate";

    [Fact]
    public Task ReturnsAResultWithACommentConfirmsTheCorrectionAndCannotTouchCultura() =>
        portal.RunJourneyAsync(nameof(ReturnsAResultWithACommentConfirmsTheCorrectionAndCannotTouchCultura), async journey =>
        {
            // Before: the planning office entered the interim results of Casa (with a typo) and of Cultura.
            await portal.EnsureMonitoringPlanAsync();
            using (var office = await portal.SignedInApiAsync(People.PlanningOffice))
            {
                // 1.030 for 1.003: a typo within 10 times the target of 900, so saved without «Confermo il valore».
                await office.EnterResultsAsync(Year, "DIR-CASA-01", ("100%", null), ("1.030", null), ("2.646", null));
                await office.EnterResultsAsync(Year, "DIR-CULT-01", ("100%", null), ("3", null), ("8", null));
            }

            var culturaResult = await CulturaResultIdAsync();

            var direttore = await journey.OpenBrowserAsync("direttore-casa");
            var page = direttore.Page;

            // Signs in and lands on the dashboard of Direzione Casa in the plan in monitoring.
            await direttore.SignInAsync(People.DirettoreCasa);
            await direttore.ExpectPathAsync($"/piani/{Year}/cruscotto\\?direzione=CASA");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cruscotto: Direzione Casa");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Conta case: avanzamento piano di recupero delle case sfitte" })).ToBeVisibleAsync();

            // Opens the results awaiting confirmation and returns the wrong one with a comment.
            await direttore.MenuAsync("Da confermare");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Da confermare (3)" })).ToBeVisibleAsync();
            var houses = Review(page, HousesKpi);
            await Expect(houses).ToContainTextAsync("1.030");
            await houses.GetByLabel("Commento per la restituzione").FillAsync("1.030 è un refuso: il verbale di giugno riporta 1.003 alloggi recuperati.");
            await direttore.FollowAsync(() => houses.GetByRole(AriaRole.Button, new() { Name = $"Restituisci «{HousesKpi}»" }).ClickAsync());
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Risultato restituito con il commento.");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Da confermare (2)" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Restituiti, in attesa di correzione (1)" })).ToBeVisibleAsync();

            // The planning office reads the comment on the entry form and corrects the value.
            var corrector = await journey.OpenBrowserAsync("pianificazione");
            await corrector.SignInAsync(People.PlanningOffice);
            await corrector.GotoAsync($"/piani/{Year}/obiettivi/DIR-CASA-01");
            await corrector.ClickAsync(AriaRole.Link, "Inserisci i risultati");
            var entry = corrector.Page.Locator("fieldset.kpi-entry").Filter(new() { HasText = "Codice DIR-CASA-01.2 ·" });
            await Expect(entry.GetByRole(AriaRole.Note)).ToHaveTextAsync("Restituito dal Direttore: 1.030 è un refuso: il verbale di giugno riporta 1.003 alloggi recuperati.");
            await entry.GetByLabel("Valore raggiunto").FillAsync("1.003");
            await corrector.ClickAsync(AriaRole.Button, "Salva i risultati");
            await Expect(corrector.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Risultati salvati: sono in attesa di conferma del Direttore.");

            // Back in the inbox, the corrected result awaits confirmation again: the Direttore confirms it.
            await direttore.GotoAsync("/revisione");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Da confermare (3)" })).ToBeVisibleAsync();
            await Expect(Review(page, HousesKpi)).ToContainTextAsync("1.003");
            await direttore.KeyPageAsync("revisione");
            await direttore.FollowAsync(() => Review(page, HousesKpi).GetByRole(AriaRole.Button, new() { Name = $"Conferma «{HousesKpi}»" }).ClickAsync());
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Risultato confermato.");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Da confermare (2)" })).ToBeVisibleAsync();
            await Expect(Review(page, HousesKpi)).ToHaveCountAsync(0);

            // The two others are right: the Direttore ticks both and confirms them at once (each checked as a single
            // confirmation; the page, with its checkboxes and summary, is checked by axe like every other).
            var boxes = page.Locator("main").GetByRole(AriaRole.Checkbox);
            await Expect(boxes).ToHaveCountAsync(2);
            foreach (var label in await page.Locator("main .form-check label").AllAsync())
            {
                await label.ClickAsync();
            }

            await Expect(boxes.Nth(0)).ToBeCheckedAsync();
            await Expect(boxes.Nth(1)).ToBeCheckedAsync();

            await direttore.ClickAsync(AriaRole.Button, "Conferma i selezionati");
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Confermati 2 risultati");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Da confermare (0)" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Conferma i selezionati" })).ToHaveCountAsync(0);

            // Cultura's objective is readable, without anything to enter, change or confirm.
            await direttore.MenuAsync("Piani");
            await direttore.ClickAsync(AriaRole.Link, $"Piano degli Obiettivi {Year}");
            await direttore.ClickAsync(AriaRole.Link, "Direzione Cultura");
            await direttore.ClickAsync(AriaRole.Link, "Progetto Leonardo");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Progetto Leonardo");
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "n. mostre/percorsi svolti nell’ambito del progetto Leonardo" })).ToBeVisibleAsync();
            await ExpectNoEditControlsAsync(page);

            // Its result-entry page and a forged confirmation of its result answer 403, with nothing to act on.
            await direttore.GotoAsync($"/piani/{Year}/obiettivi/DIR-CULT-01/risultati", expectedStatus: 403);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accesso non consentito");
            await ExpectNoEditControlsAsync(page);

            await direttore.GotoAsync("/revisione");
            await direttore.FollowAsync(() => PostFromPageAsync(page, $"/revisione/{culturaResult}/conferma"), expectedStatus: 403);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accesso non consentito");
            await ExpectNoEditControlsAsync(page);
            Assert.Equal(culturaResult, await CulturaResultIdAsync()); // still awaiting Cultura's own Direttore
        });

    private static ILocator Review(IPage page, string kpiName) =>
        page.GetByRole(AriaRole.Article).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = kpiName, Exact = true }) })
            .Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = $"Conferma «{kpiName}»" }) });

    /// <summary>No form that changes anything, no result-entry or edit link in the page's content.</summary>
    private static async Task ExpectNoEditControlsAsync(IPage page)
    {
        var main = page.Locator("main");
        await Expect(main.Locator("form[method=post]")).ToHaveCountAsync(0);
        await Expect(main.Locator("textarea, input:not([type=hidden])")).ToHaveCountAsync(0);
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Inserisci i risultati" })).ToHaveCountAsync(0);
        await Expect(main.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Modifica") })).ToHaveCountAsync(0);
        await Expect(main.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Conferma|Restituisci|Salva)") })).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Submits a POST form built in the page with the page's own antiforgery token: what a forged request of a
    /// signed-in Direttore looks like (the portal offers no such button).
    /// </summary>
    private static Task PostFromPageAsync(IPage page, string action) =>
        page.EvaluateAsync("""
            action => {
              const token = document.querySelector('input[name="__RequestVerificationToken"]').value;
              const form = document.createElement('form');
              form.method = 'post';
              form.action = action;
              for (const [name, value] of [['__RequestVerificationToken', token], ['Version', '00000000-0000-0000-0000-000000000000']]) {
                const input = document.createElement('input');
                input.type = 'hidden';
                input.name = name;
                input.value = value;
                form.appendChild(input);
              }
              document.body.appendChild(form);
              form.submit();
            }
            """, action);

    /// <summary>The first Cultura result awaiting confirmation, as Cultura's own Direttore sees it.</summary>
    private async Task<string> CulturaResultIdAsync()
    {
        using var cultura = await portal.SignedInApiAsync(People.DirettoreCultura);
        var inbox = await cultura.GetStringAsync("/revisione");
        var match = ConfirmAction().Match(inbox);
        Assert.True(match.Success, "No Cultura result awaits confirmation.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("action=\"/revisione/(\\d+)/conferma\"")]
    private static partial Regex ConfirmAction();
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>
/// The Amministratore enrols an authenticator app (required at the first sign-in) and signs in with its code; creates a
/// Direttore bound to a Direzione; the new user sets a password and signs in.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AdministratorJourneyTests(PortalFixture portal)
{
    private const string Name = "Elena Economia";
    private const string Email = "elena.economia@pdo.local";
    private const string Directorate = "Direzione Economia Urbana e Lavoro";
    private const string Password = "Tirocini-e-lavoro-2020";

    [Fact]
    public Task CreatesADirettoreOfADirezioneWhoSetsAPasswordAndSignsIn() =>
        portal.RunJourneyAsync(nameof(CreatesADirettoreOfADirezioneWhoSetsAPasswordAndSignsIn), async journey =>
        {
            var admin = await journey.OpenBrowserAsync("amministratore");
            var page = admin.Page;
            await admin.SignInAsync(People.Administrator);

            // Creates the user: name, e-mail, the Direttore role, one Direzione.
            await admin.MenuAsync("Utenti");
            await admin.ClickAsync(AriaRole.Link, "Nuovo utente");
            await page.GetByLabel("Nome e cognome").FillAsync(Name);
            await page.GetByLabel("E-mail").FillAsync(Email);
            await CheckAsync(page, "Direttore");
            await CheckAsync(page, Directorate);
            await admin.ClickAsync(AriaRole.Button, "Crea l'utente");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Utente creato");
            var link = await page.GetByLabel("Link per impostare la password").InputValueAsync();
            Assert.StartsWith(portal.BaseAddress.ToString().TrimEnd('/') + "/accesso/imposta-password?", link, StringComparison.Ordinal);

            // The list shows the new user with role and Direzione.
            await admin.ClickAsync(AriaRole.Link, "Torna agli utenti");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = Email });
            await Expect(row).ToContainTextAsync("Direttore");
            await Expect(row).ToContainTextAsync(Directorate);

            // The new user, in their own browser, opens the one-time link, chooses a password and signs in.
            var user = await journey.OpenBrowserAsync("nuovo-direttore");
            await user.GotoAsync(new Uri(link).PathAndQuery);
            await user.Page.GetByLabel("Nuova password").FillAsync(Password);
            await user.Page.GetByLabel("Ripeti la password").FillAsync(Password);
            await user.ClickAsync(AriaRole.Button, "Imposta la password");
            await user.ExpectPathAsync("/accesso");
            await Expect(user.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Password impostata: ora è possibile accedere.");
            await user.Page.GetByLabel("E-mail").FillAsync(Email);
            await user.Page.GetByLabel("Password").FillAsync(Password);
            await user.ClickAsync(AriaRole.Button, "Accedi");

            // A Direttore lands on their Direzione in the latest plan that has its objectives.
            await Expect(user.Page).ToHaveURLAsync(new Regex("/piani/20\\d\\d/cruscotto\\?direzione=ECONOMIA$"));
            await Expect(user.Page.Locator(".user-menu")).ToContainTextAsync(Name);
            await Expect(user.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Cruscotto: {Directorate}");
        });

    [Fact]
    public Task SignsInWithTheAuthenticatorCodeGivenAnAdministratorWhoEnrolled() =>
        portal.RunJourneyAsync(nameof(SignsInWithTheAuthenticatorCodeGivenAnAdministratorWhoEnrolled), async journey =>
        {
            // The first sign-in of the run lands on enrolment (the helper reads the key and confirms a code); later ones
            // on the code step.
            var admin = await journey.OpenBrowserAsync("amministratore-2fa");
            var page = admin.Page;
            await admin.SignInAsync(People.Administrator);

            await admin.ClickAsync(AriaRole.Link, "Sicurezza dell'account");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Attiva.");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Disattiva la verifica in due passaggi" })).ToHaveCountAsync(0);
            await admin.ClickAsync(AriaRole.Button, "Esci");

            // The password alone leads to the code step; the recovery-code page is one link away.
            await page.GetByLabel("E-mail").FillAsync(People.Administrator);
            await page.GetByLabel("Password").FillAsync(PortalFixture.DemoPassword);
            await admin.ClickAsync(AriaRole.Button, "Accedi");
            await admin.ExpectPathAsync("/accesso/codice");
            await Expect(page.GetByLabel("Codice dell'app di autenticazione")).ToHaveAttributeAsync("autocomplete", "one-time-code");
            await Expect(page.GetByLabel("Codice dell'app di autenticazione")).ToHaveAttributeAsync("inputmode", "numeric");
            await admin.ClickAsync(AriaRole.Link, "Accedere con un codice di recupero");
            await Expect(page.GetByLabel("Codice di recupero")).ToBeVisibleAsync();
            await admin.ClickAsync(AriaRole.Link, "Usare invece il codice dell'app di autenticazione");
            await admin.EnterAuthenticatorCodeAsync(People.Administrator);

            await admin.ExpectPathAsync("/piani");
            await admin.MenuAsync("Utenti");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Utenti");
        });

    [Fact]
    public Task FiltersTheRegistroByObjectiveAndDatesGivenAnAdministrator() =>
        portal.RunJourneyAsync(nameof(FiltersTheRegistroByObjectiveAndDatesGivenAnAdministrator), async journey =>
        {
            var admin = await journey.OpenBrowserAsync("amministratore-registro");
            var page = admin.Page;
            await admin.SignInAsync(People.Administrator);
            await admin.MenuAsync("Registro modifiche");

            // A date that does not exist: the same page, an Italian message, the filters kept.
            await page.GetByLabel("Obiettivo (codice)", new() { Exact = true }).FillAsync("SOL-01");
            await page.GetByLabel("Dal", new() { Exact = true }).FillAsync("31/02/2019");
            await admin.ClickAsync(AriaRole.Button, "Cerca");
            await Expect(page.Locator("#filter-errors")).ToContainTextAsync("La data «Dal» non è valida («31/02/2019»): scriverla come gg/mm/aaaa");
            await Expect(page.GetByLabel("Obiettivo (codice)", new() { Exact = true })).ToHaveValueAsync("SOL-01");

            await page.GetByLabel("Dal", new() { Exact = true }).FillAsync("01/01/2000");
            await page.GetByLabel("Al", new() { Exact = true }).FillAsync("31/12/2099");
            await admin.ClickAsync(AriaRole.Button, "Cerca");
            await Expect(page.Locator("#filter-errors")).ToHaveCountAsync(0);
            await admin.ExpectPathAsync("/amministrazione/registro\\?.*obiettivo=SOL-01.*&dal=01%2F01%2F2000&al=31%2F12%2F2099.*");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("modifiche trovate");

            // The Storico of the same objective, in Italian.
            await admin.GotoAsync("/piani/2019/obiettivi/SOL-01/storico");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Storico dell'obiettivo SOL-01");
        });

    /// <summary>bootstrap-italia draws checkboxes on their label: a person clicks the label.</summary>
    private static async Task CheckAsync(IPage page, string label)
    {
        await page.Locator("label.form-check-label").GetByText(label, new() { Exact = true }).ClickAsync();
        await Expect(page.GetByLabel(label, new() { Exact = true })).ToBeCheckedAsync();
    }
}

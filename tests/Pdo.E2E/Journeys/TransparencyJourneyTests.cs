using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>
/// A citizen coming from the ente's "Amministrazione trasparente › Performance" page reads the approved 2019 plan without
/// an account: index, plan, a section, an area, a Direzione, an objective with "Come è calcolato", the trend with its data
/// table, the consuntivo PDF; a year without an approved plan is the Italian 404 page. Axe on every page; no cookie.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TransparencyJourneyTests(PortalFixture portal)
{
    [Fact]
    public Task ReadsTheApprovedPlanAndHowAScoreIsComputedGivenNoAccount() =>
        portal.RunJourneyAsync(nameof(ReadsTheApprovedPlanAndHowAScoreIsComputedGivenNoAccount), async journey =>
        {
            var citizen = await journey.OpenBrowserAsync("cittadino");
            var page = citizen.Page;
            var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

            await citizen.GotoAsync("/trasparenza");
            await Expect(h1).ToHaveTextAsync("Piano della performance – Comune di Milano");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Amministrazione trasparente › Performance" })).ToHaveAttributeAsync("href", new Regex("^https://www\\.comune\\.milano\\.it/"));
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Accedi", Exact = true })).ToBeVisibleAsync();

            // The plan, then a section and one of its objectives.
            await citizen.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Piano degli Obiettivi 2019", Exact = true }).ClickAsync());
            await citizen.ExpectPathAsync("/trasparenza/2019$");
            await Expect(h1).ToHaveTextAsync("Piano degli Obiettivi 2019");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Delibera di Giunta n. 501 del 14/04/2020");
            await citizen.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Obiettivi di Direzione", Exact = true }).ClickAsync());
            await citizen.ExpectPathAsync("/trasparenza/2019/sezioni/DIR$");
            await citizen.FollowAsync(() => page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First.ClickAsync());
            await citizen.ExpectPathAsync("/trasparenza/2019/obiettivi/DIR-[A-Z]+-\\d+");
            await Expect(page.Locator(".kpi-table")).ToBeVisibleAsync();
            var explanation = page.Locator(".kpi-table details.explanation").First;
            await explanation.Locator("summary").ClickAsync();
            await Expect(explanation.GetByText("Metodo", new() { Exact = true })).ToBeVisibleAsync();
            await citizen.CheckPageAsync();
            await Expect(page.GetByText("Storico")).ToHaveCountAsync(0);

            // On paper: no menus, and the full address after each link.
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principale" })).ToBeHiddenAsync();
            var link = page.Locator("main .objective-facts a").First;
            Assert.Matches("^https?://[^/]+/trasparenza/2019/sezioni/DIR$", await link.GetAttributeAsync("href"));
            var printed = await link.EvaluateAsync<string>("a => getComputedStyle(a, '::after').content");
            Assert.True(printed.Contains("attr(href)", StringComparison.Ordinal) || printed.Contains("/trasparenza/2019/sezioni/DIR", StringComparison.Ordinal), printed);
            await page.EmulateMediaAsync(new() { Media = Media.Screen });

            // An area and a Direzione, as linked from the plan page.
            await citizen.GotoAsync("/trasparenza/2019/aree/DIGITALE");
            await Expect(h1).ToHaveTextAsync("Milano digitale");
            await citizen.GotoAsync("/trasparenza/2019/direzioni/CASA");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Direzione");

            // The trend: a chart with its data table.
            await citizen.MenuAsync("Andamento negli anni");
            await Expect(h1).ToHaveTextAsync("Andamento negli anni");
            await Expect(page.Locator("canvas#trend-chart")).ToBeVisibleAsync();
            var trend = page.GetByRole(AriaRole.Table, new() { Name = "Grado di raggiungimento complessivo e per sezione, per anno" });
            await Expect(trend.GetByRole(AriaRole.Row).Filter(new() { HasText = "2019" })).ToContainTextAsync("%");

            // The consuntivo PDF, without signing in.
            var pdf = await page.Context.APIRequest.GetAsync(portal.BaseAddress + "trasparenza/2019/consuntivo.pdf");
            Assert.Equal(200, pdf.Status);
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);

            // A year without an approved plan.
            await citizen.GotoAsync("/trasparenza/2031", expectedStatus: 404);
            await Expect(h1).ToHaveTextAsync("Pagina non trovata");

            // Nothing of this visit set a cookie.
            Assert.Empty(await page.Context.CookiesAsync());

            // The sign-in page leads back to the public pages.
            await citizen.GotoAsync("/accesso");
            await citizen.FollowAsync(() => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Piano della performance pubblicato" }).ClickAsync());
            await citizen.ExpectPathAsync("/trasparenza$");
        });
}

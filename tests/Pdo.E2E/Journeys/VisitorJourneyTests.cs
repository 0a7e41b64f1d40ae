using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Journeys;

/// <summary>Anyone, without signing in, reaches the sign-in page, the accessibility statement, the open data and its data dictionary.</summary>
[Collection(PortalCollection.Name)]
public sealed class VisitorJourneyTests(PortalFixture portal)
{
    [Fact]
    public Task ReadsTheAccessibilityStatementAndTheOpenDataFromTheFooter() =>
        portal.RunJourneyAsync(nameof(ReadsTheAccessibilityStatementAndTheOpenDataFromTheFooter), async journey =>
        {
            var visitor = await journey.OpenBrowserAsync("visitatore");
            var page = visitor.Page;

            // The portal asks to sign in first.
            await visitor.GotoAsync("/");
            await visitor.ExpectPathAsync("/accesso\\?ReturnUrl=%2F");

            var footer = page.GetByRole(AriaRole.Navigation, new() { Name = "Link utili" });
            await visitor.FollowAsync(() => footer.GetByRole(AriaRole.Link, new() { Name = "Dichiarazione di accessibilità" }).ClickAsync());
            await visitor.ExpectPathAsync("/accessibilita");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dichiarazione di accessibilità");
            foreach (var section in new[] { "Stato di conformità", "Contenuti non accessibili o non ancora verificati", "Redazione della dichiarazione", "Meccanismo di feedback e recapiti", "Procedura di attuazione" })
            {
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = section, Level = 2 })).ToBeVisibleAsync();
            }

            await visitor.FollowAsync(() => footer.GetByRole(AriaRole.Link, new() { Name = "Dati aperti" }).ClickAsync());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dati aperti");
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "2019" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)" })).ToBeVisibleAsync();

            // The data dictionary: one row per column of the CSV.
            await visitor.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Dizionario dei dati", Exact = true }).ClickAsync());
            await visitor.ExpectPathAsync("/opendata/dizionario");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dizionario dei dati");
            await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "unmeasurable_reason" })).ToBeVisibleAsync();
        });
}

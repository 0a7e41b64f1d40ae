using Microsoft.Playwright;
using Pdo.E2E.Support;

namespace Pdo.E2E.Accessibility;

/// <summary>
/// WCAG 1.4.10 Reflow: at 320 CSS pixels of width (a 1280 px screen at 400 % zoom) the pages scroll in one direction
/// only; wide data tables may scroll inside their own region, which must then be reachable with the keyboard
/// (axe's scrollable-region-focusable, which only applies once a region actually scrolls).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ReflowTests(PortalFixture portal)
{
    [Fact]
    public Task ShowsTheMainPagesWithoutHorizontalScrollingGivenANarrowScreen() =>
        portal.RunJourneyAsync(nameof(ShowsTheMainPagesWithoutHorizontalScrollingGivenANarrowScreen), async journey =>
        {
            await portal.EnsureMonitoringPlanAsync();
            var office = await journey.OpenBrowserAsync("schermo-stretto");
            await office.Page.SetViewportSizeAsync(320, 640);
            await office.SignInAsync(People.PlanningOffice);

            string[] pages =
            [
                "/piani",
                "/piani/2019",
                "/piani/2019/aree/SOLIDALE",
                "/piani/2019/obiettivi/SOL-04",
                $"/piani/{PortalFixture.MonitoringYear}/obiettivi/FUN-02/risultati",
                $"/piani/{PortalFixture.MonitoringYear}/monitoraggio",
                "/revisione",
                "/accessibilita",
            ];
            foreach (var path in pages)
            {
                await office.GotoAsync(path);
                var overflow = await office.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a 320px screen: the whole page scrolls sideways.");
            }
        });
}

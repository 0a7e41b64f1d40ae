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

    [Fact]
    public Task ShowsTheHeaderWithoutOverlappingTextGivenA390PixelPhone() =>
        portal.RunJourneyAsync(nameof(ShowsTheHeaderWithoutOverlappingTextGivenA390PixelPhone), async journey =>
        {
            var office = await journey.OpenBrowserAsync("telefono-390");
            await office.Page.SetViewportSizeAsync(390, 844);
            await office.SignInAsync(People.PlanningOffice);
            await office.GotoAsync("/piani/2019");

            // Every piece of text of the slim header, the brand and the menu button: none may touch or cover another
            // (3 px apart at least) or spill out of its band (at 390 px "Comune di Milano" ran into the user's name).
            var overlaps = await office.Page.EvaluateAsync<string[]>("""
                () => {
                  const parts = [...document.querySelectorAll('.it-header-slim-wrapper .navbar-brand, .it-header-slim-wrapper .user-name, .it-header-slim-wrapper button, .it-brand-wrapper a, .custom-navbar-toggler')]
                    .filter(e => e.getClientRects().length > 0);
                  const name = e => (e.className || e.tagName) + ' «' + e.textContent.trim().replace(/\s+/g, ' ').slice(0, 40) + '»';
                  const problems = [];
                  for (let i = 0; i < parts.length; i++) {
                    const a = parts[i].getBoundingClientRect();
                    for (let j = i + 1; j < parts.length; j++) {
                      if (parts[i].contains(parts[j]) || parts[j].contains(parts[i])) continue;
                      const b = parts[j].getBoundingClientRect();
                      const gap = 3;
                      if (a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap) {
                        problems.push(name(parts[i]) + ' overlaps ' + name(parts[j]));
                      }
                    }
                    const band = parts[i].closest('.it-header-slim-wrapper, .it-header-center-wrapper, .it-header-navbar-wrapper');
                    if (band) {
                      const r = band.getBoundingClientRect();
                      if (a.top < r.top - 1 || a.bottom > r.bottom + 1 || a.left < r.left - 1 || a.right > r.right + 1) {
                        problems.push(name(parts[i]) + ' spills out of ' + band.className);
                      }
                    }
                  }
                  return problems;
                }
                """);
            Assert.True(overlaps.Length == 0, string.Join("; ", overlaps));
            await office.CheckPageAsync();
        });
}

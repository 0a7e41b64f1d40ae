using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pdo.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Pdo.E2E.Accessibility;

/// <summary>
/// The result-entry form used with the keyboard alone: skip link, focus order that follows the page, a visible focus
/// ring on every stop, a label for every field, and an error that is announced and tied to its field.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ResultEntryKeyboardTests(PortalFixture portal)
{
    private static readonly string EntryUrl = $"/piani/{PortalFixture.MonitoringYear}/obiettivi/FUN-02/risultati";

    [Fact]
    public Task FillsAndSubmitsTheFormWithTheKeyboardAloneAndHearsTheError() =>
        portal.RunJourneyAsync(nameof(FillsAndSubmitsTheFormWithTheKeyboardAloneAndHearsTheError), async journey =>
        {
            await portal.EnsureMonitoringPlanAsync();
            var office = await journey.OpenBrowserAsync("tastiera");
            var page = office.Page;
            await office.SignInAsync(People.PlanningOffice);
            await office.GotoAsync(EntryUrl);

            // The first Tab reaches the skip link, visibly; Enter moves to the main content.
            await page.Keyboard.PressAsync("Tab");
            var skip = await FocusedAsync(page);
            Assert.Equal("Vai al contenuto principale", skip.Text);
            AssertVisibleFocus(skip);
            await page.Keyboard.PressAsync("Enter");
            Assert.Equal("main", (await FocusedAsync(page)).Id);

            // Tab walks the form in reading order: per KPI its value then its justification, then the buttons.
            var stops = new List<Focused>();
            for (var i = 0; i < 11; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var focused = await FocusedAsync(page);
                AssertVisibleFocus(focused);
                stops.Add(focused);
                if (focused.Id == "actual-0")
                {
                    await page.Keyboard.TypeAsync("dieci");
                }
            }

            Assert.Equal(
                ["actual-0", "justification-0", "actual-1", "justification-1", "actual-2", "justification-2", "actual-3", "justification-3",
                 "Anteprima del punteggio", "Salva i risultati", "Annulla"],
                stops.Select(s => s.Id.Length > 0 ? s.Id : s.Text));
            for (var i = 1; i < stops.Count; i++)
            {
                var (before, after) = (stops[i - 1], stops[i]);
                Assert.True(after.Top > before.Top + 1 || (Math.Abs(after.Top - before.Top) <= 1 && after.Left > before.Left),
                    $"Focus moves against the reading order from {before.Id}{before.Text} to {after.Id}{after.Text}.");
            }

            // Every field has a label as its accessible name, inside a group named after its KPI.
            for (var i = 0; i < 4; i++)
            {
                await Expect(page.Locator($"#actual-{i}")).ToHaveAccessibleNameAsync("Valore raggiunto");
                await Expect(page.Locator($"#justification-{i}")).ToHaveAccessibleNameAsync(new Regex("^Motivazione dello scostamento"));
                await Expect(page.Locator($"#actual-{i}")).ToHaveAccessibleDescriptionAsync(new Regex("^(Una|Un) "));
            }

            await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Livello di risposta alle istanze dei cittadini su tutti i canali che alimentano il CRM: tasso di risposta" })).ToBeVisibleAsync();

            // Back on "Salva i risultati" (Shift+Tab), Enter submits; the bad value is refused.
            await page.Keyboard.PressAsync("Shift+Tab");
            Assert.Equal("Salva i risultati", (await FocusedAsync(page)).Text);
            await office.FollowAsync(() => page.Keyboard.PressAsync("Enter"), expectedStatus: 422);

            // The error summary is an alert and takes the focus, so a screen reader reads it at once.
            var summary = page.Locator("#form-errors");
            await Expect(summary).ToHaveAttributeAsync("role", "alert");
            await Expect(summary).ToBeFocusedAsync();
            await Expect(summary).ToContainTextAsync("Nessun valore è stato salvato");
            await Expect(summary).ToContainTextAsync("Valore non riconosciuto");

            // The field says it is invalid and is described by its error message; the summary's link leads to it.
            var field = page.Locator("#actual-0");
            await Expect(field).ToHaveValueAsync("dieci");
            await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(field).ToHaveAttributeAsync("aria-describedby", new Regex("(^| )actual-0-error( |$)"));
            await Expect(page.Locator("#actual-0-error")).ToContainTextAsync("Valore non riconosciuto");
            await Expect(field).ToHaveAccessibleDescriptionAsync(new Regex("Valore non riconosciuto"));

            await page.Keyboard.PressAsync("Tab");
            var link = await FocusedAsync(page);
            Assert.Equal("A", link.Tag);
            AssertVisibleFocus(link);
            await page.Keyboard.PressAsync("Enter");
            await Expect(field).ToBeFocusedAsync();
            AssertVisibleFocus(await FocusedAsync(page));
            await office.CheckPageAsync();
        });

    private static void AssertVisibleFocus(Focused focused)
    {
        Assert.True(focused.FocusVisible, $"{focused.Tag}#{focused.Id} «{focused.Text}» does not match :focus-visible.");
        Assert.True(
            (focused.OutlineStyle != "none" && focused.OutlineWidth >= 2) || focused.BoxShadow != "none",
            $"{focused.Tag}#{focused.Id} «{focused.Text}» has no visible focus indicator (outline {focused.OutlineStyle} {focused.OutlineWidth}px, box-shadow {focused.BoxShadow}).");
    }

    private static Task<Focused> FocusedAsync(IPage page) =>
        page.EvaluateAsync<Focused>("""
            () => {
              const el = document.activeElement;
              const style = getComputedStyle(el);
              const box = el.getBoundingClientRect();
              return {
                tag: el.tagName,
                id: el.id || '',
                text: (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') ? '' : el.textContent.trim().replace(/\s+/g, ' '),
                focusVisible: el.matches(':focus-visible'),
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth) || 0,
                boxShadow: style.boxShadow,
                top: box.top + window.scrollY,
                left: box.left + window.scrollX,
              };
            }
            """);

    /// <summary>The focused element as the browser reports it (a class with setters, for the driver's deserializer).</summary>
    public sealed class Focused
    {
        public string Tag { get; set; } = string.Empty;

        public string Id { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;

        public bool FocusVisible { get; set; }

        public string OutlineStyle { get; set; } = string.Empty;

        public double OutlineWidth { get; set; }

        public string BoxShadow { get; set; } = string.Empty;

        public double Top { get; set; }

        public double Left { get; set; }
    }
}

using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Pdo.E2E.Support;

/// <summary>axe-core on the current state of a page, limited to the WCAG 2.0 and 2.1 level A and AA rules.</summary>
public static class AxeCheck
{
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        // Only what is needed: violations (passes and inapplicable rules make the result large and slow to transfer).
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>The violations, one readable block each (rule, impact, help, the elements); empty when there are none.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await page.RunAxe(Options);
                return result.Violations.Select(Describe).ToList();
            }
            catch (PlaywrightException ex) when (attempt < 3 && NewDocument(ex))
            {
                // The page's own script loaded a new document while axe ran (the job page reloads once its job has
                // ended, which a fast job does within a second): axe, injected into the old one, is gone. Check the new one.
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
    }

    private static bool NewDocument(PlaywrightException ex) =>
        ex.Message.Contains("axe is not defined", StringComparison.Ordinal)
        || ex.Message.Contains("Execution context was destroyed", StringComparison.Ordinal);

    private static string Describe(AxeResultItem violation)
    {
        var text = new StringBuilder()
            .Append(violation.Id).Append(" (").Append(violation.Impact).Append("): ").Append(violation.Help)
            .Append(" [").Append(string.Join(", ", violation.Tags.Where(t => t.StartsWith("wcag", StringComparison.Ordinal)))).Append("] ")
            .Append(violation.HelpUrl);
        foreach (var node in violation.Nodes.Take(10))
        {
            text.AppendLine().Append("    at ").Append(node.Target).Append("  ").Append(Shorten(node.Html));
            var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct().ToList();
            if (checks.Count > 0)
            {
                text.AppendLine().Append("       ").Append(string.Join(" / ", checks).ReplaceLineEndings(" "));
            }
        }

        if (violation.Nodes.Length > 10)
        {
            text.AppendLine().Append("    … and ").Append(violation.Nodes.Length - 10).Append(" more elements");
        }

        return text.ToString();
    }

    private static string Shorten(string html) => html.Length <= 200 ? html : html[..200] + "…";
}

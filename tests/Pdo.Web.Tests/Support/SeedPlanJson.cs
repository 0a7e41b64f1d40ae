using System.Globalization;
using System.Text.Json.Nodes;

namespace Pdo.Web.Tests.Support;

/// <summary>The embedded 2019 plan as a JSON tree, re-dated to another year, by default with no results (the structure of a new plan).</summary>
public static class SeedPlanJson
{
    /// <param name="keepResults">keep the 2019 results (re-dated), imported as Inserito, not yet confirmed</param>
    public static JsonObject AsYear(int year, string status, string? openPeriod = null, bool keepResults = false)
    {
        var tree = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pdo-2019-milano.json")))!.AsObject();
        var text = year.ToString(CultureInfo.InvariantCulture);
        tree["year"] = year;
        tree["title"] = $"Piano degli Obiettivi {text}";
        tree["status"] = status;
        tree.Remove("approvalAct");
        foreach (var period in tree["periods"]!.AsArray())
        {
            period!["endDate"] = period["endDate"]!.GetValue<string>().Replace("2019", text, StringComparison.Ordinal);
            period["isOpen"] = period["code"]!.GetValue<string>() == openPeriod;
        }

        foreach (var kpi in tree["objectives"]!.AsArray().SelectMany(o => o!["kpis"]!.AsArray()))
        {
            if (!keepResults)
            {
                kpi!.AsObject().Remove("results");
            }
            else
            {
                foreach (var result in kpi!["results"]?.AsArray() ?? [])
                {
                    if (result!["completionDate"] is { } completed)
                    {
                        result["completionDate"] = completed.GetValue<string>().Replace("2019", text, StringComparison.Ordinal);
                    }
                }
            }

            kpi["target"] = kpi["target"]!.GetValue<string>().Replace("2019", text, StringComparison.Ordinal);
        }

        return tree;
    }
}

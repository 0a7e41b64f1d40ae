using System.Text;
using System.Text.Json.Nodes;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Tests.Support;

/// <summary>The embedded 2019 plan, as text or as a JSON tree that a test can break on purpose.</summary>
public static class SeedPlan
{
    public static string Text()
    {
        using var stream = typeof(DatabaseInitializer).Assembly.GetManifestResourceStream(DatabaseInitializer.SeedResource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static JsonObject Tree() => JsonNode.Parse(Text())!.AsObject();

    /// <summary>
    /// The 2019 plan moved to <paramref name="year"/> in Bozza: periods in the new year, no approval act, no results.
    /// </summary>
    public static JsonObject DraftTree(int year)
    {
        var tree = MovedTo(year, "Draft");
        foreach (var kpi in tree["objectives"]!.AsArray().SelectMany(o => o!["kpis"]!.AsArray()))
        {
            kpi!.AsObject().Remove("results");
        }

        return tree;
    }

    /// <summary>
    /// The 2019 plan moved to <paramref name="year"/> In monitoraggio: the interim period (INT) open, every 2019 actual
    /// entered as an interim result, the final period (FIN) closed.
    /// </summary>
    public static JsonObject MonitoringTree(int year)
    {
        var tree = MovedTo(year, "Monitoring");
        tree["periods"]![0]!["isOpen"] = true;
        foreach (var result in tree["objectives"]!.AsArray()
            .SelectMany(o => o!["kpis"]!.AsArray())
            .SelectMany(k => k!["results"]!.AsArray()))
        {
            result!["period"] = "INT";
        }

        return tree;
    }

    public static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    public static MemoryStream Stream(JsonNode json) => Stream(json.ToJsonString());

    private static JsonObject MovedTo(int year, string status)
    {
        var tree = Tree();
        tree["year"] = year;
        tree["title"] = $"Piano degli Obiettivi {year}";
        tree["status"] = status;
        tree.Remove("approvalAct");
        foreach (var period in tree["periods"]!.AsArray())
        {
            period!["endDate"] = period["endDate"]!.GetValue<string>().Replace("2019", $"{year}", StringComparison.Ordinal);
        }

        return tree;
    }
}

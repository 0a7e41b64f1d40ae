using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Pdo.Web.Tests.Support;

/// <summary>Fills and posts the result-entry form of an objective as a person would: values in KPI order, with the versions the form shows.</summary>
public static partial class ResultForm
{
    public static Task<HttpResponseMessage> PostAsync(
        PdoWebFactory factory,
        HttpClient client,
        int year,
        string objective,
        string period,
        params (string Actual, string? Justification)[] values) =>
        PostAsync(factory, client, year, objective, period, "salva", [], values);

    /// <summary>Posts the form with a command ("salva", "anteprima") and extra fields, e.g. <c>Lines[1].ConfirmValue=true</c>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(
        PdoWebFactory factory,
        HttpClient client,
        int year,
        string objective,
        string period,
        string command,
        IReadOnlyList<KeyValuePair<string, string>> extra,
        params (string Actual, string? Justification)[] values)
    {
        var kpis = await factory.WithDbAsync(db => db.Kpis
            .Where(k => k.Objective!.Code == objective && k.Objective.Plan!.Year == year)
            .OrderBy(k => k.SortOrder)
            .Select(k => k.Id)
            .ToListAsync());
        var url = $"/piani/{year}/obiettivi/{objective}/risultati";
        var form = await client.GetStringAsync($"{url}?periodo={period}");
        var fields = new List<KeyValuePair<string, string>> { new("Period", period), new("Command", command) };
        fields.AddRange(extra);
        for (var i = 0; i < values.Length; i++)
        {
            fields.Add(new($"Lines[{i}].KpiId", kpis[i].ToString(CultureInfo.InvariantCulture)));
            fields.Add(new($"Lines[{i}].Actual", values[i].Actual));
            if (Version(form, i) is { } version)
            {
                fields.Add(new($"Lines[{i}].Version", version));
            }

            if (values[i].Justification is { } justification)
            {
                fields.Add(new($"Lines[{i}].Justification", justification));
            }
        }

        return await PdoWebFactory.PostFormAsync(client, url, url, fields);
    }

    public static async Task SaveAsync(PdoWebFactory factory, HttpClient client, int year, string objective, string period, params (string Actual, string? Justification)[] values)
    {
        var response = await PostAsync(factory, client, year, objective, period, values);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Saving {objective}: {(int)response.StatusCode}");
    }

    /// <summary>The concurrency version the form carries for the KPI at <paramref name="index"/>, if it has a result.</summary>
    public static string? Version(string form, int index)
    {
        var match = VersionPattern().Matches(form).FirstOrDefault(m => m.Groups[1].Value == index.ToString(CultureInfo.InvariantCulture));
        return match?.Groups[2].Value;
    }

    [GeneratedRegex("name=\"Lines\\[(\\d+)\\].Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionPattern();
}

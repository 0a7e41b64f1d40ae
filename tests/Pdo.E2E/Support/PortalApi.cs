using System.Net;
using System.Text.RegularExpressions;

namespace Pdo.E2E.Support;

/// <summary>
/// Prepares data through the portal's own pages over plain HTTP, signed in as a demo user: what other people did
/// before a journey starts. Forms are posted with the antiforgery token of the page that shows them.
/// </summary>
public sealed partial class PortalApi : IDisposable
{
    private readonly HttpClient _http;

    private PortalApi(HttpClient http) => _http = http;

    public static async Task<PortalApi> SignInAsync(Uri baseAddress, string email, string password)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var api = new PortalApi(new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) });
        using var response = await api.PostAsync("/accesso", "/accesso", [new("Email", email), new("Password", password)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} answered {(int)response.StatusCode}.");
        if (response.Headers.Location?.OriginalString.StartsWith("/accesso/codice", StringComparison.Ordinal) == true)
        {
            using var code = await api.PostAsync("/accesso/codice", "/accesso/codice", [new("Code", await Authenticators.CodeForAsync(baseAddress, email))]);
            Assert.True(code.StatusCode == HttpStatusCode.Redirect, $"Code step of {email} answered {(int)code.StatusCode}.");
        }

        return api;
    }

    public Task<string> GetStringAsync(string path) => _http.GetStringAsync(path);

    /// <summary>Posts a form and expects the portal's redirect after a successful change (post/redirect/get).</summary>
    public async Task PostExpectingRedirectAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await PostAsync(formPage, action, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<HttpResponseMessage> PostAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await _http.GetStringAsync(formPage);
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {formPage}.");
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))));
        return await _http.PostAsync(action, content);
    }

    /// <summary>Saves results of one objective in the open period, one value (and justification) per KPI in the form's order.</summary>
    public async Task EnterResultsAsync(int year, string objective, params (string Actual, string? Justification)[] values)
    {
        var url = $"/piani/{year}/obiettivi/{objective}/risultati";
        var html = await _http.GetStringAsync(url);
        var kpiIds = KpiIdPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.True(kpiIds.Count >= values.Length, $"{objective} has {kpiIds.Count} KPIs, {values.Length} values given.");
        var period = PeriodPattern().Match(html).Groups[1].Value;
        var fields = new List<KeyValuePair<string, string>> { new("Period", period), new("Command", "salva") };
        for (var i = 0; i < values.Length; i++)
        {
            fields.Add(new($"Lines[{i}].KpiId", kpiIds[i]));
            fields.Add(new($"Lines[{i}].Actual", values[i].Actual));
            fields.Add(new($"Lines[{i}].Justification", values[i].Justification ?? string.Empty));
        }

        await PostExpectingRedirectAsync(url, url, fields);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"Lines\\[\\d+\\]\\.KpiId\" value=\"(\\d+)\"")]
    private static partial Regex KpiIdPattern();

    [GeneratedRegex("name=\"Period\" value=\"([^\"]+)\"")]
    private static partial Regex PeriodPattern();
}

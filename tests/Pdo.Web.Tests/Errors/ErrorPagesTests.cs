using System.Net;
using System.Net.Http.Headers;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Errors;

/// <summary>Every error answers with an Italian page, its real status and a body: no blank page anywhere.</summary>
public sealed class ErrorPagesTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private const string StaleForm = "Il modulo è scaduto o è stato aperto in un&#x27;altra sessione: ricaricare la pagina e riprovare.";

    [Fact]
    public async Task ReturnsTheStaleFormPageGivenAPostWithTheTokenOfAnotherSession()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var other = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await client.GetStringAsync("/piani/nuovo"); // this session's antiforgery cookie
        var tokenOfOtherSession = await PdoWebFactory.AntiforgeryTokenAsync(other, "/piani/nuovo");

        var response = await client.PostAsync("/piani/nuovo", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Year"] = "2031",
            ["Title"] = "Piano degli Obiettivi 2031",
            ["__RequestVerificationToken"] = tokenOfOtherSession,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await ItalianPageAsync(response);
        Assert.Contains(Html(StaleForm), html);
        Assert.Contains("href=\"/piani/nuovo\"", html);
    }

    [Fact]
    public async Task ReturnsTheStaleFormPageGivenAPostWithoutAnyToken()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var response = await client.PostAsync("/piani/nuovo", new FormUrlEncodedContent(new Dictionary<string, string> { ["Year"] = "2031" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Html(StaleForm), await ItalianPageAsync(response));
    }

    [Theory]
    [InlineData("direzione=NONESISTE")]
    [InlineData("periodo=XX")]
    [InlineData("sezione=NONESISTE")]
    public async Task ReturnsTheNotFoundPageGivenADashboardFilterThatDoesNotExist(string query)
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);
        await client.GetStringAsync("/piani/2019"); // a browser has the antiforgery cookie, so the page cache is in play

        var response = await client.GetAsync($"/piani/2019/cruscotto?{query}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Pagina non trovata", await ItalianPageAsync(response));
    }

    [Fact]
    public async Task ReturnsTheUploadFormWithTheSizeMessageGivenAPlanFileOver20Mb()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var token = await PdoWebFactory.AntiforgeryTokenAsync(client, "/piani/importa");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(new byte[21 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "file", "piano.json");

        var response = await client.PostAsync("/piani/importa", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await ItalianPageAsync(response);
        Assert.Contains("Il file supera i 20 MB.", html);
        Assert.Contains("enctype=\"multipart/form-data\"", html); // the form again, to choose another file
    }

    [Fact]
    public async Task ReturnsTheUnreadableFormPageGivenAnUploadWithoutAMultipartBoundary()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await client.GetStringAsync("/piani/importa");
        using var content = new ByteArrayContent("{}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");

        var response = await client.PostAsync("/piani/importa", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Il modulo inviato non è leggibile", await ItalianPageAsync(response));
    }

    [Fact]
    public async Task ReturnsTheMethodNotAllowedPageGivenADeleteOnAPlanPage()
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);

        var response = await client.DeleteAsync("/piani/2019");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("Operazione non consentita", await ItalianPageAsync(response));
    }

    [Theory]
    [InlineData(400, "Richiesta non valida")]
    [InlineData(404, "Pagina non trovata")]
    [InlineData(403, "Accesso non consentito")]
    [InlineData(405, "Operazione non consentita")]
    [InlineData(413, "File troppo grande")]
    [InlineData(415, "Formato non supportato")]
    [InlineData(429, "Troppi tentativi")]
    [InlineData(418, "Richiesta non completata")]
    [InlineData(500, "Si è verificato un errore")]
    public async Task ReturnsTheItalianTitleAndTheStatusGivenEachErrorStatus(int status, string title)
    {
        var response = await factory.CreateHttpsClient().GetAsync($"/errore/{status}");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains($"<h1", await ItalianPageAsync(response));
        Assert.Contains(Html(title), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReturnsTheItalianPageGivenAStatusPageReExecutedAsAPost()
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);

        var response = await client.PostAsync("/percorso/che/non/esiste", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Pagina non trovata", await ItalianPageAsync(response));
    }

    private static async Task<string> ItalianPageAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrWhiteSpace(html), $"{(int)response.StatusCode}: empty body");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"it\"", html);
        return html;
    }

    /// <summary>Razor writes an apostrophe as &#x27; (the encoder keeps accented letters as they are).</summary>
    private static string Html(string text) => text.Replace("'", "&#x27;", StringComparison.Ordinal);
}

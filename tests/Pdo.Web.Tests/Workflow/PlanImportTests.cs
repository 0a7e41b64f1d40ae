using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

public sealed class PlanImportTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task ShowsTheFieldAndWritesNothingGivenAMalformedPlanFile()
    {
        var tree = Plan2019As(2026);
        tree["objectives"]![2]!["kpis"]![0]!["target"] = "tre";
        var before = await CountsAsync();

        var response = await UploadAsync(tree.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("rifiutato, nessuna modifica", html);
        Assert.Contains("<code>$.objectives[2].kpis[0].target</code>", html);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ReportsTheLineGivenAFileThatIsNotJson()
    {
        var response = await UploadAsync("{ \"format\": \"pdo-plan\",\n  oops }");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Riga 2, colonna", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ImportsThePlanOnceGivenAValidFileUploadedTwice()
    {
        var json = Plan2019As(2024).ToJsonString();

        var first = await UploadAsync(json);
        var second = await UploadAsync(json);

        Assert.Contains("Piano 2024 importato: 12 obiettivi e 35 KPI.", await first.Content.ReadAsStringAsync());
        Assert.Contains("Il piano 2024 è già presente: nessuna modifica.", await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Plans.CountAsync(p => p.Year == 2024)));
    }

    private static JsonObject Plan2019As(int year) => SeedPlanJson.AsYear(year, "Draft");

    private async Task<HttpResponseMessage> UploadAsync(string json)
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var token = await PdoWebFactory.AntiforgeryTokenAsync(client, "/piani/importa");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "file", "piano.json");
        return await client.PostAsync("/piani/importa", content);
    }

    private Task<(int Plans, int Kpis)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.Plans.CountAsync(), await db.Kpis.CountAsync()));
}

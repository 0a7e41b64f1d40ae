using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Reports;

/// <summary>
/// The PDFs of approved plans kept on disk (<c>pdf/</c> in the data folder) and sent again with their ETag; a change of
/// the plan gives a new file, a plan not approved none. Own portal: these tests reopen, approve and validate 2019.
/// </summary>
public sealed class PdfCacheTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private string Folder => Path.Combine(factory.DataDirectory, "pdf");

    [Fact]
    public async Task ReturnsTheSameBytesWithAStrongETagGivenASecondDownloadOfTheApprovedPlan()
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);

        var first = await client.GetAsync("/piani/2019/direzioni/CASA/consuntivo.pdf");
        var second = await client.GetAsync("/piani/2019/direzioni/CASA/consuntivo.pdf");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        Assert.False(first.Headers.ETag.IsWeak);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.NotNull(second.Content.Headers.LastModified);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal("PDO-2019-consuntivo-casa.pdf", second.Content.Headers.ContentDisposition?.FileNameStar ?? second.Content.Headers.ContentDisposition?.FileName);
        Assert.Single(KeptFiles(2019), f => f.Contains(first.Headers.ETag.Tag.Trim('"'), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswersNotModifiedGivenTheETagOfTheKeptFile()
    {
        var client = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var first = await client.GetAsync("/piani/2019/sezioni/DIR/consuntivo.pdf");

        var conditional = new HttpRequestMessage(HttpMethod.Get, "/piani/2019/sezioni/DIR/consuntivo.pdf");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var other = new HttpRequestMessage(HttpMethod.Get, "/piani/2019/sezioni/DIR/consuntivo.pdf");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"un-altro-file\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task KeepsOneFilePerDocumentGivenDifferentScopesFormatsAndTheRelazione()
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);
        string[] urls =
        [
            "/piani/2019/consuntivo.pdf", "/piani/2019/consuntivo.pdf?formato=pdfa", "/piani/2019/direzioni/CULTURA/consuntivo.pdf",
            "/piani/2019/relazione.pdf", "/trasparenza/2019/consuntivo.pdf",
        ];

        var tags = new List<string>();
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            tags.Add(response.Headers.ETag!.Tag);
        }

        Assert.Equal(4, tags.Distinct().Count()); // the public consuntivo is the signed-in one's file
        var anonymous = factory.CreateHttpsClient();
        var published = await anonymous.GetAsync("/trasparenza/2019/consuntivo.pdf");
        Assert.Equal((true, TimeSpan.FromMinutes(5)), (published.Headers.CacheControl?.Public == true, published.Headers.CacheControl?.MaxAge));
        Assert.Null((await anonymous.GetAsync("/trasparenza/2031/consuntivo.pdf")).Headers.CacheControl?.Public);
        Assert.Equal(tags[0], tags[4]);
        Assert.All(tags, tag => Assert.Single(KeptFiles(2019), f => f.Contains(tag.Trim('"'), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RefusesTheDirettoreThePlanConsuntivoGivenItIsKept()
    {
        var giunta = await factory.CreateClientAsAsync(Roles.Executive);
        var kept = await giunta.GetAsync("/piani/2019/consuntivo.pdf");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);

        var direttore = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");
        var conditional = new HttpRequestMessage(HttpMethod.Get, "/piani/2019/consuntivo.pdf");
        conditional.Headers.IfNoneMatch.Add(kept.Headers.ETag!);

        Assert.Equal(HttpStatusCode.Forbidden, (await direttore.GetAsync("/piani/2019/consuntivo.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await direttore.SendAsync(conditional)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await direttore.GetAsync("/piani/2019/direzioni/CULTURA/consuntivo.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await direttore.GetAsync("/piani/2019/direzioni/CASA/consuntivo.pdf")).StatusCode);
    }

    [Fact]
    public async Task RendersOnceAndSendsTheSameBytesGivenTwoRequestsAtOnce()
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);

        var responses = await Task.WhenAll(
            client.GetAsync("/piani/2019/direzioni/SOCIALI/consuntivo.pdf"),
            client.GetAsync("/piani/2019/direzioni/SOCIALI/consuntivo.pdf"));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(responses[0].Headers.ETag, responses[1].Headers.ETag);
        Assert.Equal(await responses[0].Content.ReadAsByteArrayAsync(), await responses[1].Content.ReadAsByteArrayAsync());
        Assert.Single(KeptFiles(2019), f => f.Contains(responses[0].Headers.ETag!.Tag.Trim('"'), StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(Folder, "*.tmp"));
    }

    [Fact]
    public async Task RendersAgainGivenTheKeptFileDamaged()
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);
        var first = await client.GetAsync("/piani/2019/direzioni/ECONOMIA/consuntivo.pdf");
        var path = Assert.Single(KeptFiles(2019), f => f.Contains(first.Headers.ETag!.Tag.Trim('"'), StringComparison.Ordinal));
        await File.WriteAllBytesAsync(path, (await first.Content.ReadAsByteArrayAsync())[..1000]);

        var again = await client.GetAsync("/piani/2019/direzioni/ECONOMIA/consuntivo.pdf");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var bytes = await again.Content.ReadAsByteArrayAsync();
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages > 1);
        Assert.NotEqual(first.Headers.ETag, again.Headers.ETag);
        Assert.DoesNotContain(path, KeptFiles(2019));
    }

    [Fact]
    public async Task KeepsTheFileGivenAChangeToAnotherYearsPlan()
    {
        var client = await factory.CreateClientAsAsync(Roles.Executive);
        var before = await client.GetAsync("/piani/2019/consuntivo.pdf?periodo=INT");
        var auditRows = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        await factory.ImportPlanAsync(SeedPlanJson.AsYear(2022, "Draft"));
        var after = await client.GetAsync("/piani/2019/consuntivo.pdf?periodo=INT");

        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.CountAsync()) > auditRows, "The import was expected to write audit rows.");
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal(await before.Content.ReadAsByteArrayAsync(), await after.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task KeepsTheFileGivenAResultOfAnotherYearsPlanInMonitoring()
    {
        await factory.ImportPlanAsync(SeedPlanJson.AsYear(2023, "Monitoring", openPeriod: "INT"));
        var executive = await factory.CreateClientAsAsync(Roles.Executive);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var before = await executive.GetAsync("/piani/2019/consuntivo.pdf");
        var auditRows = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PlanYear == 2023));

        var saved = await ResultForm.PostAsync(factory, office, 2023, "DIR-SOC-01", "INT", ("SI", null));
        var after = await executive.GetAsync("/piani/2019/consuntivo.pdf");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PlanYear == 2023)) > auditRows, "The result was expected to write audit rows of 2023.");
        Assert.NotNull(before.Headers.ETag);
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal(await before.Content.ReadAsByteArrayAsync(), await after.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task KeepsNoFileAndSendsNoETagGivenAPlanInMonitoring()
    {
        await factory.ImportPlanAsync(SeedPlanJson.AsYear(2021, "Monitoring", openPeriod: "INT", keepResults: true));
        var client = await factory.CreateClientAsAsync(Roles.Executive);

        var response = await client.GetAsync("/piani/2021/consuntivo.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.Empty(KeptFiles(2021));
    }

    [Fact]
    public async Task KeepsANewFileGivenTheOivValidationThenTheReopeningAndANewApproval()
    {
        // Own portal: the 2019 plan changes here and the other tests of the class expect it approved and unvalidated.
        using var own = new PdoWebFactory();
        var folder = Path.Combine(own.DataDirectory, "pdf");
        var giunta = await own.CreateClientAsAsync(Roles.Executive);
        var before = (await giunta.GetAsync("/piani/2019/consuntivo.pdf")).Headers.ETag!;

        var oiv = await own.CreateClientAsAsync(Roles.Evaluator);
        var validated = await PdoWebFactory.PostFormAsync(oiv, "/piani/2019/validazione", "/piani/2019/validazione",
            [new("Date", "30/06/2020"), new("Outcome", "Validated"), new("Reasoning", "La Relazione è comprensibile, conforme e attendibile."), new("Reservations", "")]);
        Assert.Equal(HttpStatusCode.Redirect, validated.StatusCode);
        var afterValidation = await giunta.GetAsync("/piani/2019/consuntivo.pdf");
        Assert.NotEqual(before, afterValidation.Headers.ETag);
        Assert.Contains("Relazione validata dall'OIV il 30/06/2020", ConsuntivoPdfTests.Text(await afterValidation.Content.ReadAsByteArrayAsync()));
        Assert.Single(Directory.EnumerateFiles(folder, "2019-*.pdf")); // the file of the earlier version is removed
        Assert.Equal(HttpStatusCode.OK, (await giunta.GetAsync("/piani/2019/validazione.pdf")).StatusCode);

        var admin = await own.CreateClientAsAsync(Roles.Administrator);
        var reopened = await PdoWebFactory.PostFormAsync(admin, "/piani/2019/riapri", "/piani/2019/riapri",
            [new("Reason", "Correzione di un valore dopo l'approvazione."), new("Version", (await PlanVersionAsync(own)).ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var monitoring = await giunta.GetAsync("/piani/2019/consuntivo.pdf");
        Assert.Equal(HttpStatusCode.OK, monitoring.StatusCode);
        Assert.Null(monitoring.Headers.ETag);
        Assert.Empty(Directory.EnumerateFiles(folder, "2019-*.pdf"));
        Assert.Contains("BOZZA", ConsuntivoPdfTests.Text(await monitoring.Content.ReadAsByteArrayAsync()));

        var office = await own.CreateClientAsAsync(Roles.PlanningOffice);
        var approved = await PdoWebFactory.PostFormAsync(office, "/piani/2019/approva", "/piani/2019/approva",
            [new("Number", "502"), new("Date", "15/04/2020"), new("Version", (await PlanVersionAsync(own)).ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var reapproved = await giunta.GetAsync("/piani/2019/consuntivo.pdf");
        Assert.NotNull(reapproved.Headers.ETag);
        Assert.NotEqual(afterValidation.Headers.ETag, reapproved.Headers.ETag);
        Assert.Contains("n. 502", ConsuntivoPdfTests.Text(await reapproved.Content.ReadAsByteArrayAsync()));
        Assert.Single(Directory.EnumerateFiles(folder, "2019-*.pdf"));
    }

    private static Task<Guid> PlanVersionAsync(PdoWebFactory portal) =>
        portal.WithDbAsync(db => db.Plans.AsNoTracking().Where(p => p.Year == 2019).Select(p => p.Version).SingleAsync());

    private IReadOnlyList<string> KeptFiles(int year) =>
        Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, $"{year}-*.pdf").ToList() : [];
}

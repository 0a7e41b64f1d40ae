using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.Reports;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Reports;

/// <summary>
/// The whole-plan consuntivo of an approved plan is prepared in the background after the start, so that its first
/// download is the kept file (#18 item 1), the public copy included, and a second round renders nothing.
/// </summary>
public sealed class ApprovedPdfPreparerTests
{
    [Fact]
    public async Task ReturnsTheKeptFileOnTheFirstDownloadGivenAnApprovedPlanPreparedAtStart()
    {
        await using var factory = new PreparingFactory();
        var giunta = await factory.CreateClientAsAsync(Roles.Executive); // starts the portal
        var preparer = factory.Services.GetRequiredService<ApprovedPdfPreparer>();
        Assert.True(preparer.Enabled);

        await WaitUntilAsync(() => preparer.Rounds >= 1);
        var kept = Directory.EnumerateFiles(factory.Folder, "2019-*.pdf").ToList();
        var file = Assert.Single(kept);

        var written = File.GetLastWriteTimeUtc(file);
        var download = await giunta.GetAsync("/piani/2019/consuntivo.pdf");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains(download.Headers.ETag!.Tag.Trim('"'), Path.GetFileName(file), StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(file), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));

        // The public copy is the same document, hence the same file.
        var anonymous = factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/trasparenza/2019/consuntivo.pdf");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(download.Headers.ETag.Tag));
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(request)).StatusCode);

        // Another round finds the file kept and renders nothing.
        await preparer.PrepareAsync(CancellationToken.None);
        Assert.Equal([file], Directory.EnumerateFiles(factory.Folder, "2019-*.pdf"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public async Task KeepsNoFileGivenThePreparationOff()
    {
        await using var factory = new PreparingFactory(enabled: false);
        await factory.CreateClientAsAsync(Roles.Executive);
        var preparer = factory.Services.GetRequiredService<ApprovedPdfPreparer>();

        await Task.Delay(500);

        Assert.False(preparer.Enabled);
        Assert.Equal(0, preparer.Rounds);
        Assert.False(Directory.Exists(factory.Folder) && Directory.EnumerateFiles(factory.Folder, "*.pdf").Any());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The approved plan's consuntivo was not prepared.");
            await Task.Delay(50);
        }
    }

    private sealed class PreparingFactory(bool enabled = true) : PdoWebFactory
    {
        public string Folder => Path.Combine(DataDirectory, "pdf");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Reports:PrepareApproved", enabled ? "true" : "false");
            builder.UseSetting("Reports:PrepareDelay", "00:00:00");
            builder.UseSetting("Reports:PrepareInterval", "01:00:00");
        }
    }
}

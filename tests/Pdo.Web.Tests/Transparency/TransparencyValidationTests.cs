using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Transparency;

/// <summary>The OIV's validation on the public pages, as next to the approval elsewhere (own portal: 2019 is validated).</summary>
public sealed class TransparencyValidationTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task ShowsTheOivValidationWithoutItsSignerGivenTheRememberedPagesOfTheApprovedPlan()
    {
        var client = factory.CreateHttpsClient();
        Assert.Contains("Relazione non ancora validata dall&#x27;OIV", await client.GetStringAsync("/trasparenza/2019"));

        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        var validated = await PdoWebFactory.PostFormAsync(oiv, "/piani/2019/validazione", "/piani/2019/validazione",
            [new("Date", "30/06/2020"), new("Outcome", "Validated"), new("Reasoning", "La Relazione è comprensibile, conforme e attendibile."), new("Reservations", "")]);
        Assert.Equal(HttpStatusCode.Redirect, validated.StatusCode);

        var signer = await factory.WithDbAsync(db => db.PlanValidations.AsNoTracking().Select(v => v.SignedByName).SingleAsync());
        foreach (var page in new[] { "/trasparenza", "/trasparenza/2019", "/trasparenza/2019/obiettivi/DIR-CASA-01" })
        {
            var body = await client.GetStringAsync(page);
            Assert.Contains("Relazione validata dall&#x27;OIV il 30/06/2020", body);
            Assert.DoesNotContain(signer, body, StringComparison.OrdinalIgnoreCase);
        }
    }
}

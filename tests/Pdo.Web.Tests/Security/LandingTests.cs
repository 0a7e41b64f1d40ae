using System.Net;
using System.Text.Json.Nodes;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Security;

/// <summary>
/// Where a real sign-in through /accesso lands, over the approved 2019 plan (seed) and plans in other states: 2017 and
/// 2020 in monitoring (both without Casa's objectives), 2021 in Bozza with a Direzione Turismo found in no other plan.
/// </summary>
public sealed class LandingTests(LandingTests.CycleFactory factory) : IClassFixture<LandingTests.CycleFactory>
{
    [Fact]
    public async Task LandsOnThePlanInMonitoringGivenADirettoreWithANewerDraft()
    {
        var landing = await LandingAsync("direttore.cultura.ciclo@pdo.local", Roles.DirectorateManager, "CULTURA");

        Assert.Equal("/piani/2020/cruscotto?direzione=CULTURA", landing);
    }

    [Fact]
    public async Task LandsOnTheLatestApprovedPlanGivenADirettoreWhoseDirezioneIsNotInThePlanInMonitoring()
    {
        var landing = await LandingAsync("direttore.casa.ciclo@pdo.local", Roles.DirectorateManager, "CASA");

        Assert.Equal("/piani/2019/cruscotto?direzione=CASA", landing);
    }

    [Fact]
    public async Task LandsOnTheLatestPlanGivenADirettoreWhoseDirezioneIsOnlyInADraft()
    {
        var landing = await LandingAsync("direttore.turismo.ciclo@pdo.local", Roles.DirectorateManager, "TURISMO");

        Assert.Equal("/piani/2021/cruscotto?direzione=TURISMO", landing);
    }

    [Fact]
    public async Task LandsOnTheMonitoringBoardOfTheLatestPlanInMonitoringGivenThePlanningOffice()
    {
        var landing = await LandingAsync("pianificazione.ciclo@pdo.local", Roles.PlanningOffice);

        Assert.Equal("/piani/2020/monitoraggio", landing);
    }

    [Fact]
    public async Task LandsOnTheReturnUrlGivenThePlanningOfficeSignedInFromAnotherPage()
    {
        await factory.EnsurePlansAsync();
        await factory.CreateUserAsync("pianificazione.ritorno@pdo.local", Roles.PlanningOffice);

        var response = await SignInAsync("pianificazione.ritorno@pdo.local", returnUrl: "/piani/2019");

        Assert.Equal("/piani/2019", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LandsOnThePlanListGivenTheGiunta()
    {
        var landing = await LandingAsync("giunta.ciclo@pdo.local", Roles.Executive);

        Assert.Equal("/piani", landing);
    }

    /// <summary>Where a new user with this role and these Direzioni lands after a real sign-in.</summary>
    private async Task<string> LandingAsync(string email, string role, params string[] directorateCodes)
    {
        await factory.EnsurePlansAsync();
        await factory.CreateUserAsync(email, role, directorateCodes);
        return (await SignInAsync(email)).Headers.Location!.OriginalString;
    }

    private async Task<HttpResponseMessage> SignInAsync(string email, string? returnUrl = null)
    {
        List<KeyValuePair<string, string>> fields = [new("Email", email), new("Password", PdoWebFactory.DemoPassword)];
        if (returnUrl is not null)
        {
            fields.Add(new("ReturnUrl", returnUrl));
        }

        var response = await PdoWebFactory.PostFormAsync(factory.CreateHttpsClient(), "/accesso", "/accesso", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    /// <summary>The portal with plans in every state of the cycle, imported once.</summary>
    public sealed class CycleFactory : PdoWebFactory
    {
        private readonly SemaphoreSlim _once = new(1, 1);
        private bool _imported;

        public async Task EnsurePlansAsync()
        {
            await _once.WaitAsync();
            try
            {
                if (_imported)
                {
                    return;
                }

                await ImportPlanAsync(InMonitoringWithoutCasa(2017));
                await ImportPlanAsync(InMonitoringWithoutCasa(2020));
                var draft = SeedPlanJson.AsYear(2021, "Draft");
                draft["directorates"]!.AsArray().Add(new JsonObject { ["code"] = "TURISMO", ["name"] = "Direzione Turismo" });
                draft["objectives"]!.AsArray().Single(o => o!["code"]!.GetValue<string>() == "DIR-SOC-02")!["directorate"] = "TURISMO";
                await ImportPlanAsync(draft);
                _imported = true;
            }
            finally
            {
                _once.Release();
            }
        }

        /// <summary>A plan in monitoring without the objectives of Direzione Casa.</summary>
        private static JsonObject InMonitoringWithoutCasa(int year)
        {
            var tree = SeedPlanJson.AsYear(year, "Monitoring", openPeriod: "INT");
            var objectives = tree["objectives"]!.AsArray();
            objectives.Remove(objectives.Single(o => o!["directorate"]?.GetValue<string>() == "CASA"));
            return tree;
        }
    }
}

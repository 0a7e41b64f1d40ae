using System.Net;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Security;

/// <summary>
/// Every controller action, found by reflection, called as anonymous and as each role. An action missing from
/// <see cref="Expected"/> fails the test, so no new action can escape it.
/// </summary>
public sealed class AccessMatrixTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    public enum Outcome
    {
        Allowed,
        Login,
        Forbidden,
    }

    private const string Anonymous = "Anonimo";

    private static readonly string[] Identities = [Anonymous, Roles.Administrator, Roles.PlanningOffice, Roles.DirectorateManager, Roles.Executive, Roles.Evaluator];

    // Columns: anonymous, Administrator, PlanningOffice, DirectorateManager (Casa), Executive, Evaluator (OIV).
    private static readonly Dictionary<string, Outcome[]> Expected = new()
    {
        ["Accessibility.Statement GET"] = All(Outcome.Allowed),
        ["Account.Login GET"] = All(Outcome.Allowed),
        ["Account.Login POST"] = All(Outcome.Allowed),
        ["Account.Logout POST"] = SignedIn(),
        ["Account.AccessDenied GET"] = All(Outcome.Forbidden), // the 403 page itself
        ["Account.SetPassword GET"] = All(Outcome.Allowed),
        ["Account.SetPassword POST"] = All(Outcome.Allowed),
        ["Account.Setup GET"] = All(Outcome.Allowed),
        ["Account.Setup POST"] = All(Outcome.Allowed),
        ["Account.TwoFactor GET"] = All(Outcome.Allowed), // without the password step: back to /accesso
        ["Account.TwoFactor POST"] = All(Outcome.Allowed),
        ["Account.RecoveryCode GET"] = All(Outcome.Allowed),
        ["Account.RecoveryCode POST"] = All(Outcome.Allowed),
        ["AccountSecurity.Index GET"] = SignedIn(),
        ["AccountSecurity.Enrol GET"] = SignedIn(),
        ["AccountSecurity.Enrol POST"] = SignedIn(),
        ["AccountSecurity.NewRecoveryCodes POST"] = SignedIn(),
        ["AccountSecurity.Disable POST"] = SignedIn(),
        ["Errors.ServerError GET"] = All(Outcome.Allowed),
        ["Errors.Status GET"] = All(Outcome.Allowed),
        ["OpenData.Index GET"] = All(Outcome.Allowed),
        ["OpenData.Csv GET"] = All(Outcome.Allowed),
        ["OpenData.ExcelCsv GET"] = All(Outcome.Allowed),
        ["OpenData.JsonData GET"] = All(Outcome.Allowed),
        ["OpenData.Dictionary GET"] = All(Outcome.Allowed),
        ["OpenData.DictionaryCsv GET"] = All(Outcome.Allowed),
        ["OpenData.Catalogue GET"] = All(Outcome.Allowed),
        ["OpenData.CatalogueTurtle GET"] = All(Outcome.Allowed),
        ["PublicApi.Plans GET"] = All(Outcome.Allowed),
        ["PublicApi.Plan GET"] = All(Outcome.Allowed),
        ["PublicApi.Objectives GET"] = All(Outcome.Allowed),
        ["PublicApi.Objective GET"] = All(Outcome.Allowed),
        ["Plans.Index GET"] = SignedIn(),
        ["Plans.Overview GET"] = SignedIn(),
        ["Plans.Category GET"] = SignedIn(),
        ["Plans.Area GET"] = SignedIn(),
        ["Plans.Directorate GET"] = SignedIn(),
        ["Objectives.Details GET"] = SignedIn(),
        ["Dashboard.Index GET"] = SignedIn(),
        ["Results.Edit GET"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],
        ["Results.Edit POST"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],
        ["Review.Index GET"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],
        ["Review.Confirm POST"] = [Outcome.Login, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],
        ["Review.Return POST"] = [Outcome.Login, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],

        // Bulk confirmation: the policy decides who may post; each selected result is then authorized on its own.
        ["Review.ConfirmSelected POST"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],
        // The description of an objective: the planning office, and the Direttore of its Direzione (CASA); on the approved
        // 2019 plan the page says it is read-only and a POST is refused with the Italian message (422), never a 403.
        ["Narrative.Objective GET"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],
        ["Narrative.Objective POST"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],
        ["Narrative.PlanTexts GET"] = PlanningOfficeOnly(),
        ["Narrative.PlanTexts POST"] = PlanningOfficeOnly(),
        // The results spreadsheet: the planning office, and a Direttore (for their own Direzioni, decided from the file).
        ["ResultUpload.Upload GET"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],
        ["ResultUpload.Upload POST"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],
        ["ResultUpload.Confirm POST"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],
        ["PlanImport.Upload GET"] = PlanningOfficeOnly(),
        ["PlanImport.Upload POST"] = PlanningOfficeOnly(),
        ["PlanEditing.NewPlan GET"] = PlanningOfficeOnly(),
        ["PlanEditing.NewPlan POST"] = PlanningOfficeOnly(),
        ["PlanEditing.StartMonitoring POST"] = PlanningOfficeOnly(),
        ["PlanEditing.FourEyesReview POST"] = PlanningOfficeOnly(),
        ["PlanEditing.OpenPeriod POST"] = PlanningOfficeOnly(),
        ["PlanEditing.ClosePeriod POST"] = PlanningOfficeOnly(),
        ["PlanEditing.Approve GET"] = PlanningOfficeOnly(),
        ["PlanEditing.Approve POST"] = PlanningOfficeOnly(),
        ["PlanEditing.DeclareUnmeasurable POST"] = PlanningOfficeOnly(),
        ["PlanEditing.WithdrawUnmeasurable POST"] = PlanningOfficeOnly(),
        ["PlanEditing.NewObjective GET"] = PlanningOfficeOnly(),
        ["PlanEditing.NewObjective POST"] = PlanningOfficeOnly(),
        ["PlanEditing.EditObjective GET"] = PlanningOfficeOnly(),
        ["PlanEditing.EditObjective POST"] = PlanningOfficeOnly(),
        ["PlanEditing.DeleteObjective POST"] = PlanningOfficeOnly(),
        ["PlanEditing.NewKpi GET"] = PlanningOfficeOnly(),
        ["PlanEditing.NewKpi POST"] = PlanningOfficeOnly(),
        ["PlanEditing.EditKpi GET"] = PlanningOfficeOnly(),
        ["PlanEditing.EditKpi POST"] = PlanningOfficeOnly(),
        ["PlanEditing.DeleteKpi POST"] = PlanningOfficeOnly(),
        ["PlanStructure.Index GET"] = PlanningOfficeOnly(),
        ["PlanStructure.Settings POST"] = PlanningOfficeOnly(),
        ["PlanStructure.AddPart POST"] = PlanningOfficeOnly(),
        ["PlanStructure.RenamePart POST"] = PlanningOfficeOnly(),
        ["PlanStructure.MovePart POST"] = PlanningOfficeOnly(),
        ["PlanStructure.RemovePart POST"] = PlanningOfficeOnly(),
        ["PlanStructure.AddPeriod POST"] = PlanningOfficeOnly(),
        ["PlanStructure.EditPeriod POST"] = PlanningOfficeOnly(),
        ["PlanStructure.RemovePeriod POST"] = PlanningOfficeOnly(),
        ["PlanStructure.PeriodPreset POST"] = PlanningOfficeOnly(),
        ["PlanReopen.Reopen GET"] = AdministratorOnly(),
        ["PlanReopen.Reopen POST"] = AdministratorOnly(),
        ["Monitoring.Board GET"] = PlanningOfficeOnly(),
        ["Collection.Index GET"] = PlanningOfficeOnly(),
        ["Collection.Template GET"] = PlanningOfficeOnly(),
        ["History.Objective GET"] = SignedIn(),
        ["History.Kpi GET"] = SignedIn(),
        ["History.Search GET"] = AdministratorOnly(),
        ["Reports.Plan GET"] = [Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed],
        ["Reports.Category GET"] = [Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed],
        ["Reports.Directorate GET"] = SignedIn(), // the Direttore is bound to CASA, the Direzione asked
        ["Reports.PlanWorkbook GET"] = [Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed],
        ["Reports.DirectorateWorkbook GET"] = SignedIn(),
        ["Users.Index GET"] = AdministratorOnly(),
        ["Users.Create GET"] = AdministratorOnly(),
        ["Users.Create POST"] = AdministratorOnly(),
        ["Users.Edit GET"] = AdministratorOnly(),
        ["Users.Edit POST"] = AdministratorOnly(),
        ["Users.Disable POST"] = AdministratorOnly(),
        ["Users.Enable POST"] = AdministratorOnly(),
        ["Users.ResetPassword POST"] = AdministratorOnly(),
        ["Directorates.Index GET"] = AdministratorOnly(),
        ["Directorates.Create GET"] = AdministratorOnly(),
        ["Directorates.Create POST"] = AdministratorOnly(),
        ["Directorates.Edit GET"] = AdministratorOnly(),
        ["Directorates.Edit POST"] = AdministratorOnly(),
        ["Directorates.Delete POST"] = AdministratorOnly(),
        // Score overrides: everyone reads the list; the planning office proposes and withdraws; only the OIV decides.
        ["Overrides.Index GET"] = SignedIn(),
        ["Overrides.Propose GET"] = PlanningOfficeOnly(),
        ["Overrides.Propose POST"] = PlanningOfficeOnly(),
        ["Overrides.Withdraw POST"] = PlanningOfficeOnly(),
        ["Overrides.Approve POST"] = [Outcome.Login, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed],
        ["Overrides.Reject POST"] = [Outcome.Login, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed],
        // A job's page, state and file: any signed-in user, and only for their own jobs (another's id is 404, BackgroundJobTests).
        ["Jobs.Show GET"] = SignedIn(),
        ["Jobs.Status GET"] = SignedIn(),
        ["Jobs.Download GET"] = SignedIn(),
        // The public pages of approved plans ("Amministrazione trasparente", Features/Transparency): everyone, signed in or not.
        ["Transparency.Index GET"] = All(Outcome.Allowed),
        ["Transparency.Trend GET"] = All(Outcome.Allowed),
        ["Transparency.Plan GET"] = All(Outcome.Allowed),
        ["Transparency.Category GET"] = All(Outcome.Allowed),
        ["Transparency.Area GET"] = All(Outcome.Allowed),
        ["Transparency.Directorate GET"] = All(Outcome.Allowed),
        ["Transparency.Objective GET"] = All(Outcome.Allowed),
        ["Transparency.Consuntivo GET"] = All(Outcome.Allowed),

        // The OIV (#15): its own acts (observations raised, closed, reopened; the validation) are the Evaluator's only;
        // answers are the planning office's and the owning Direttore's (resource-based; observation 1 may not exist: 404).
        ["Observations.List GET"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Allowed],
        ["Observations.Raise POST"] = EvaluatorOnly(),
        ["Observations.Answer POST"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden],
        ["Observations.Close POST"] = EvaluatorOnly(),
        ["Observations.Reopen POST"] = EvaluatorOnly(),
        ["Validation.Form GET"] = EvaluatorOnly(),
        ["Validation.Form POST"] = EvaluatorOnly(),
        ["Checks.Index GET"] = [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed],
        ["Relazione.Relazione GET"] = [Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed],
        ["Relazione.Validation GET"] = [Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed],
    };

    /// <summary>Every action of every controller of the web assembly, by reflection: "Controller.Action VERB".</summary>
    public static TheoryData<string> Actions()
    {
        var data = new TheoryData<string>();
        foreach (var key in ReflectedActions().Order())
        {
            data.Add(key);
        }

        return data;
    }

    [Fact]
    public void AnswersHeadGivenEveryActionOfTheRouterThatAnswersGet()
    {
        var actions = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<ControllerActionDescriptor>().ToList();

        Assert.Contains(actions, a => Methods(a).Contains("GET"));
        Assert.All(actions.Where(a => Methods(a).Contains("GET")), a => Assert.Contains("HEAD", Methods(a)));
        Assert.All(actions.Where(a => !Methods(a).Contains("GET")), a => Assert.DoesNotContain("HEAD", Methods(a)));
    }

    [Fact]
    public void FindsTheSameActionsByReflectionAsTheRouterGivenTheWebAssembly()
    {
        Assert.Equal(ReflectedActions().Order(), DiscoverActions(factory).Keys.Order());
    }

    [Fact]
    public void CoversEveryControllerActionGivenTheMatrix()
    {
        var discovered = ReflectedActions().ToHashSet();

        var missing = discovered.Except(Expected.Keys).Order().ToList();
        var stale = Expected.Keys.Except(discovered).Order().ToList();
        Assert.True(missing.Count == 0, $"Actions without an expected outcome: {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"Matrix rows for actions that no longer exist: {string.Join(", ", stale)}");
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task AnswersAsExpectedGivenEachIdentity(string action)
    {
        var descriptor = DiscoverActions(factory)[action];
        var user = await factory.CreateUserAsync($"matrice.{Guid.NewGuid():N}@pdo.local", Roles.Executive);
        var resultId = await factory.WithDbAsync(db => db.KpiResults.Where(r => r.Kpi!.Code == "DIR-CASA-01.1").Select(r => r.Id).FirstAsync());
        var url = Url(descriptor, descriptor.ControllerName switch
        {
            "Review" => resultId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Overrides" => "1", // a number, so the route matches and the policy answers (no override exists: 404 once allowed)
            _ => user.Id,
        });
        var expected = Expected[action];

        for (var i = 0; i < Identities.Length; i++)
        {
            var client = Identities[i] == Anonymous
                ? factory.CreateHttpsClient()
                : await factory.CreateClientAsAsync(Identities[i], Identities[i] == Roles.DirectorateManager ? ["CASA"] : []);
            var method = action.EndsWith(" POST", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
            var response = method == HttpMethod.Get
                ? await client.GetAsync(url)
                : await PdoWebFactory.PostFormAsync(client, Identities[i] == Anonymous ? "/accesso" : "/piani", url, []);

            Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
            var outcome = Classify(response);
            Assert.True(outcome == expected[i], $"{action} {url} as {Identities[i]}: expected {expected[i]}, got {outcome} ({(int)response.StatusCode} {response.Headers.Location})");
        }
    }

    private static Outcome Classify(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return Outcome.Forbidden;
        }

        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && location.Contains("/accesso?ReturnUrl=", StringComparison.OrdinalIgnoreCase)
            ? Outcome.Login
            : Outcome.Allowed;
    }

    private static string Url(ControllerActionDescriptor descriptor, string id)
    {
        var template = "/" + descriptor.AttributeRouteInfo!.Template!;
        var values = new Dictionary<string, string>
        {
            ["year:int"] = "2019",
            ["statusCode:int"] = "404",
            ["id:int"] = id,
            ["id"] = id,
            ["kpiCode"] = "DIR-CASA-01.1",
            ["directorate"] = "CASA",
            ["observation:int"] = "1",
            ["part:regex(^(sezioni|aree)$)"] = "sezioni",
            ["code"] = descriptor.ControllerName == "Directorates" ? "CASA" : descriptor.ActionName switch
            {
                "Category" => "DIR",
                "Area" => "DIGITALE",
                "Directorate" => "CASA",
                "OpenPeriod" or "ClosePeriod" => "INT",
                _ => "DIR-CASA-01",
            },
        };
        foreach (var (name, value) in values)
        {
            template = template.Replace($"{{{name}}}", value, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{", template);
        return descriptor.ActionName == "SetPassword" ? $"{template}?utente={id}&token=non-valido" : template;
    }

    private static Dictionary<string, ControllerActionDescriptor> DiscoverActions(PdoWebFactory f)
    {
        var provider = f.Services.GetRequiredService<IActionDescriptorCollectionProvider>();
        var result = new Dictionary<string, ControllerActionDescriptor>();
        foreach (var d in provider.ActionDescriptors.Items.OfType<ControllerActionDescriptor>())
        {
            var methods = Methods(d);

            // HEAD is the GET action itself (HeadLikeGetConvention): the matrix holds GET's row for both.
            foreach (var method in (methods.Count == 0 ? ["GET"] : methods).Where(m => m != "HEAD"))
            {
                result[$"{d.ControllerName}.{d.ActionName} {method}"] = d;
            }
        }

        return result;
    }

    private static List<string> Methods(ControllerActionDescriptor d) =>
        d.ActionConstraints?.OfType<Microsoft.AspNetCore.Mvc.ActionConstraints.HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods).ToList() ?? [];

    private static IEnumerable<string> ReflectedActions() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(Microsoft.AspNetCore.Mvc.Controller).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.NonActionAttribute), true).Length == 0)
                .SelectMany(m =>
                {
                    var verbs = m.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.Routing.HttpMethodAttribute), true)
                        .Cast<Microsoft.AspNetCore.Mvc.Routing.HttpMethodAttribute>().SelectMany(a => a.HttpMethods).ToList();
                    return (verbs.Count == 0 ? ["GET"] : verbs).Select(v => $"{t.Name[..^"Controller".Length]}.{m.Name} {v}");
                }))
            .Distinct();

    private static Outcome[] All(Outcome outcome) => [outcome, outcome, outcome, outcome, outcome, outcome];

    private static Outcome[] SignedIn() => [Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed];

    private static Outcome[] PlanningOfficeOnly() => [Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden];

    private static Outcome[] EvaluatorOnly() => [Outcome.Login, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed];

    private static Outcome[] AdministratorOnly() => [Outcome.Login, Outcome.Allowed, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden];
}

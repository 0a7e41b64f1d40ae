using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;
using UglyToad.PdfPig;

namespace Pdo.Web.Tests.Oversight;

/// <summary>The OIV's validation of the Relazione: recorded on the approved plan, shown next to the approval, superseded by a new one and by a reopen.</summary>
public sealed class ValidationTests(MonitoringPlanFactory factory) : IClassFixture<MonitoringPlanFactory>
{
    private const string Form = "/piani/2019/validazione";

    private static Task<HttpResponseMessage> ValidateAsync(HttpClient oiv, string outcome, string reasoning, string reservations = "", int year = 2019) =>
        PdoWebFactory.PostFormAsync(oiv, Form, $"/piani/{year}/validazione", [new("Date", "30/06/2020"), new("Outcome", outcome), new("Reasoning", reasoning), new("Reservations", reservations)]);

    [Fact]
    public async Task ShowsTheValidationEverywhereTheApprovalIsAndSupersedesItGivenANewOneAndAReopen()
    {
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);

        var first = await ValidateAsync(oiv, "NotValidated", "Mancano le motivazioni di due scostamenti.");
        var refused = await ValidateAsync(oiv, "ValidatedWithReservations", "Relazione conforme.");
        var refusedPage = await refused.Content.ReadAsStringAsync();
        var second = await ValidateAsync(oiv, "ValidatedWithReservations", "Relazione conforme.", "Il KPI DIR-CASA-01.2 va documentato meglio.");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Per «validata con riserva» le riserve sono obbligatorie.", refusedPage);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var giunta = await factory.CreateClientAsAsync(Roles.Executive);
        Assert.Contains("Relazione validata con riserva dall&#x27;OIV il 30/06/2020", await giunta.GetStringAsync("/piani/2019"));
        Assert.Contains("Relazione validata con riserva dall&#x27;OIV il 30/06/2020", await giunta.GetStringAsync("/piani"));
        var history = await oiv.GetStringAsync(Form);
        Assert.Contains("Sostituita dalla validazione del 30/06/2020.", history);
        var signers = await factory.WithDbAsync(db => db.PlanValidations.Select(v => new { v.SignedByUserId, v.SignedByName }).Distinct().ToListAsync());
        Assert.Equal(("test-Evaluator", "Test Evaluator"), (signers.Single().SignedByUserId, signers.Single().SignedByName));

        using (var document = PdfDocument.Open(await giunta.GetByteArrayAsync("/piani/2019/validazione.pdf")))
        {
            var words = string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Validazione della Relazione sulla Performance 2019", words);
            Assert.Contains("Esito: Validata con riserva", words);
            Assert.Contains("va documentato meglio.", words);
            Assert.Contains("Test Evaluator, OIV / Nucleo di Valutazione", words);
            Assert.Contains("Delibera di Giunta n. 501 del 14/04/2020", words);
        }

        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var version = await factory.WithDbAsync(db => db.Plans.Where(p => p.Year == 2019).Select(p => p.Version).SingleAsync());
        var reopened = await PdoWebFactory.PostFormAsync(admin, "/piani/2019/riapri", "/piani/2019/riapri", [new("Reason", "Correzione di un valore."), new("Version", version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var reasons = await factory.WithDbAsync(db => db.PlanValidations.OrderBy(v => v.Id).Select(v => v.SupersededReason).ToListAsync());
        Assert.Equal("Piano riaperto: Correzione di un valore.", reasons[^1]);
        Assert.DoesNotContain("Relazione validata", await giunta.GetStringAsync("/piani/2019"));
        var missing = await giunta.GetAsync("/piani/2019/validazione.pdf");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("non ha una validazione corrente della Relazione", await missing.Content.ReadAsStringAsync());
        var notApproved = await ValidateAsync(oiv, "Validated", "Relazione conforme.");
        Assert.Contains("La Relazione si valida solo su un piano approvato", await notApproved.Content.ReadAsStringAsync());
        Assert.Equal(2, await factory.WithDbAsync(db => db.PlanValidations.CountAsync()));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "PlanValidation" && a.Field == "SupersededReason" && a.NewValue == "Piano riaperto: Correzione di un valore.")));
    }

    [Fact]
    public async Task SavesTheContextOfTheRelazioneGivenThePlanTextsPageOfAPlanInMonitoring()
    {
        await factory.EnsurePlan2020Async();
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var version = await factory.WithDbAsync(db => db.Plans.Where(p => p.Year == 2020).Select(p => p.Version).SingleAsync());

        var response = await PdoWebFactory.PostFormAsync(office, "/piani/2020/testi", "/piani/2020/testi", [new("Context", "Il Comune conta 1,4 milioni di abitanti.\n\n- 14.000 dipendenti"), new("Version", version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Il Comune conta 1,4 milioni di abitanti.\n\n- 14.000 dipendenti", await factory.WithDbAsync(db => db.Plans.Where(p => p.Year == 2020).Select(p => p.Context).SingleAsync()));
        Assert.Contains("1,4 milioni di abitanti", await office.GetStringAsync("/piani/2020/testi"));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PlanYear == 2020 && a.Field == "Context")));
    }

    [Fact]
    public async Task AnswersNotFoundWithTheReasonGivenTheRelazioneOfAPlanNotApproved()
    {
        await factory.EnsurePlan2020Async();
        var giunta = await factory.CreateClientAsAsync(Roles.Executive);

        var response = await giunta.GetAsync("/piani/2020/relazione.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("La Relazione sulla Performance si scarica per un piano approvato", await response.Content.ReadAsStringAsync());
    }
}

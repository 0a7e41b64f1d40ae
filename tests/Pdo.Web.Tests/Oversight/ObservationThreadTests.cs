using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Oversight;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Oversight;

/// <summary>An OIV observation through its life on the approved 2019 plan: raised, answered by the planning office and the owning Direttore, closed.</summary>
public sealed class ObservationThreadTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private const string Objective = "/piani/2019/obiettivi/DIR-CASA-01";

    private async Task<int> RaiseAsync(HttpClient oiv, string text, string kpi = "DIR-CASA-01.1")
    {
        var response = await PdoWebFactory.PostFormAsync(oiv, Objective, Objective + "/osservazioni", [new("Kpi", kpi), new("Text", text)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await factory.WithDbAsync(db => db.Observations.Where(o => o.Text == text).Select(o => o.Id).SingleAsync());
    }

    private Task<Guid> VersionAsync(int id) => factory.WithDbAsync(db => db.Observations.Where(o => o.Id == id).Select(o => o.Version).SingleAsync());

    [Fact]
    public async Task ShowsTheThreadWithRolesNamesAndStatesGivenAnswersOfThePlanningOfficeAndTheOwningDirector()
    {
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        var id = await RaiseAsync(oiv, "Manca la fonte del dato degli alloggi.");
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var director = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");

        var first = await PdoWebFactory.PostFormAsync(office, Objective, $"/piani/2019/osservazioni/{id}/risposta", [new("Text", "La fonte è il sistema SAP."), new("Version", (await VersionAsync(id)).ToString())]);
        var second = await PdoWebFactory.PostFormAsync(director, Objective, $"/piani/2019/osservazioni/{id}/risposta", [new("Text", "Confermo: dati SAP al 31/12."), new("Version", (await VersionAsync(id)).ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var page = await oiv.GetStringAsync(Objective);
        Assert.Contains("Osservazioni dell'OIV", page);
        Assert.Contains("Manca la fonte del dato degli alloggi.", page);
        Assert.Contains("Test PlanningOffice</strong> (Ufficio Pianificazione e Controllo)", page);
        Assert.Contains("Test DirectorateManager</strong> (Direttore)", page);
        Assert.Contains("Con risposta", page);
        var status = await factory.WithDbAsync(db => db.Observations.Where(o => o.Id == id).Select(o => o.Status).SingleAsync());
        Assert.Equal(ObservationStatus.Answered, status);
        var audited = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "ObservationMessage" && a.ObjectiveCode == "DIR-CASA-01" && a.Field == "Text").CountAsync());
        Assert.True(audited >= 2);
    }

    [Fact]
    public async Task RefusesTheAnswerGivenADirectorOfAnotherDirezione()
    {
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        var id = await RaiseAsync(oiv, "Osservazione per un altro Direttore.");
        var other = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CULT");

        var response = await PdoWebFactory.PostFormAsync(other, Objective, $"/piani/2019/osservazioni/{id}/risposta", [new("Text", "Risposta."), new("Version", (await VersionAsync(id)).ToString())]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ObservationMessages.CountAsync(m => m.ObservationId == id)));
    }

    [Fact]
    public async Task SaysWhyAndChangesNothingGivenAnAnswerOnAClosedObservation()
    {
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        var id = await RaiseAsync(oiv, "Osservazione da chiudere.");
        var closed = await PdoWebFactory.PostFormAsync(oiv, Objective, $"/piani/2019/osservazioni/{id}/chiudi", [new("Version", (await VersionAsync(id)).ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var response = await PdoWebFactory.PostFormAsync(office, Objective, $"/piani/2019/osservazioni/{id}/risposta", [new("Text", "Troppo tardi."), new("Version", (await VersionAsync(id)).ToString())]);
        var page = await office.GetStringAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("L&#x27;osservazione è chiusa: non si possono aggiungere risposte.", page);
        Assert.Equal(audit, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ObservationMessages.CountAsync(m => m.ObservationId == id)));
    }

    [Fact]
    public async Task ReopensAsConRispostaAndListsByStatusGivenTheOivClosesAndReopens()
    {
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        var id = await RaiseAsync(oiv, "Osservazione da riaprire.", kpi: "");
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await PdoWebFactory.PostFormAsync(office, Objective, $"/piani/2019/osservazioni/{id}/risposta", [new("Text", "Risposta."), new("Version", (await VersionAsync(id)).ToString())]);
        await PdoWebFactory.PostFormAsync(oiv, Objective, $"/piani/2019/osservazioni/{id}/chiudi", [new("Version", (await VersionAsync(id)).ToString())]);

        var closedList = await oiv.GetStringAsync("/piani/2019/osservazioni?stato=chiuse");
        await PdoWebFactory.PostFormAsync(oiv, Objective, $"/piani/2019/osservazioni/{id}/riapri", [new("Version", (await VersionAsync(id)).ToString())]);
        var answeredList = await office.GetStringAsync("/piani/2019/osservazioni?stato=con-risposta");

        Assert.Contains($"#osservazione-{id}", closedList);
        Assert.Contains($"#osservazione-{id}", answeredList);
        Assert.Equal(ObservationStatus.Answered, await factory.WithDbAsync(db => db.Observations.Where(o => o.Id == id).Select(o => o.Status).SingleAsync()));
    }

    [Fact]
    public async Task ShowsOnlyTheObservationsOfTheirDirezioniGivenADirector()
    {
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        var casa = await RaiseAsync(oiv, "Osservazione sulla Casa.");
        var response = await PdoWebFactory.PostFormAsync(oiv, "/piani/2019/obiettivi/DIR-CULT-01", "/piani/2019/obiettivi/DIR-CULT-01/osservazioni", [new("Text", "Osservazione sulla Cultura.")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var director = await factory.CreateClientAsAsync(Roles.DirectorateManager, "CASA");

        var list = await director.GetStringAsync("/piani/2019/osservazioni");

        Assert.Contains($"#osservazione-{casa}", list);
        Assert.DoesNotContain("DIR-CULT-01", list);
    }

    [Fact]
    public async Task SaysTheStatusDoesNotExistGivenAnUnknownFilter()
    {
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);

        var response = await oiv.GetAsync("/piani/2019/osservazioni?stato=boh");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Lo stato «boh» non esiste", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RefusesTheObservationWithItalianMessageGivenNoText()
    {
        var oiv = await factory.CreateClientAsAsync(Roles.Evaluator);
        var before = await factory.WithDbAsync(db => db.Observations.CountAsync());

        var response = await PdoWebFactory.PostFormAsync(oiv, Objective, Objective + "/osservazioni", [new("Kpi", ""), new("Text", "  ")]);
        var page = await oiv.GetStringAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("Il testo dell&#x27;osservazione è obbligatorio.", page);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Observations.CountAsync()));
    }
}

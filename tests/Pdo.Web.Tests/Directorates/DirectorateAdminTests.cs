using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Directorates;

/// <summary>The Amministratore's Direzioni: create, refuse a duplicate code, rename and close, delete only when unused, audited.</summary>
public sealed class DirectorateAdminTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private const string List = "/amministrazione/direzioni";
    private const string New = "/amministrazione/direzioni/nuova";

    [Fact]
    public async Task CreatesTheDirezioneWithItsAuditRowsGivenAnAdministrator()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);

        var created = await Create(admin, "VERDE", "Direzione Verde", "01/01/2021", "");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/amministrazione/direzioni/VERDE/modifica", created.Headers.Location!.OriginalString);
        var stored = await factory.WithDbAsync(db => db.Directorates.AsNoTracking().SingleAsync(d => d.Code == "VERDE"));
        Assert.Equal(("Direzione Verde", new DateOnly(2021, 1, 1), (DateOnly?)null), (stored.Name, stored.ActiveFrom, stored.ActiveTo));
        var audit = await AuditAsync("VERDE");
        Assert.Contains(audit, a => a.Action == AuditAction.Created && a.Field == "Name" && a.NewValue == "Direzione Verde");
        Assert.Contains(audit, a => a.Action == AuditAction.Created && a.Field == "ActiveFrom" && a.NewValue == "2021-01-01");
        var list = await admin.GetStringAsync(List);
        Assert.Contains("Direzione Verde", list);
        Assert.Contains("dal 01/01/2021", list);
        var registro = await admin.GetStringAsync("/amministrazione/registro?tipo=Directorate");
        Assert.Contains("Attiva dal", registro);
        Assert.Contains("01/01/2021", registro);
    }

    [Fact]
    public async Task RefusesADuplicateCodeAndWritesNothingGivenTheSameCodeInAnotherCase()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var before = await factory.WithDbAsync(db => db.Directorates.CountAsync());

        var response = await Create(admin, "casa", "Un'altra Casa", "01/01/2021", "");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Esiste già una Direzione con il codice «casa»", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Directorates.CountAsync()));
    }

    [Fact]
    public async Task RefusesTheIntervalGivenAnEndBeforeTheStart()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);

        var response = await Create(admin, "ROVESCIA", "Direzione Rovescia", "01/01/2021", "31/12/2020");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("La data «attiva fino al» non può precedere la data «attiva dal».", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Directorates.AnyAsync(d => d.Code == "ROVESCIA")));
    }

    [Fact]
    public async Task RenamesAndClosesTheDirezioneKeepingItInTheOldPlanGivenTheEditForm()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var version = await factory.WithDbAsync(db => db.Directorates.Where(d => d.Code == "CULTURA").Select(d => d.Version).SingleAsync());

        var edited = await Edit(admin, "CULTURA", "CULTURA", "Direzione Cultura e Musei", "01/01/2019", "31/12/2019", version);

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Directorates.AsNoTracking().SingleAsync(d => d.Code == "CULTURA"));
        Assert.Equal(("Direzione Cultura e Musei", (DateOnly?)new DateOnly(2019, 12, 31)), (stored.Name, stored.ActiveTo));
        var audit = await AuditAsync("CULTURA");
        Assert.Contains(audit, a => a.Action == AuditAction.Modified && a.Field == "Name" && a.OldValue == "Direzione Cultura" && a.NewValue == "Direzione Cultura e Musei");
        Assert.Contains(audit, a => a.Action == AuditAction.Modified && a.Field == "ActiveTo" && a.OldValue == null && a.NewValue == "2019-12-31");
        Assert.Contains("Direzione Cultura e Musei", await admin.GetStringAsync("/piani/2019/direzioni/CULTURA"));

        var stale = await Edit(admin, "CULTURA", "CULTURA", "Direzione Cultura (vecchia)", "01/01/2019", "", version);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Direzione Cultura e Musei", await factory.WithDbAsync(db => db.Directorates.Where(d => d.Code == "CULTURA").Select(d => d.Name).SingleAsync()));
    }

    [Fact]
    public async Task RefusesTheDeletionAndPointsToTheEndDateGivenADirezioneUsedByObjectives()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);

        var response = await PdoWebFactory.PostFormAsync(admin, List, "/amministrazione/direzioni/CASA/elimina", []);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("La Direzione «Direzione Casa» non si può eliminare: è usata da obiettivi dei piani", html);
        Assert.Contains("Per chiuderla indicare la data «attiva fino al».", html);
        Assert.True(await factory.WithDbAsync(db => db.Directorates.AnyAsync(d => d.Code == "CASA")));
    }

    [Fact]
    public async Task RefusesToChangeTheCodeGivenADirezioneUsedByObjectives()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var version = await factory.WithDbAsync(db => db.Directorates.Where(d => d.Code == "CASA").Select(d => d.Version).SingleAsync());

        var response = await Edit(admin, "CASA", "CASA2", "Direzione Casa", "01/01/2019", "", version);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("non si può cambiare", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.True(await factory.WithDbAsync(db => db.Directorates.AnyAsync(d => d.Code == "CASA")));
    }

    [Fact]
    public async Task DeletesTheDirezioneWithAnAuditRowGivenNoObjectiveOrUserUsesIt()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        await Create(admin, "PROVVISORIA", "Direzione Provvisoria", "01/01/2021", "");

        var response = await PdoWebFactory.PostFormAsync(admin, List, "/amministrazione/direzioni/PROVVISORIA/elimina", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Directorates.AnyAsync(d => d.Code == "PROVVISORIA")));
        Assert.Contains(await AuditAsync("PROVVISORIA"), a => a.Action == AuditAction.Deleted && a.Field == "Name" && a.OldValue == "Direzione Provvisoria");
    }

    [Fact]
    public async Task OffersOnlyTheDirezioniActiveInThePlanYearAndRefusesAClosedOneGivenTheObjectiveForm()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        await Create(admin, "CHIUSA", "Direzione Chiusa", "01/01/2015", "31/12/2029");
        await Create(admin, "APERTA", "Direzione Aperta", "01/06/2030", "");
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await PdoWebFactory.PostFormAsync(office, "/piani/nuovo", "/piani/nuovo", [new("Year", "2030"), new("Title", "Piano degli Obiettivi 2030")]);

        var form = await office.GetStringAsync("/piani/2030/obiettivi/nuovo");

        Assert.Contains("Direzione Aperta", form);
        Assert.DoesNotContain("Direzione Chiusa", form);
        var closedId = await factory.WithDbAsync(db => db.Directorates.Where(d => d.Code == "CHIUSA").Select(d => d.Id).SingleAsync());
        var refused = await PdoWebFactory.PostFormAsync(office, "/piani/2030/obiettivi/nuovo", "/piani/2030/obiettivi/nuovo",
            [new("Code", "NUOVO-01"), new("Title", "Un obiettivo nuovo"), new("Category", "DIR"), new("Weight", "1"), new("DirectorateId", closedId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("La Direzione «Direzione Chiusa» (CHIUSA) non è attiva nel 2030", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Objectives.AnyAsync(o => o.Code == "NUOVO-01")));
    }

    [Fact]
    public async Task KeepsOfferingAndAcceptsTheAssignedDirezioneGivenItClosedBeforeThePlanYear()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        await Create(admin, "TEMPORANEA", "Direzione Temporanea", "01/01/2020", "");
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await PdoWebFactory.PostFormAsync(office, "/piani/nuovo", "/piani/nuovo", [new("Year", "2032"), new("Title", "Piano degli Obiettivi 2032")]);
        var id = await factory.WithDbAsync(db => db.Directorates.Where(d => d.Code == "TEMPORANEA").Select(d => d.Id).SingleAsync());
        var created = await PdoWebFactory.PostFormAsync(office, "/piani/2032/obiettivi/nuovo", "/piani/2032/obiettivi/nuovo",
            [new("Code", "TEMP-01"), new("Title", "Obiettivo temporaneo"), new("Category", "DIR"), new("Weight", "1"), new("DirectorateId", id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var version = await factory.WithDbAsync(db => db.Directorates.Where(d => d.Code == "TEMPORANEA").Select(d => d.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await Edit(admin, "TEMPORANEA", "TEMPORANEA", "Direzione Temporanea", "01/01/2020", "31/12/2031", version)).StatusCode);

        Assert.Contains("Direzione Temporanea", await office.GetStringAsync("/piani/2032/obiettivi/TEMP-01/modifica"));
        Assert.DoesNotContain("Direzione Temporanea", await office.GetStringAsync("/piani/2032/obiettivi/nuovo"));
        var objectiveVersion = await factory.WithDbAsync(db => db.Objectives.Where(o => o.Code == "TEMP-01").Select(o => o.Version).SingleAsync());
        var kept = await PdoWebFactory.PostFormAsync(office, "/piani/2032/obiettivi/TEMP-01/modifica", "/piani/2032/obiettivi/TEMP-01/modifica",
            [new("Code", "TEMP-01"), new("Title", "Obiettivo temporaneo, rinominato"), new("Category", "DIR"), new("Weight", "1"),
             new("DirectorateId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Version", objectiveVersion.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal(id, await factory.WithDbAsync(db => db.Objectives.Where(o => o.Code == "TEMP-01").Select(o => o.DirectorateId).SingleAsync()));
    }

    [Fact]
    public async Task ListsForADirettoreOnlyTheDirezioniActiveTodayGivenTheUserForm()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        await Create(admin, "STORICA", "Direzione Storica", "01/01/2015", "31/12/2020");

        var form = await admin.GetStringAsync("/amministrazione/utenti/nuovo");

        Assert.Contains("Direzione Casa", form);
        Assert.DoesNotContain("Direzione Storica", form);
    }

    [Fact]
    public async Task ForbidsThePagesGivenThePlanningOffice()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync(List)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync(New)).StatusCode);
    }

    private static Task<HttpResponseMessage> Create(HttpClient client, string code, string name, string from, string to) =>
        PdoWebFactory.PostFormAsync(client, New, New, [new("Code", code), new("Name", name), new("ActiveFrom", from), new("ActiveTo", to)]);

    private static Task<HttpResponseMessage> Edit(HttpClient client, string code, string newCode, string name, string from, string to, Guid version)
    {
        var url = $"/amministrazione/direzioni/{code}/modifica";
        return PdoWebFactory.PostFormAsync(client, url, url,
            [new("Code", newCode), new("Name", name), new("ActiveFrom", from), new("ActiveTo", to), new("Version", version.ToString())]);
    }

    private Task<List<AuditEntry>> AuditAsync(string code) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Directorate" && a.EntityKey == code).ToListAsync());
}

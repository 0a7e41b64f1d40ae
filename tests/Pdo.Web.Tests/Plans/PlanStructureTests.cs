using System.Net;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Plans;

/// <summary>The structure page (/piani/{anno}/struttura): each change allowed in Bozza, refused otherwise, audited.</summary>
public sealed class PlanStructureTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task ShowsTheFormsGivenAnEmptyDraftPlan()
    {
        var office = await NewPlanAsync(2040);

        var page = await office.GetAsync("/piani/2040/struttura");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Aggiungi sezione", html);
        Assert.Contains("Aggiungi area strategica", html);
        Assert.Contains("Aggiungi periodo", html);
        Assert.Contains("value=\"30/06/2040\"", html);
        Assert.Contains("href=\"/piani/2040/struttura\"", await office.GetStringAsync("/piani/2040"));
    }

    [Fact]
    public async Task AddsASectionAnAreaAndAPeriodWithAuditGivenTheFormsOfADraftPlan()
    {
        var office = await NewPlanAsync(2041);

        Assert.Equal("/piani/2041/struttura", (await PostAsync(office, 2041, "sezioni", [new("Code", "INN"), new("Name", "Obiettivi di innovazione")])).Headers.Location!.OriginalString);
        await PostAsync(office, 2041, "aree", [new("Code", "DIGITALE"), new("Name", "Milano più digitale")]);
        await PostAsync(office, 2041, "periodi", [new("Code", "T1"), new("Name", "1° trimestre"), new("EndDate", "31/03/2041")]);

        var plan = await PlanAsync(2041);
        Assert.Equal(("INN", 5, "DIGITALE"), (plan.Categories.OrderBy(c => c.SortOrder).Last().Code, plan.Categories.Count, plan.Areas.Single().Code));
        Assert.Equal([("T1", 1), ("INT", 2), ("FIN", 3)], plan.Periods.OrderBy(p => p.SortOrder).Select(p => (p.Code, p.SortOrder)));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.PlanYear == 2041 && a.Action == Pdo.Infrastructure.Auditing.AuditAction.Created)
            .Select(a => a.EntityType + "." + a.Field + "=" + a.NewValue).ToListAsync());
        Assert.Contains("ObjectiveCategory.Name=Obiettivi di innovazione", audit);
        Assert.Contains("StrategicArea.Code=DIGITALE", audit);
        Assert.Contains("MonitoringPeriod.EndDate=2041-03-31", audit);
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var registro = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync("/amministrazione/registro?anno=2041&testo=digitale"));
        Assert.Contains("Area strategica", registro);
        Assert.Contains("Milano più digitale", registro);

        var newObjective = await office.GetStringAsync("/piani/2041/obiettivi/nuovo");
        Assert.Contains("Milano più digitale", newObjective);
    }

    [Fact]
    public async Task SaysToAddASectionFirstGivenTheNewObjectiveFormOfAPlanWithoutSections()
    {
        var office = await NewPlanAsync(2042);
        foreach (var code in new[] { "SOL", "GES", "FUN", "DIR" })
        {
            await PostAsync(office, 2042, $"sezioni/{code}/elimina", []);
        }

        var form = await office.GetStringAsync("/piani/2042/obiettivi/nuovo");

        Assert.Empty((await PlanAsync(2042)).Categories);
        Assert.Contains("aggiungere prima una sezione nella struttura del piano", form);
        Assert.Contains("href=\"/piani/2042/struttura\"", form);
    }

    [Fact]
    public async Task RefusesAPeriodAfterTheEndOfTheYearAndChangesNothing()
    {
        var office = await NewPlanAsync(2043);
        var before = await PlanAsync(2043);

        var page = await RefusedAsync(office, 2043, "periodi", [new("Code", "EXTRA"), new("Name", "Oltre"), new("EndDate", "15/01/2044")]);

        Assert.Contains("La data di fine del periodo (15/01/2044) è dopo la fine dell'anno 2043", page);
        var after = await PlanAsync(2043);
        Assert.Equal((2, before.Version), (after.Periods.Count, after.Version));

        // Nothing typed is lost: the refused form comes back filled in, once.
        Assert.Contains("name=\"Code\" class=\"form-control\" maxlength=\"40\" required value=\"EXTRA\"", page);
        Assert.Contains("value=\"15/01/2044\"", page);
        Assert.DoesNotContain("value=\"EXTRA\"", await office.GetStringAsync("/piani/2043/struttura"));
    }

    [Fact]
    public async Task RefusesAnUnreadableEndDateWithAnItalianMessage()
    {
        var office = await NewPlanAsync(2044);

        var page = await RefusedAsync(office, 2044, "periodi/INT/modifica", [new("Name", "Intermedio"), new("EndDate", "31 giugno")]);

        Assert.Contains("La data di fine del periodo non è valida: scrivere gg/mm/aaaa, es. 31/03/2044.", page);
    }

    [Fact]
    public async Task RefusesADuplicateSectionCodeGivenAnotherCase()
    {
        var office = await NewPlanAsync(2045);

        var page = await RefusedAsync(office, 2045, "sezioni", [new("Code", "sol"), new("Name", "Doppione")]);

        Assert.Contains("Esiste già una sezione con il codice «sol» in questo piano.", page);
        Assert.Equal(4, (await PlanAsync(2045)).Categories.Count);
    }

    [Fact]
    public async Task RefusesToDeleteAnAreaWithObjectivesNamingHowMany()
    {
        var office = await NewPlanAsync(2046);
        await PostAsync(office, 2046, "aree", [new("Code", "AMB"), new("Name", "Milano per l'ambiente")]);
        var created = await PdoWebFactory.PostFormAsync(office, "/piani/2046/obiettivi/nuovo", "/piani/2046/obiettivi/nuovo",
            [new("Code", "AMB-01"), new("Title", "Più alberi"), new("Category", "SOL"), new("Area", "AMB"), new("Weight", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var page = await RefusedAsync(office, 2046, "aree/AMB/elimina", []);

        Assert.Contains("L'area strategica «Milano per l'ambiente» non può essere eliminata: la usano un obiettivo.", page);
        Assert.Single((await PlanAsync(2046)).Areas);
    }

    [Fact]
    public async Task RenamesMovesAndDeletesSectionsWithADenseOrderGivenADraftPlan()
    {
        var office = await NewPlanAsync(2047);

        await PostAsync(office, 2047, "sezioni/DIR/sposta", [new("Direction", "su")]);
        await PostAsync(office, 2047, "sezioni/GES/modifica", [new("Name", "Obiettivi gestionali dell'Ente")]);
        await PostAsync(office, 2047, "sezioni/SOL/elimina", []);

        var plan = await PlanAsync(2047);
        Assert.Equal([("GES", 1), ("DIR", 2), ("FUN", 3)], plan.Categories.OrderBy(c => c.SortOrder).Select(c => (c.Code, c.SortOrder)));
        Assert.Equal("Obiettivi gestionali dell'Ente", plan.Categories.Single(c => c.Code == "GES").Name);
        var renamed = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.PlanYear == 2047 && a.EntityType == nameof(ObjectiveCategory) && a.Field == nameof(ObjectiveCategory.Name) && a.Action == Pdo.Infrastructure.Auditing.AuditAction.Modified));
        Assert.Equal(("Obiettivi Gestionali", "Obiettivi gestionali dell'Ente"), (renamed.OldValue, renamed.NewValue));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PlanYear == 2047 && a.EntityType == nameof(ObjectiveCategory) && a.Action == Pdo.Infrastructure.Auditing.AuditAction.Deleted)));
        var moved = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.PlanYear == 2047 && a.Field == nameof(ObjectiveCategory.SortOrder))
            .OrderBy(a => a.Id).Select(a => a.EntityKey + ":" + a.OldValue + "→" + a.NewValue).ToListAsync());
        Assert.Equal(5, moved.Count); // DIR 4→3 and FUN 3→4 moving, then GES 2→1, DIR 3→2 and FUN 4→3 after SOL went
        Assert.Contains(moved, m => m.EndsWith(":4→3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SavesTitleAndMethodologyWithAuditGivenADraftPlan()
    {
        var office = await NewPlanAsync(2048);

        await PostAsync(office, 2048, "piano", [new("Title", "PDO 2048 – Comune"), new("Formula", "Linear"), new("PartiallyAchievedFrom", "75,5")]);

        var plan = await PlanAsync(2048);
        Assert.Equal(("PDO 2048 – Comune", LowerIsBetterFormula.Linear, 75.5m), (plan.Title, plan.LowerIsBetterFormula, plan.PartiallyAchievedFrom));
        var fields = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.PlanYear == 2048 && a.EntityType == nameof(PerformancePlan) && a.Action == Pdo.Infrastructure.Auditing.AuditAction.Modified).Select(a => a.Field).ToListAsync());
        Assert.Equal([nameof(PerformancePlan.LowerIsBetterFormula), nameof(PerformancePlan.PartiallyAchievedFrom), nameof(PerformancePlan.Title)], fields.Order());
    }

    [Fact]
    public async Task RefusesAThresholdOf100WithAnItalianMessage()
    {
        var office = await NewPlanAsync(2049);

        var page = await RefusedAsync(office, 2049, "piano", [new("Title", "PDO 2049"), new("Formula", "Ratio"), new("PartiallyAchievedFrom", "100")]);

        Assert.Contains("La soglia di «Parzialmente raggiunto» deve essere compresa tra 0 e 100 (esclusi).", page);
        Assert.Equal(80m, (await PlanAsync(2049)).PartiallyAchievedFrom);
    }

    [Fact]
    public async Task ReplacesThePeriodsWithFourQuarterlyOnesGivenThePreset()
    {
        var office = await NewPlanAsync(2050);

        await PostAsync(office, 2050, "periodi/schema", [new("Preset", "Quarterly")]);

        Assert.Equal(["T1", "T2", "T3", "FIN"], (await PlanAsync(2050)).Periods.OrderBy(p => p.SortOrder).Select(p => p.Code));
    }

    [Fact]
    public async Task RefusesAStaleFormAsAConflictAndChangesNothing()
    {
        var office = await NewPlanAsync(2051);
        var stale = (await PlanAsync(2051)).Version;
        await PostAsync(office, 2051, "aree", [new("Code", "A1"), new("Name", "Prima area")]);

        var page = await RefusedAsync(office, 2051, "aree", [new("Code", "A2"), new("Name", "Seconda area"), new("Version", stale.ToString())]);

        Assert.Contains("Qualcun altro ha modificato questi dati nel frattempo", page);
        Assert.Equal(["A1"], (await PlanAsync(2051)).Areas.Select(a => a.Code));
    }

    [Fact]
    public async Task ShowsTheStructureReadOnlyAndRefusesChangesGivenTheApprovedPlan()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var before = await PlanAsync(2019);

        var html = await office.GetStringAsync("/piani/2019/struttura");
        var page = await RefusedAsync(office, 2019, "periodi", [new("Code", "T1"), new("Name", "1° trimestre"), new("EndDate", "31/03/2019")]);
        var removal = await RefusedAsync(office, 2019, $"sezioni/{before.Categories.First().Code}/elimina", []);
        var settings = await RefusedAsync(office, 2019, "piano",
            [new("Title", before.Title), new("Formula", before.LowerIsBetterFormula.ToString()), new("PartiallyAchievedFrom", Pdo.Domain.Values.ItalianValues.FormatNumber(before.PartiallyAchievedFrom))]);

        Assert.Contains("la struttura è in sola lettura", html);
        Assert.DoesNotContain("Aggiungi periodo", html);
        Assert.Contains("Il piano non è in bozza: struttura e target non sono modificabili.", page);
        Assert.Contains("Il piano non è in bozza", removal);
        Assert.Contains("Il piano non è in bozza", settings);
        var after = await PlanAsync(2019);
        Assert.Equal((before.Periods.Count, before.Categories.Count, before.Version), (after.Periods.Count, after.Categories.Count, after.Version));
    }

    [Theory]
    [InlineData(Roles.Executive)]
    [InlineData(Roles.DirectorateManager)]
    public async Task ForbidsThePageAndItsFormsGivenAUserOutsideThePlanningOffice(string role)
    {
        var user = await factory.CreateClientAsAsync(role);

        var page = await user.GetAsync("/piani/2019/struttura");
        var post = await PdoWebFactory.PostFormAsync(user, "/piani", "/piani/2019/struttura/sezioni", [new("Code", "X"), new("Name", "X")]);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (page.StatusCode, post.StatusCode));
        Assert.DoesNotContain((await PlanAsync(2019)).Categories, c => c.Code == "X");
    }

    [Fact]
    public async Task AnswersNotFoundGivenAnUnknownSection()
    {
        var office = await NewPlanAsync(2052);

        var missing = await PdoWebFactory.PostFormAsync(office, "/piani/2052/struttura", "/piani/2052/struttura/sezioni/NESSUNA/elimina", []);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task<HttpClient> NewPlanAsync(int year)
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        var created = await PdoWebFactory.PostFormAsync(office, "/piani/nuovo", "/piani/nuovo", [new("Year", year.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Title", $"Piano degli Obiettivi {year}")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return office;
    }

    /// <summary>Posts a form of the page with the plan's current version unless the fields carry one; the change must succeed.</summary>
    private async Task<HttpResponseMessage> PostAsync(HttpClient office, int year, string action, KeyValuePair<string, string>[] fields)
    {
        var response = await SubmitAsync(office, year, action, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await office.GetStringAsync($"/piani/{year}/struttura");
        Assert.DoesNotContain("alert-danger", page);
        return response;
    }

    /// <summary>Posts a form that must be refused: the structure page is shown again with the Italian message.</summary>
    private async Task<string> RefusedAsync(HttpClient office, int year, string action, KeyValuePair<string, string>[] fields)
    {
        var response = await SubmitAsync(office, year, action, fields);
        Assert.Equal((HttpStatusCode.Redirect, $"/piani/{year}/struttura"), (response.StatusCode, response.Headers.Location!.OriginalString));
        return System.Net.WebUtility.HtmlDecode(await office.GetStringAsync($"/piani/{year}/struttura"));
    }

    private async Task<HttpResponseMessage> SubmitAsync(HttpClient office, int year, string action, KeyValuePair<string, string>[] fields)
    {
        var version = fields.Any(f => f.Key == "Version") ? [] : new KeyValuePair<string, string>[] { new("Version", (await PlanAsync(year)).Version.ToString()) };
        return await PdoWebFactory.PostFormAsync(office, $"/piani/{year}/struttura", $"/piani/{year}/struttura/{action}", [.. fields, .. version]);
    }

    private Task<PerformancePlan> PlanAsync(int year) =>
        factory.WithDbAsync(db => db.Plans.AsNoTracking().AsSplitQuery()
            .Include(p => p.Periods).Include(p => p.Categories).Include(p => p.Areas)
            .SingleAsync(p => p.Year == year));
}

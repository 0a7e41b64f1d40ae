using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features.PlanEditing;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Workflow;

/// <summary>Copying a year on /piani/nuovo: targets ticked on the form, examples of the new year, texts that still name the old one.</summary>
public sealed partial class PlanCopyTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    [Fact]
    public async Task TicksCopyTargetsAndShowsExamplesOfTheYearBeingCreatedGivenTheNewPlanForm()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        var html = await office.GetStringAsync("/piani/nuovo");

        Assert.Contains("id=\"CopyTargets\" name=\"CopyTargets\" value=\"true\" checked=\"checked\"", html);
        var year = int.Parse(ProposedYear().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var hint = CopyHint().Match(html).Value;
        Assert.Contains($"entro il 31/12/{year - 1} → entro il 31/12/{year}", hint);
        Assert.Contains("Non si copiano mai:</strong> i risultati", hint);
    }

    [Fact]
    public async Task CopiesTheTargetsGivenTheFormPostedAsRendered()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        // The rendered checkbox is ticked, so the browser posts CopyTargets=true.
        await CreateAsync(office, 2024, copyTargets: true);

        Assert.Equal("70%", await TargetAsync(2024, "SOL-01.1"));
        Assert.Equal("Entro il 31/12/2024", await TargetAsync(2024, "SOL-03.2"));
    }

    [Fact]
    public async Task CopiesNoTargetsGivenAPostWithoutTheFieldAsAnUntickedBoxSendsNothing()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        await CreateAsync(office, 2025, copyTargets: false);

        Assert.Equal(string.Empty, await TargetAsync(2025, "SOL-01.1"));
    }

    [Fact]
    public async Task ListsTheKpiWhoseNameSaysDel2019WithItsEditLinkUntilTheNameIsUpdated()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        await CreateAsync(office, 2020, copyTargets: true, copyTexts: true);
        const string edit = "/piani/2020/obiettivi/SOL-01/kpi/SOL-01.1/modifica";

        var page = await office.GetStringAsync("/piani/2020");

        Assert.Contains("Testi che citano ancora il 2019", page);
        Assert.Contains($"<a href=\"{edit}\">KPI SOL-01.1 – Piano Quartieri: avanzamento del 70% dei programmi di lavoro del 2019</a> (nome)", page);
        Assert.DoesNotContain("Testi che citano ancora", await (await factory.CreateClientAsAsync(Roles.Executive)).GetStringAsync("/piani/2020"));
        Assert.Contains("<code>entro il 31/12/2020</code>", await office.GetStringAsync(edit));

        // The copied description of SOL-01 names 2019 too: listed with the link to its own form.
        Assert.Contains("<a href=\"/piani/2020/obiettivi/SOL-01/descrizione\">Descrizione dell&#x27;obiettivo SOL-01", page);

        var saved = await PdoWebFactory.PostFormAsync(office, edit, edit,
            [new("Code", "SOL-01.1"), new("Name", "Piano Quartieri: avanzamento del 70% dei programmi di lavoro del 2020"), new("Target", "70%"), new("Weight", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain(edit + "\"", await office.GetStringAsync("/piani/2020"));
    }

    [Fact]
    public async Task CopiesTheDescriptionsGivenCopyTextsTickedAsRendered()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);
        Assert.Contains("id=\"CopyTexts\" name=\"CopyTexts\" value=\"true\" checked=\"checked\"", await office.GetStringAsync("/piani/nuovo"));

        await CreateAsync(office, 2027, copyTargets: true, copyTexts: true);

        var narrative = await factory.WithDbAsync(db => db.Objectives.Where(o => o.Plan!.Year == 2027 && o.Code == "SOL-01").Select(o => o.Narrative).SingleAsync());
        Assert.Equal(await factory.WithDbAsync(db => db.Objectives.Where(o => o.Plan!.Year == 2019 && o.Code == "SOL-01").Select(o => o.Narrative).SingleAsync()), narrative);
        Assert.NotNull(narrative);
    }

    [Fact]
    public async Task CopiesNoDescriptionGivenAPostWithoutCopyTexts()
    {
        var office = await factory.CreateClientAsAsync(Roles.PlanningOffice);

        await CreateAsync(office, 2028, copyTargets: true);

        Assert.Equal(0, await factory.WithDbAsync(db => db.Objectives.CountAsync(o => o.Plan!.Year == 2028 && o.Narrative != null)));
        Assert.DoesNotContain("/piani/2028/obiettivi/SOL-01/descrizione\">Descrizione", await office.GetStringAsync("/piani/2028"));
    }

    [Theory]
    [InlineData("Piano Quartieri: avanzamento del 2019", true)]
    [InlineData("Avvio entro il 31/12/2019", true)]
    [InlineData("2019", true)]
    [InlineData("Protocollo 20190 del 2020", false)]
    [InlineData("Spesa 12019 euro", false)]
    [InlineData(null, false)]
    public void NamesTheYearOnlyAsAWholeNumber(string? text, bool names) =>
        Assert.Equal(names, OldYearTextFinder.NamesYear(text, 2019));

    /// <summary>Posts the new-plan form copying 2019; without <paramref name="copyTargets"/> the field is absent, as an unticked box sends it.</summary>
    private static async Task CreateAsync(HttpClient office, int year, bool copyTargets, bool copyTexts = false)
    {
        var text = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        List<KeyValuePair<string, string>> fields = [new("Year", text), new("Title", $"Piano degli Obiettivi {text}"), new("CopyFromYear", "2019")];
        if (copyTargets)
        {
            fields.Add(new("CopyTargets", "true"));
        }

        if (copyTexts)
        {
            fields.Add(new("CopyTexts", "true"));
        }

        var created = await PdoWebFactory.PostFormAsync(office, "/piani/nuovo", "/piani/nuovo", fields);
        Assert.Equal($"/piani/{text}", created.Headers.Location?.OriginalString);
    }

    private Task<string> TargetAsync(int year, string kpiCode) =>
        factory.WithDbAsync(db => db.Kpis.Where(k => k.Objective!.Plan!.Year == year && k.Code == kpiCode).Select(k => k.TargetText).SingleAsync());

    [GeneratedRegex("id=\"Year\" name=\"Year\"[^>]*value=\"(\\d+)\"")]
    private static partial Regex ProposedYear();

    [GeneratedRegex("<div id=\"copy-hint\"[\\s\\S]*?</div>")]
    private static partial Regex CopyHint();
}

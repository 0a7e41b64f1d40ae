using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.PlanImport;
using Pdo.Infrastructure.Tests.Support;

namespace Pdo.Infrastructure.Tests;

public sealed class PlanImporterTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ImportsTwelveObjectivesAndThirtyFiveKpisGivenThe2019Plan()
    {
        var result = await ImportAsync(SeedPlan.Stream(SeedPlan.Text()));

        Assert.Equal(PlanImportOutcome.Imported, result.Outcome);
        await using var db = _database.CreateContext();
        var plan = await db.Plans.Include(p => p.Objectives).ThenInclude(o => o.Kpis).ThenInclude(k => k.Results).SingleAsync();
        Assert.Equal(2019, plan.Year);
        Assert.Equal(PlanStatus.Approved, plan.Status);
        Assert.Equal("501", plan.ApprovalAct!.Number);
        Assert.Equal(new DateOnly(2020, 4, 14), plan.ApprovalAct.Date);
        Assert.StartsWith("https://www.comune.milano.it/documents/20126/983653/Delibera+n.+501", plan.ApprovalAct.Link);
        Assert.Equal(12, plan.Objectives.Count);
        Assert.Equal(35, plan.Objectives.Sum(o => o.Kpis.Count));
        Assert.All(plan.Objectives.SelectMany(o => o.Kpis), k => Assert.Single(k.Results));
        Assert.Equal(4, await db.Directorates.CountAsync());
    }

    [Fact]
    public async Task ScoresEveryKpiOneHundredGivenThe2019Plan()
    {
        await ImportAsync(SeedPlan.Stream(SeedPlan.Text()));

        await using var db = _database.CreateContext();
        var plan = await db.Plans.Include(p => p.Objectives).ThenInclude(o => o.Kpis).ThenInclude(k => k.Results).SingleAsync();
        var scores = plan.Objectives.SelectMany(o => o.Kpis)
            .Select(k => (k.Code, AttainmentRules.ScoreKpi(k.ToSpec(), k.Results.Single().Measurement, plan.Methodology).Score))
            .ToList();
        Assert.Equal(35, scores.Count);
        Assert.All(scores, s => Assert.True(s.Score == 100m, $"{s.Code} scored {s.Score}"));
    }

    [Theory]
    [InlineData("SOL-01.1", KpiKind.Numeric, ValueKind.Percent, Direction.HigherIsBetter, Comparator.AtLeast, "70")]
    [InlineData("SOL-04.1", KpiKind.Numeric, ValueKind.Percent, Direction.LowerIsBetter, Comparator.AtMost, "-1.5")]
    [InlineData("SOL-04.5", KpiKind.Numeric, ValueKind.Number, Direction.HigherIsBetter, Comparator.AtLeast, "1000000")]
    [InlineData("GES-01.1", KpiKind.Numeric, ValueKind.Percent, Direction.HigherIsBetter, Comparator.AtLeast, "80")]
    [InlineData("GES-01.2", KpiKind.Numeric, ValueKind.Number, Direction.HigherIsBetter, Comparator.GreaterThan, "30")]
    [InlineData("FUN-01.1", KpiKind.Numeric, ValueKind.Percent, Direction.LowerIsBetter, Comparator.LessThan, "10")]
    [InlineData("FUN-02.1", KpiKind.Numeric, ValueKind.Minutes, Direction.LowerIsBetter, Comparator.AtMost, "3")]
    [InlineData("DIR-CASA-01.3", KpiKind.Numeric, ValueKind.Number, Direction.HigherIsBetter, Comparator.AtLeast, "2000")]
    [InlineData("SOL-02.1", KpiKind.Deadline, ValueKind.Deadline, Direction.HigherIsBetter, Comparator.AtLeast, null)]
    public async Task InfersKindDirectionAndComparatorGivenTheTargetAsWritten(
        string code, KpiKind kind, ValueKind valueKind, Direction direction, Comparator comparator, string? target)
    {
        await ImportAsync(SeedPlan.Stream(SeedPlan.Text()));

        await using var db = _database.CreateContext();
        var kpi = await db.Kpis.SingleAsync(k => k.Code == code);
        Assert.Equal(kind, kpi.Kind);
        Assert.Equal(valueKind, kpi.ValueKind);
        Assert.Equal(direction, kpi.Direction);
        if (kind == KpiKind.Numeric)
        {
            Assert.Equal(comparator, kpi.Comparator);
            Assert.Equal(decimal.Parse(target!, System.Globalization.CultureInfo.InvariantCulture), kpi.TargetValue);
        }
        else
        {
            Assert.Equal(new DateOnly(2019, 12, 31), kpi.Deadline);
        }
    }

    [Fact]
    public async Task KeepsTheActualAsWrittenAndReadsItsValueGivenAnAmbiguousReportValue()
    {
        await ImportAsync(SeedPlan.Stream(SeedPlan.Text()));

        await using var db = _database.CreateContext();
        var result = await db.KpiResults.Include(r => r.Kpi).SingleAsync(r => r.Kpi!.Code == "FUN-02.1");
        Assert.Equal("1,16’", result.ActualText);
        // Values are stored with the model's 6 decimals (HavePrecision(18, 6)): a server rounds, SQLite keeps them all.
        Assert.Equal(Math.Round(76m / 60m, 6), Math.Round(result.Value!.Value, 6));
    }

    [Fact]
    public async Task ChangesNothingGivenTheSamePlanImportedTwice()
    {
        await ImportAsync(SeedPlan.Stream(SeedPlan.Text()));
        var counts = await CountsAsync();

        var second = await ImportAsync(SeedPlan.Stream(SeedPlan.Text()));

        Assert.Equal(PlanImportOutcome.AlreadyPresent, second.Outcome);
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task ReportsLineAndColumnAndWritesNothingGivenInvalidJson()
    {
        var result = await ImportAsync(SeedPlan.Stream("{\n  \"format\": \"pdo-plan\",\n  \"year\": 2019,,\n}"));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Riga 3, colonna", error.Message);
        Assert.Equal((0, 0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task NamesTheUnknownFieldGivenAMisspelledProperty()
    {
        var tree = SeedPlan.Tree();
        tree["objectives"]![0]!["kpis"]![0]!["tragte"] = "70%";

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        Assert.Contains("$.objectives[0].kpis[0].tragte", Assert.Single(result.Errors).Message);
    }

    [Theory]
    [InlineData("target", "dieci", "$.objectives[5].kpis[1].target")]
    [InlineData("target", "1.5", "$.objectives[5].kpis[1].target")]
    [InlineData("direction", "Sideways", "$.objectives[5].kpis[1].direction")]
    [InlineData("weight", -3, "$.objectives[5].kpis[1]")]
    public async Task RejectsTheFileWithThePathOfTheFieldGivenABadKpiValue(string field, object value, string path)
    {
        var tree = SeedPlan.Tree();
        tree["objectives"]![5]!["kpis"]![1]![field] = value is int number ? number : (string)value;

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path == path);
        Assert.Equal((0, 0, 0, 0), await CountsAsync());
    }

    [Theory]
    [InlineData("3 minuti")]
    [InlineData("0")]
    public async Task RefusesNamingTheKpiGivenATargetThatReadsBothWaysAndNoDirection(string target)
    {
        var tree = SeedPlan.Tree();
        var (kpi, path) = Kpi(tree, "FUN-02.1");
        kpi["target"] = target;
        kpi.AsObject().Remove("direction");
        kpi["results"]![0]!["actual"] = "0";
        kpi["results"]![0]!.AsObject().Remove("actualValue");

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains("KPI «FUN-02.1»", error.Message, StringComparison.Ordinal);
        Assert.Contains("Indicare l'andamento", error.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ImportsTheStoredDirectionGivenADurationWithAnExplicitDirection()
    {
        var result = await ImportAsync(SeedPlan.Stream(SeedPlan.Tree()));

        Assert.Equal(PlanImportOutcome.Imported, result.Outcome);
        await using var db = _database.CreateContext();
        Assert.Equal(Direction.LowerIsBetter, await db.Kpis.Where(k => k.Code == "FUN-02.1").Select(k => k.Direction).SingleAsync());
    }

    [Theory]
    [InlineData("baseline", "120", "dalla parte sbagliata del target")]
    public async Task RefusesTheKpiGivenABaselineOnTheWrongSideOfTheTarget(string field, string value, string message)
    {
        var tree = SeedPlan.Tree();
        var (kpi, path) = Kpi(tree, "SOL-01.1");
        kpi[field] = value;

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusesTheKpiGivenBandsThatDecreaseWithProgress()
    {
        var tree = SeedPlan.Tree();
        var (kpi, path) = Kpi(tree, "SOL-01.1");
        kpi["scoring"] = JsonNode.Parse("""{ "method": "Bands", "bands": [ { "minimumProgress": 100, "score": 100 }, { "minimumProgress": 90, "score": 50 }, { "minimumProgress": 75, "score": 80 } ] }""");

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains("non sono crescenti", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportsThePlanIntroductionAndClosingNoteGivenThemInTheFile()
    {
        var tree = SeedPlan.Tree();
        tree["introduction"] = "Il consuntivo dell'anno.\n\n- servizi\n- investimenti";
        tree["closingNote"] = "Approvato dalla Giunta.";

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Imported, result.Outcome);
        await using var db = _database.CreateContext();
        var plan = await db.Plans.SingleAsync();
        Assert.Equal(("Il consuntivo dell'anno.\n\n- servizi\n- investimenti", "Approvato dalla Giunta."), (plan.Introduction, plan.ClosingNote));
    }

    [Fact]
    public async Task RejectsTheFileGivenAnIntroductionWithControlCharacters()
    {
        var tree = SeedPlan.Tree();
        tree["introduction"] = "Testo\u0007con un carattere di controllo";

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path == "$.introduction");
    }

    [Fact]
    public async Task RejectsTheWholeFileGivenAnErrorInTheLastResult()
    {
        var tree = SeedPlan.Tree();
        var objectives = tree["objectives"]!.AsArray();
        var lastKpi = objectives[^1]!["kpis"]![0]!;
        lastKpi["results"]![0]!["actual"] = "forse";

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path == $"$.objectives[{objectives.Count - 1}].kpis[0].results[0].actual");
        Assert.Equal((0, 0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task RequiresAJustificationGivenAResultBelowTarget()
    {
        var tree = SeedPlan.Tree();
        tree["objectives"]![0]!["kpis"]![0]!["results"]![0]!["actual"] = "56%";

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path == "$.objectives[0].kpis[0].results[0]" && e.Message.Contains("motivazione", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RejectsTheFileAndSavesNothingGivenAnApprovalActDatedInTheFuture()
    {
        var tree = SeedPlan.Tree();
        tree["approvalAct"]!["date"] = "2099-04-15";

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path == "$.approvalAct" && e.Message.Contains("(15/04/2099) è nel futuro", StringComparison.Ordinal));
        Assert.Equal((0, 0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ConfirmsEveryFinalResultOnTheActsBehalfGivenTheApproved2019Plan()
    {
        await ImportAsync(SeedPlan.Stream(SeedPlan.Text()));

        await using var db = _database.CreateContext();
        var results = await db.KpiResults.ToListAsync();
        Assert.Equal(35, results.Count);
        Assert.All(results, r => Assert.Equal((ResultStatus.Confirmed, "Delibera n. 501 (importazione)"), (r.Status, r.ReviewedBy)));
        Assert.Equal(0, await db.Kpis.CountAsync(k => k.UnmeasurableReason != null));
    }

    [Fact]
    public async Task RejectsTheApprovedFileListingTheKpiGivenAFinalResultMissingWithoutAReason()
    {
        var tree = SeedPlan.Tree();
        tree["objectives"]![0]!["kpis"]![0]!.AsObject().Remove("results");

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path == "$.approvalAct"
            && e.Message.Contains("1 risultato del consuntivo blocca l'approvazione: SOL-01 / SOL-01.1 (mancante)", StringComparison.Ordinal));
        Assert.Equal((0, 0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ImportsTheApprovedFileWithTheReasonGivenAMissingFinalResultDeclaredNonRilevabile()
    {
        var tree = SeedPlan.Tree();
        var kpi = tree["objectives"]![0]!["kpis"]![0]!.AsObject();
        kpi.Remove("results");
        kpi["unmeasurableReason"] = "Il dato 2019 non è stato rilevato dalla Direzione.";

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Imported, result.Outcome);
        await using var db = _database.CreateContext();
        var stored = await db.Kpis.SingleAsync(k => k.Code == "SOL-01.1");
        Assert.Equal(("Il dato 2019 non è stato rilevato dalla Direzione.", "test"), (stored.UnmeasurableReason, stored.UnmeasurableDeclaredBy));
        Assert.Equal(PlanStatus.Approved, (await db.Plans.SingleAsync()).Status);
    }

    [Fact]
    public async Task RejectsANonRilevabileKpiGivenAPlanInDraft()
    {
        var tree = SeedPlan.Tree();
        tree["status"] = "Draft";
        tree.Remove("approvalAct");
        foreach (var k in tree["objectives"]!.AsArray().SelectMany(o => o!["kpis"]!.AsArray()))
        {
            k!.AsObject().Remove("results");
        }

        tree["objectives"]![0]!["kpis"]![0]!["unmeasurableReason"] = "Il dato 2019 non è stato rilevato dalla Direzione.";

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path == "$.objectives[0].kpis[0].unmeasurableReason");
    }

    [Fact]
    public async Task RequiresTheFourEyesReviewGivenAPlanThatDoesNotSayOtherwise()
    {
        await ImportAsync(SeedPlan.Stream(SeedPlan.Text()));

        await using var db = _database.CreateContext();
        Assert.True(await db.Plans.Select(p => p.RequireFourEyesReview).SingleAsync());
    }

    [Fact]
    public async Task LetsTheAuthorConfirmGivenRequireFourEyesReviewFalse()
    {
        var tree = SeedPlan.Tree();
        tree["requireFourEyesReview"] = false;

        var result = await ImportAsync(SeedPlan.Stream(tree));

        Assert.Equal(PlanImportOutcome.Imported, result.Outcome);
        await using var db = _database.CreateContext();
        Assert.False(await db.Plans.Select(p => p.RequireFourEyesReview).SingleAsync());
    }

    [Fact]
    public async Task ReusesExistingDirezioniGivenASecondYear()
    {
        await ImportAsync(SeedPlan.Stream(SeedPlan.Text()));

        var result = await ImportAsync(SeedPlan.Stream(Draft2020()));

        Assert.Equal(PlanImportOutcome.Imported, result.Outcome);
        await using var db = _database.CreateContext();
        Assert.Equal(4, await db.Directorates.CountAsync());
        Assert.Equal(2, await db.Plans.CountAsync());
    }

    [Fact]
    public async Task CreatesDirezioniOpenSinceTheEarliestPlanYearGivenThe2019Plan()
    {
        // A plan file does not say when a Direzione was founded: it is open since the earliest year a plan can have,
        // so that earlier years' plans naming it can be imported later.
        await ImportAsync(SeedPlan.Stream(SeedPlan.Text()));

        await using var db = _database.CreateContext();
        var casa = await db.Directorates.SingleAsync(d => d.Code == "CASA");
        Assert.Equal((new DateOnly(PerformancePlan.MinYear, 1, 1), (DateOnly?)null), (casa.ActiveFrom, casa.ActiveTo));
    }

    [Fact]
    public async Task RefusesTheFileNamingTheDirezioneGivenAnExistingDirezioneClosedBeforeThePlanYear()
    {
        await ImportAsync(SeedPlan.Stream(SeedPlan.Text()));
        await using (var db = _database.CreateContext())
        {
            var casa = await db.Directorates.SingleAsync(d => d.Code == "CASA");
            casa.SetActivity(casa.ActiveFrom, new DateOnly(2019, 12, 31));
            await db.SaveChangesAsync();
        }

        var result = await ImportAsync(SeedPlan.Stream(Draft2020()));

        Assert.Equal(PlanImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Message == "La Direzione «Direzione Casa» (CASA) non è attiva nel 2020: scegliere una Direzione attiva nell'anno del piano.");
        await using var check = _database.CreateContext();
        Assert.Equal(1, await check.Plans.CountAsync());
    }

    /// <summary>The 2019 plan moved to 2020, in Bozza, without results.</summary>
    private static System.Text.Json.Nodes.JsonObject Draft2020()
    {
        var tree = SeedPlan.Tree();
        tree["year"] = 2020;
        tree["title"] = "Piano degli Obiettivi 2020";
        tree["status"] = "Draft";
        tree.Remove("approvalAct");
        foreach (var period in tree["periods"]!.AsArray())
        {
            period!["endDate"] = period["endDate"]!.GetValue<string>().Replace("2019", "2020", StringComparison.Ordinal);
        }

        foreach (var kpi in tree["objectives"]!.AsArray().SelectMany(o => o!["kpis"]!.AsArray()))
        {
            kpi!.AsObject().Remove("results");
        }

        return tree;
    }

    [Fact]
    public async Task SeedsTheEmptyDatabaseOnceGivenTheInitializerRunsTwice()
    {
        await using (var db = _database.CreateContext())
        {
            await _database.CreateInitializer(db).InitializeAsync();
        }

        await using (var db = _database.CreateContext())
        {
            await _database.CreateInitializer(db).InitializeAsync();
        }

        Assert.Equal((1, 12, 35, 35), await CountsAsync());
    }

    [Fact]
    public async Task RefusesADuplicateObjectiveCodeGivenAPlanLoadedFromTheDatabase()
    {
        await ImportAsync(SeedPlan.Stream(SeedPlan.DraftTree(2025)));
        await using var db = _database.CreateContext();
        var plan = await db.Plans.Include(p => p.Categories).Include(p => p.Areas).Include(p => p.Objectives).SingleAsync(p => p.Year == 2025);

        var error = Assert.Throws<Pdo.Domain.DomainRuleException>(() => plan.AddObjective("sol-01", "Doppione", plan.Categories[0], null, null));
        plan.AddObjective("SOL-99", "Nuovo obiettivo", plan.Categories[0], null, null).AddKpi(new KpiDefinition(
            "SOL-99.1", "Nuovo KPI", null, KpiKind.Boolean, ValueKind.YesNo, null, Direction.HigherIsBetter, Comparator.AtLeast, "SI", null, null, null, 1m, ScoringMethod.Threshold));
        await db.SaveChangesAsync();

        Assert.Equal("Esiste già un obiettivo con il codice «sol-01» in questo piano.", error.Message);
        Assert.Equal(13, await db.Objectives.CountAsync(o => o.Plan!.Year == 2025));
    }

    /// <summary>The KPI of the plan file with this code and its JSON path, e.g. "$.objectives[7].kpis[0]".</summary>
    private static (JsonNode Kpi, string Path) Kpi(JsonObject tree, string code)
    {
        var objectives = tree["objectives"]!.AsArray();
        for (var o = 0; o < objectives.Count; o++)
        {
            var kpis = objectives[o]!["kpis"]!.AsArray();
            for (var k = 0; k < kpis.Count; k++)
            {
                if ((string?)kpis[k]!["code"] == code)
                {
                    return (kpis[k]!, $"$.objectives[{o}].kpis[{k}]");
                }
            }
        }

        throw new InvalidOperationException($"No KPI {code} in the seed plan.");
    }

    private async Task<PlanImportResult> ImportAsync(Stream json)
    {
        await using var db = _database.CreateContext();
        return await _database.CreateImporter(db).ImportAsync(json, "test");
    }

    private async Task<(int Plans, int Objectives, int Kpis, int Results)> CountsAsync()
    {
        await using var db = _database.CreateContext();
        return (await db.Plans.CountAsync(), await db.Objectives.CountAsync(), await db.Kpis.CountAsync(), await db.KpiResults.CountAsync());
    }
}

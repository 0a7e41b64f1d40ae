using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;

namespace Pdo.Domain.Tests.Builders;

/// <summary>
/// Builds a small plan in the state a test needs: <c>PlanBuilder.Draft().Build()</c>,
/// <c>PlanBuilder.InMonitoring().Build()</c> (interim period open), <c>PlanBuilder.Approved().Build()</c>.
/// Every plan has the default periods (INT 30/06, FIN 31/12), two sections, one strategic area and one Direzione:
/// <list type="bullet">
/// <item>SOL-01 "Piano Quartieri" (Obiettivi Solidali, Milano più solidale, Direzione Casa, weight 2) with
/// SOL-01.1 "≥ 70 %" and SOL-01.2 SI/NO;</item>
/// <item>GES-01 "CRM unico" (Obiettivi Gestionali, no area, no Direzione) with GES-01.1 "entro il 31/12".</item>
/// </list>
/// Find the parts with the <see cref="PlanLookups"/> extensions: <c>plan.Kpi("SOL-01.1")</c>, <c>plan.Period("INT")</c>.
/// </summary>
public sealed class PlanBuilder
{
    public const string PlanningOffice = "pianificazione@comune.milano.it";
    public const string Director = "direttore.casa@comune.milano.it";

    /// <summary>When results are entered and reviewed in these tests.</summary>
    public static readonly DateTimeOffset At = new(2020, 7, 10, 9, 30, 0, TimeSpan.Zero);

    private int _year = 2020;
    private PlanStatus _status = PlanStatus.Draft;
    private bool _interimOpen = true;
    private bool _interimResults;
    private LowerIsBetterFormula _formula = LowerIsBetterFormula.Ratio;
    private decimal _partiallyFrom = StatusBands.Default.PartiallyFrom;
    private bool _fourEyes = true;
    private ResultStatus? _finalResults;

    public static PlanBuilder Draft() => new();

    /// <summary>In monitoraggio, with the interim period (INT) open for results.</summary>
    public static PlanBuilder InMonitoring() => new() { _status = PlanStatus.Monitoring };

    /// <summary>Approvato with Delibera n. 501 of April the next year; every period closed.</summary>
    public static PlanBuilder Approved() => new() { _status = PlanStatus.Approved };

    public PlanBuilder ForYear(int year)
    {
        _year = year;
        return this;
    }

    /// <summary>In monitoraggio, but with every period still closed.</summary>
    public PlanBuilder WithNoOpenPeriod()
    {
        _interimOpen = false;
        return this;
    }

    /// <summary>Results in the interim period before the plan leaves monitoring: SOL-01.1 91,1 %, SOL-01.2 SI.</summary>
    public PlanBuilder WithInterimResults()
    {
        _interimResults = true;
        return this;
    }

    /// <summary>A plan whose results the author may confirm (the four-eyes review switched off).</summary>
    public PlanBuilder WithoutFourEyesReview()
    {
        _fourEyes = false;
        return this;
    }

    /// <summary>In monitoraggio with the final period (FIN) open and a result for every KPI in <paramref name="status"/>.</summary>
    public PlanBuilder WithFinalResults(ResultStatus status)
    {
        _finalResults = status;
        return this;
    }

    public PlanBuilder WithMethodology(LowerIsBetterFormula formula, decimal partiallyAchievedFrom)
    {
        _formula = formula;
        _partiallyFrom = partiallyAchievedFrom;
        return this;
    }

    /// <summary>The act approving the consuntivo of a plan of <paramref name="year"/>.</summary>
    /// <summary>The day the tests approve plans on: after every act they use (approval refuses an act in the future).</summary>
    public static DateOnly Today { get; } = new(2021, 6, 1);

    public static ApprovalAct ActFor(int year) => new(
        "501",
        new DateOnly(year + 1, 4, 14),
        $"https://www.comune.milano.it/documents/delibera-501-{year}.pdf",
        $"Approvazione Consuntivo PDO {year}");

    public PerformancePlan Build()
    {
        var plan = PerformancePlan.CreateWithDefaultPeriods(_year, $"Piano degli Obiettivi {_year}");
        plan.SetMethodology(_formula, _partiallyFrom);
        plan.SetFourEyesReview(_fourEyes);
        var solidali = plan.AddCategory("SOL", "Obiettivi Solidali");
        var gestionali = plan.AddCategory("GES", "Obiettivi Gestionali");
        var solidale = plan.AddArea("SOLIDALE", "Milano più solidale");
        var casa = new DirectorateBuilder().Build();

        var quartieri = plan.AddObjective("SOL-01", "Piano Quartieri", solidali, solidale, casa, weight: 2m);
        quartieri.Describe("Il Piano Quartieri raccoglie gli investimenti pubblici e privati.", "Fonte: Direzione Casa");
        quartieri.AddKpi(KpiDefinitionBuilder.PercentAtLeast("SOL-01.1", 70m));
        quartieri.AddKpi(KpiDefinitionBuilder.YesNo("SOL-01.2"));

        var crm = plan.AddObjective("GES-01", "CRM unico", gestionali, area: null, directorate: null);
        crm.Describe("Un solo CRM per tutti i canali del Comune.", dataSourceNote: null);
        crm.AddKpi(KpiDefinitionBuilder.DueBy("GES-01.1", new DateOnly(_year, 12, 31)));

        if (_status == PlanStatus.Draft)
        {
            return plan;
        }

        plan.StartMonitoring();
        var interim = plan.Period("INT");
        if (_interimOpen || _interimResults)
        {
            interim.Open();
        }

        if (_interimResults)
        {
            plan.Kpi("SOL-01.1").RecordResult(interim, "91,1%", Measurement.Number(91.1m), null, PlanningOffice, At);
            plan.Kpi("SOL-01.2").RecordResult(interim, "SI", Measurement.YesNo(true), null, PlanningOffice, At);
            if (!_interimOpen)
            {
                interim.Close();
            }
        }

        if (_status == PlanStatus.Approved || _finalResults is not null)
        {
            RecordFinalResults(plan, _finalResults ?? ResultStatus.Confirmed);
        }

        if (_status == PlanStatus.Approved)
        {
            plan.Approve(ActFor(_year), ActFor(_year).Date);
        }

        return plan;
    }

    /// <summary>
    /// Final results (FIN opened) for every KPI: SOL-01.1 91,1 %, SOL-01.2 SI, GES-01.1 SI, entered by the planning
    /// office and, for <see cref="ResultStatus.Confirmed"/>, confirmed by the Direttore (an approval needs them).
    /// </summary>
    private static void RecordFinalResults(PerformancePlan plan, ResultStatus status)
    {
        var final = plan.Period("FIN");
        final.Open();
        var results = new[]
        {
            plan.Kpi("SOL-01.1").RecordResult(final, "91,1%", Measurement.Number(91.1m), null, PlanningOffice, At),
            plan.Kpi("SOL-01.2").RecordResult(final, "SI", Measurement.YesNo(true), null, PlanningOffice, At),
            plan.Kpi("GES-01.1").RecordResult(final, "SI", Measurement.YesNo(true), null, PlanningOffice, At),
        };
        foreach (var result in results)
        {
            if (status == ResultStatus.Confirmed)
            {
                result.Confirm(Director, At);
            }
            else if (status == ResultStatus.Returned)
            {
                result.Return("Il valore va verificato con la Direzione.", Director, At);
            }
        }
    }
}

/// <summary>Finds the parts of a plan by code, failing loudly when a test names one that is not there.</summary>
public static class PlanLookups
{
    public static Objective Objective(this PerformancePlan plan, string code) =>
        plan.Objectives.Single(o => o.Code == code);

    public static Kpi Kpi(this PerformancePlan plan, string code) =>
        plan.Objectives.SelectMany(o => o.Kpis).Single(k => k.Code == code);

    public static MonitoringPeriod Period(this PerformancePlan plan, string code) =>
        plan.Periods.Single(p => p.Code == code);

    public static ObjectiveCategory Category(this PerformancePlan plan, string code) =>
        plan.Categories.Single(c => c.Code == code);

    public static StrategicArea Area(this PerformancePlan plan, string code) =>
        plan.Areas.Single(a => a.Code == code);
}

using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Plans;

/// <summary>KpiResult review: Inserito → Confermato, or Restituito with a comment and back to Inserito once corrected.</summary>
public class ResultReviewTests
{
    private static readonly DateTimeOffset ReviewedAt = PlanBuilder.At.AddDays(3);
    private const string Comment = "Il valore non coincide con il report della Direzione: verificare.";
    private const string Justification = "Ritardi negli appalti dovuti al blocco dei cantieri.";

    private readonly PerformancePlan _plan = PlanBuilder.InMonitoring().Build();

    [Fact]
    public void EntersTheResultGivenAnActualInAnOpenPeriod()
    {
        var result = Record("91,1%", 91.1m);

        Assert.Equal(ResultStatus.Entered, result.Status);
        Assert.Equal("91,1%", result.ActualText);
        Assert.Equal(91.1m, result.Value);
        Assert.Null(result.Justification);
        Assert.Equal(PlanBuilder.PlanningOffice, result.RecordedBy);
        Assert.Equal(PlanBuilder.At, result.RecordedAt);
        Assert.Null(result.ReviewedBy);
        Assert.NotEqual(Guid.Empty, result.Version);
        Assert.Same(result, Assert.Single(_plan.Kpi("SOL-01.1").Results));
    }

    [Fact]
    public void ConfirmsGivenAnEnteredResult()
    {
        var result = Record("91,1%", 91.1m);
        var version = result.Version;

        result.Confirm(PlanBuilder.Director, ReviewedAt);

        Assert.Equal(ResultStatus.Confirmed, result.Status);
        Assert.Equal(PlanBuilder.Director, result.ReviewedBy);
        Assert.Equal(ReviewedAt, result.ReviewedAt);
        Assert.NotEqual(version, result.Version);
    }

    [Fact]
    public void ReturnsWithTheCommentGivenAnEnteredResult()
    {
        var result = Record("91,1%", 91.1m);
        var version = result.Version;

        result.Return($"  {Comment}  ", PlanBuilder.Director, ReviewedAt);

        Assert.Equal(ResultStatus.Returned, result.Status);
        Assert.Equal(Comment, result.ReviewComment);
        Assert.Equal(PlanBuilder.Director, result.ReviewedBy);
        Assert.Equal(ReviewedAt, result.ReviewedAt);
        Assert.NotEqual(version, result.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RefusesReturnGivenNoComment(string comment)
    {
        var result = Record("91,1%", 91.1m);

        var error = Assert.Throws<DomainRuleException>(() => result.Return(comment, PlanBuilder.Director, ReviewedAt));

        Assert.Equal("Il commento per la restituzione è obbligatorio.", error.Message);
        Assert.Equal(ResultStatus.Entered, result.Status);
        Assert.Null(result.ReviewComment);
        Assert.Null(result.ReviewedBy);
    }

    [Fact]
    public void RefusesConfirmationGivenAReturnedResult()
    {
        var result = Record("91,1%", 91.1m);
        result.Return(Comment, PlanBuilder.Director, ReviewedAt);

        var error = Assert.Throws<DomainRuleException>(() => result.Confirm(PlanBuilder.Director, ReviewedAt));

        Assert.Equal("Il risultato è stato restituito: si può confermare dopo la correzione.", error.Message);
        Assert.Equal(ResultStatus.Returned, result.Status);
    }

    [Fact]
    public void RefusesReturnGivenAReturnedResult()
    {
        var result = Record("91,1%", 91.1m);
        result.Return(Comment, PlanBuilder.Director, ReviewedAt);

        var error = Assert.Throws<DomainRuleException>(() => result.Return("Ancora da verificare.", PlanBuilder.Director, ReviewedAt));

        Assert.Equal("Il risultato è già stato restituito.", error.Message);
        Assert.Equal(Comment, result.ReviewComment);
    }

    [Fact]
    public void GoesBackToEnteredGivenAReturnedResultCorrected()
    {
        var returned = Record("91,1%", 91.1m);
        returned.Return(Comment, PlanBuilder.Director, ReviewedAt);

        var corrected = Record("89,5%", 89.5m);

        Assert.Same(returned, corrected);
        Assert.Equal(ResultStatus.Entered, corrected.Status);
        Assert.Equal("89,5%", corrected.ActualText);
        Assert.Equal(89.5m, corrected.Value);
        Assert.Single(_plan.Kpi("SOL-01.1").Results);
    }

    [Fact]
    public void ConfirmsGivenAReturnedResultCorrected()
    {
        var result = Record("91,1%", 91.1m);
        result.Return(Comment, PlanBuilder.Director, ReviewedAt);
        Record("89,5%", 89.5m);

        result.Confirm(PlanBuilder.Director, ReviewedAt.AddDays(1));

        Assert.Equal(ResultStatus.Confirmed, result.Status);
        Assert.Equal(ReviewedAt.AddDays(1), result.ReviewedAt);
    }

    [Fact]
    public void RefusesConfirmationGivenAConfirmedResult()
    {
        var result = Record("91,1%", 91.1m);
        result.Confirm(PlanBuilder.Director, ReviewedAt);

        var error = Assert.Throws<DomainRuleException>(() => result.Confirm("altro.direttore@comune.milano.it", ReviewedAt.AddDays(1)));

        Assert.Equal("Il risultato è già confermato.", error.Message);
        Assert.Equal(PlanBuilder.Director, result.ReviewedBy);
        Assert.Equal(ReviewedAt, result.ReviewedAt);
    }

    [Fact]
    public void RefusesReturnGivenAConfirmedResult()
    {
        var result = Record("91,1%", 91.1m);
        result.Confirm(PlanBuilder.Director, ReviewedAt);

        var error = Assert.Throws<DomainRuleException>(() => result.Return(Comment, PlanBuilder.Director, ReviewedAt));

        Assert.Equal("Il risultato è già confermato e non può essere restituito.", error.Message);
        Assert.Equal(ResultStatus.Confirmed, result.Status);
        Assert.Null(result.ReviewComment);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void RequiresAJustificationGivenAResultBelowHundred(string? justification)
    {
        var kpi = _plan.Kpi("SOL-01.1");

        var error = Assert.Throws<DomainRuleException>(() =>
            kpi.RecordResult(_plan.Period("INT"), "56%", Measurement.Number(56m), justification, PlanBuilder.PlanningOffice, PlanBuilder.At));

        Assert.Equal(
            $"Il KPI «{kpi.Name}» ha un grado di raggiungimento inferiore al 100 %: la motivazione dello scostamento è obbligatoria.",
            error.Message);
        Assert.Empty(kpi.Results);
    }

    [Fact]
    public void RequiresAJustificationGivenASiNoKpiNotDone()
    {
        var kpi = _plan.Kpi("SOL-01.2");

        Assert.Throws<DomainRuleException>(() =>
            kpi.RecordResult(_plan.Period("INT"), "NO", Measurement.YesNo(false), null, PlanBuilder.PlanningOffice, PlanBuilder.At));

        Assert.Empty(kpi.Results);
    }

    [Fact]
    public void KeepsTheJustificationGivenAResultBelowHundred()
    {
        var result = Record("56%", 56m, $"  {Justification} ");

        Assert.Equal(ResultStatus.Entered, result.Status);
        Assert.Equal(Justification, result.Justification);
        Assert.Equal(80m, _plan.Kpi("SOL-01.1").Score(result.Measurement).Score);
    }

    [Fact]
    public void ConfirmsGivenAResultBelowHundredWithItsJustification()
    {
        var result = Record("56%", 56m, Justification);

        result.Confirm(PlanBuilder.Director, ReviewedAt);

        Assert.Equal(ResultStatus.Confirmed, result.Status);
        Assert.Equal(Justification, result.Justification);
    }

    [Fact]
    public void KeepsThePreviousValueGivenACorrectionBelowHundredWithoutJustification()
    {
        var result = Record("91,1%", 91.1m);
        result.Return(Comment, PlanBuilder.Director, ReviewedAt);

        Assert.Throws<DomainRuleException>(() => Record("56%", 56m));

        Assert.Equal(ResultStatus.Returned, result.Status);
        Assert.Equal("91,1%", result.ActualText);
        Assert.Equal(91.1m, result.Value);
    }

    [Fact]
    public void DropsTheJustificationGivenACorrectionThatReachesTheTarget()
    {
        var result = Record("56%", 56m, Justification);

        Record("72%", 72m);

        Assert.Null(result.Justification);
        result.Confirm(PlanBuilder.Director, ReviewedAt);
        Assert.Equal(ResultStatus.Confirmed, result.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AddsNoResultGivenABlankActual(string actual)
    {
        var kpi = _plan.Kpi("SOL-01.1");

        var error = Assert.Throws<DomainRuleException>(() => Record(actual, 91.1m));

        Assert.Equal("Il valore raggiunto è obbligatorio.", error.Message);
        Assert.Empty(kpi.Results);
    }

    [Fact]
    public void AddsNoResultGivenNoAuthor()
    {
        var kpi = _plan.Kpi("SOL-01.1");

        Assert.Throws<DomainRuleException>(() =>
            kpi.RecordResult(_plan.Period("INT"), "91,1%", Measurement.Number(91.1m), null, " ", PlanBuilder.At));

        Assert.Empty(kpi.Results);
    }

    [Fact]
    public void KeepsTheWholePreviousResultGivenACorrectionWithATooLongJustification()
    {
        var result = Record("56%", 56m, Justification);

        var error = Assert.Throws<DomainRuleException>(() => Record("60%", 60m, new string('x', 4_001)));

        Assert.Equal("La motivazione dello scostamento supera la lunghezza massima di 4000 caratteri.", error.Message);
        Assert.Equal(("56%", 56m, Justification), (result.ActualText, result.Value, result.Justification));
    }

    [Fact]
    public void RefusesAResultGivenAPeriodOfAnotherPlan()
    {
        var other = PlanBuilder.InMonitoring().ForYear(2021).Build();
        var kpi = _plan.Kpi("SOL-01.1");

        var error = Assert.Throws<DomainRuleException>(() =>
            kpi.RecordResult(other.Period("INT"), "91,1%", Measurement.Number(91.1m), null, PlanBuilder.PlanningOffice, PlanBuilder.At));

        Assert.Equal("Il periodo di monitoraggio non appartiene al piano di questo KPI.", error.Message);
        Assert.Empty(kpi.Results);
        Assert.Empty(other.Kpi("SOL-01.1").Results);
    }

    [Fact]
    public void RefusesReviewGivenAnApprovedPlan()
    {
        var result = Record("91,1%", 91.1m);

        // The interim result stays Inserito; the final period has no result, so every KPI is declared non rilevabile.
        foreach (var kpi in _plan.Objectives.SelectMany(o => o.Kpis))
        {
            kpi.DeclareUnmeasurable("Dato finale non disponibile per la chiusura del consuntivo.", PlanBuilder.PlanningOffice, ReviewedAt);
        }

        _plan.Approve(PlanBuilder.ActFor(2020), PlanBuilder.Today);

        var confirm = Assert.Throws<DomainRuleException>(() => result.Confirm(PlanBuilder.Director, ReviewedAt));
        var giveBack = Assert.Throws<DomainRuleException>(() => result.Return(Comment, PlanBuilder.Director, ReviewedAt));

        Assert.Equal("Il piano è approvato: i risultati non sono modificabili.", confirm.Message);
        Assert.Equal(confirm.Message, giveBack.Message);
        Assert.Equal(ResultStatus.Entered, result.Status);
    }

    [Fact]
    public void RefusesTheConfirmationGivenTheUserWhoEnteredTheResult()
    {
        var result = Record("91,1%", 91.1m);
        var version = result.Version;

        var error = Assert.Throws<DomainRuleException>(() => result.Confirm(PlanBuilder.PlanningOffice.ToUpperInvariant(), ReviewedAt));

        Assert.Equal("Chi ha inserito il risultato non può confermarlo: serve un secondo utente.", error.Message);
        Assert.Equal(ResultStatus.Entered, result.Status);
        Assert.Null(result.ReviewedBy);
        Assert.Equal(version, result.Version);
    }

    [Fact]
    public void ConfirmsGivenTheUserWhoEnteredTheResultAndAPlanWithoutTheFourEyesReview()
    {
        var plan = PlanBuilder.InMonitoring().WithoutFourEyesReview().Build();
        var result = plan.Kpi("SOL-01.1").RecordResult(
            plan.Period("INT"), "91,1%", Measurement.Number(91.1m), null, PlanBuilder.PlanningOffice, PlanBuilder.At);

        result.Confirm(PlanBuilder.PlanningOffice, ReviewedAt);

        Assert.False(plan.RequireFourEyesReview);
        Assert.Equal(ResultStatus.Confirmed, result.Status);
        Assert.Equal(PlanBuilder.PlanningOffice, result.ReviewedBy);
    }

    [Fact]
    public void ConfirmsGivenAnotherPlanningOfficeUserOnAnObjectiveWithoutADirezione()
    {
        var result = _plan.Kpi("GES-01.1").RecordResult(
            _plan.Period("INT"), "01/06/2020", Measurement.CompletedOn(new DateOnly(2020, 6, 1)), null, PlanBuilder.PlanningOffice, PlanBuilder.At);
        Assert.True(result.IsSelfReviewBy(PlanBuilder.PlanningOffice));
        Assert.False(result.IsSelfReviewBy("collega.pianificazione@comune.milano.it"));

        result.Confirm("collega.pianificazione@comune.milano.it", ReviewedAt);

        Assert.Equal(ResultStatus.Confirmed, result.Status);
    }

    [Fact]
    public void ReturnsGivenTheUserWhoEnteredTheResult()
    {
        var result = Record("91,1%", 91.1m);

        result.Return(Comment, PlanBuilder.PlanningOffice, ReviewedAt);

        Assert.Equal(ResultStatus.Returned, result.Status);
    }

    [Fact]
    public void RequiresTheFourEyesReviewGivenANewPlan()
    {
        Assert.True(new PerformancePlan(2021, "Piano degli Obiettivi 2021").RequireFourEyesReview);
    }

    [Fact]
    public void RefusesToChangeTheFourEyesReviewGivenAPlanInMonitoring()
    {
        var error = Assert.Throws<DomainRuleException>(() => _plan.SetFourEyesReview(false));

        Assert.True(_plan.RequireFourEyesReview);
        Assert.NotEmpty(error.Message);
    }

    private KpiResult Record(string actual, decimal value, string? justification = null) =>
        _plan.Kpi("SOL-01.1").RecordResult(
            _plan.Period("INT"), actual, Measurement.Number(value), justification, PlanBuilder.PlanningOffice, PlanBuilder.At);
}

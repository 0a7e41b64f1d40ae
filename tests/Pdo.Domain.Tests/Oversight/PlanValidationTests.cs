using Pdo.Domain.Oversight;
using Pdo.Domain.Plans;
using Pdo.Domain.Tests.Builders;

namespace Pdo.Domain.Tests.Oversight;

/// <summary>The OIV's validation of the Relazione: on an approved plan, reasoned, never edited, superseded by a new one or a reopen.</summary>
public class PlanValidationTests
{
    private static readonly DateOnly ValidatedOn = PlanBuilder.Today;

    private static PlanValidation Validate(PerformancePlan plan, ValidationOutcome outcome = ValidationOutcome.Validated, string? reasoning = "Relazione conforme e attendibile.", string? reservations = null, DateOnly? date = null) =>
        plan.Validate(date ?? ValidatedOn, outcome, reasoning, reservations, "user-oiv", "Olga Ivaldi", PlanBuilder.At, PlanBuilder.Today);

    [Fact]
    public void RecordsTheCurrentValidationGivenAnApprovedPlan()
    {
        var plan = PlanBuilder.Approved().Build();

        var validation = Validate(plan);

        Assert.Same(validation, plan.CurrentValidation);
        Assert.Equal(("user-oiv", "Olga Ivaldi"), (validation.SignedByUserId, validation.SignedByName));
    }

    [Fact]
    public void RefusesTheValidationGivenAPlanInMonitoring()
    {
        var plan = PlanBuilder.InMonitoring().Build();

        var error = Assert.Throws<DomainRuleException>(() => Validate(plan));

        Assert.Equal("La Relazione si valida solo su un piano approvato.", error.Message);
        Assert.Empty(plan.Validations);
    }

    [Fact]
    public void RefusesTheValidationGivenNoReasoning()
    {
        var plan = PlanBuilder.Approved().Build();

        var error = Assert.Throws<DomainRuleException>(() => Validate(plan, reasoning: "  "));

        Assert.Equal("La motivazione della validazione è obbligatoria.", error.Message);
    }

    [Fact]
    public void RefusesConRiservaGivenNoReservations()
    {
        var plan = PlanBuilder.Approved().Build();

        var error = Assert.Throws<DomainRuleException>(() => Validate(plan, ValidationOutcome.ValidatedWithReservations));

        Assert.Equal("Per «validata con riserva» le riserve sono obbligatorie.", error.Message);
    }

    [Fact]
    public void RecordsConRiservaGivenReservations()
    {
        var plan = PlanBuilder.Approved().Build();

        var validation = Validate(plan, ValidationOutcome.ValidatedWithReservations, reservations: "KPI SOL-01.2 senza fonte.");

        Assert.Equal("KPI SOL-01.2 senza fonte.", validation.Reservations);
    }

    [Fact]
    public void RefusesTheValidationGivenADateBeforeTheApprovalOrInTheFuture()
    {
        var plan = PlanBuilder.Approved().Build();

        Assert.Throws<DomainRuleException>(() => Validate(plan, date: plan.ApprovalAct!.Date.AddDays(-1)));
        Assert.Throws<DomainRuleException>(() => Validate(plan, date: PlanBuilder.Today.AddDays(1)));
        Assert.Empty(plan.Validations);
    }

    [Fact]
    public void KeepsThePreviousValidationSupersededGivenANewOne()
    {
        var plan = PlanBuilder.Approved().Build();
        var first = Validate(plan, ValidationOutcome.NotValidated);

        var second = Validate(plan);

        Assert.Equal(2, plan.Validations.Count);
        Assert.False(first.IsCurrent);
        Assert.StartsWith("Sostituita dalla validazione del", first.SupersededReason);
        Assert.Same(second, plan.CurrentValidation);
    }

    [Fact]
    public void SupersedesTheValidationGivenThePlanReopened()
    {
        var plan = PlanBuilder.Approved().Build();
        var validation = Validate(plan);

        plan.Reopen("Errore nel valore di un KPI.");

        Assert.Null(plan.CurrentValidation);
        Assert.Equal("Piano riaperto: Errore nel valore di un KPI.", validation.SupersededReason);
    }
}

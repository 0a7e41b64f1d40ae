namespace Pdo.Domain.Plans;

/// <summary>A monitoring period of a plan: e.g. the interim one at 30/06 and the final one (consuntivo) at 31/12.</summary>
public sealed class MonitoringPeriod
{
    private MonitoringPeriod()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    internal MonitoringPeriod(PerformancePlan plan, string code, string name, DateOnly endDate, bool isFinal, int sortOrder)
    {
        if (endDate.Year != plan.Year)
        {
            throw new DomainRuleException($"La data di fine del periodo di monitoraggio deve cadere nel {plan.Year}.");
        }

        Plan = plan;
        Code = Guard.Code(code, "del periodo di monitoraggio");
        Name = Guard.Text(name, "Il nome del periodo di monitoraggio", 100);
        EndDate = endDate;
        IsFinal = isFinal;
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public PerformancePlan? Plan { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public DateOnly EndDate { get; private set; }

    public bool IsFinal { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>Results can be entered only in an open period of a plan in monitoring.</summary>
    public bool IsOpen { get; private set; }

    public void Open()
    {
        var plan = Plan ?? throw new InvalidOperationException("The period was loaded without its plan.");
        if (plan.Status != PlanStatus.Monitoring)
        {
            throw new DomainRuleException("Si possono aprire i periodi solo di un piano in monitoraggio.");
        }

        if (IsOpen)
        {
            throw new DomainRuleException($"Il periodo «{Name}» è già aperto.");
        }

        IsOpen = true;
        plan.Touch();
    }

    public void Close()
    {
        if (!IsOpen)
        {
            throw new DomainRuleException($"Il periodo «{Name}» è già chiuso.");
        }

        IsOpen = false;
        Plan?.Touch();
    }

    internal void ForceClose() => IsOpen = false;
}

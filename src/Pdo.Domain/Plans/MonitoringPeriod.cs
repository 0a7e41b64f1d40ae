using Pdo.Domain.Values;

namespace Pdo.Domain.Plans;

/// <summary>A monitoring period of a plan: e.g. the interim one at 30/06 and the final one (consuntivo) at 31/12.</summary>
public sealed class MonitoringPeriod : IOrderedPart
{
    private MonitoringPeriod()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    internal MonitoringPeriod(PerformancePlan plan, string code, string name, DateOnly endDate, bool isFinal, int sortOrder)
    {
        EnsureWithinYear(plan.Year, endDate);
        Plan = plan;
        Code = Guard.Code(code, "del periodo di monitoraggio");
        Change(name, endDate, isFinal);
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

    void IOrderedPart.Place(int sortOrder) => SortOrder = sortOrder;

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Name))]
    internal void Change(string name, DateOnly endDate, bool isFinal)
    {
        Name = Guard.Text(name, "Il nome del periodo di monitoraggio", 100);
        EndDate = endDate;
        IsFinal = isFinal;
    }

    /// <summary>A period of the plan for <paramref name="year"/> ends within that year, neither after its end nor before its start.</summary>
    internal static void EnsureWithinYear(int year, DateOnly endDate)
    {
        if (endDate.Year > year)
        {
            throw new DomainRuleException(
                $"La data di fine del periodo ({ItalianValues.FormatDate(endDate)}) è dopo la fine dell'anno {year}: deve cadere entro il 31/12/{year}.");
        }

        if (endDate.Year < year)
        {
            throw new DomainRuleException(
                $"La data di fine del periodo ({ItalianValues.FormatDate(endDate)}) è prima dell'inizio dell'anno {year}: deve cadere nel {year}.");
        }
    }
}

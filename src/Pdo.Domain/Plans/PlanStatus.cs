namespace Pdo.Domain.Plans;

/// <summary>Lifecycle of a plan: Bozza → In monitoraggio → Approvato.</summary>
public enum PlanStatus
{
    Draft,
    Monitoring,
    Approved,
}

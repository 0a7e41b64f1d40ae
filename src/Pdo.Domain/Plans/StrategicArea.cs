namespace Pdo.Domain.Plans;

/// <summary>An area strategica (Milano più solidale, più attrattiva, digitale, per l'ambiente).</summary>
public sealed class StrategicArea : IOrderedPart
{
    private StrategicArea()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    internal StrategicArea(PerformancePlan plan, string code, string name, int sortOrder)
    {
        Plan = plan;
        Code = Guard.Code(code, "dell'area strategica");
        Name = Guard.Text(name, "Il nome dell'area strategica", 200);
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public PerformancePlan? Plan { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public int SortOrder { get; private set; }

    void IOrderedPart.Place(int sortOrder) => SortOrder = sortOrder;

    internal void Rename(string name) => Name = Guard.Text(name, "Il nome dell'area strategica", 200);
}

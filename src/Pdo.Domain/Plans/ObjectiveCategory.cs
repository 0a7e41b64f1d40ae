namespace Pdo.Domain.Plans;

/// <summary>A section of the report: Obiettivi Solidali, Obiettivi Gestionali, Indicatori di funzionamento dell'Ente, Obiettivi di Direzione.</summary>
public sealed class ObjectiveCategory : IOrderedPart
{
    private ObjectiveCategory()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    internal ObjectiveCategory(PerformancePlan plan, string code, string name, int sortOrder)
    {
        Plan = plan;
        Code = Guard.Code(code, "della sezione");
        Name = Guard.Text(name, "Il nome della sezione", 200);
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public PerformancePlan? Plan { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public int SortOrder { get; private set; }

    void IOrderedPart.Place(int sortOrder) => SortOrder = sortOrder;

    internal void Rename(string name) => Name = Guard.Text(name, "Il nome della sezione", 200);
}

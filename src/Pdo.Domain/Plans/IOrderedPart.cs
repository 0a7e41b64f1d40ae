namespace Pdo.Domain.Plans;

/// <summary>A part of a plan shown in a fixed order (section, area, period): the plan keeps the order dense (1, 2, 3…).</summary>
internal interface IOrderedPart
{
    int SortOrder { get; }

    void Place(int sortOrder);
}

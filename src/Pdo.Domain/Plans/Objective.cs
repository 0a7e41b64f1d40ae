using Pdo.Domain.Values;

namespace Pdo.Domain.Plans;

/// <summary>An objective of a plan: its section, strategic area, owner Direzione, weight, narrative and KPIs.</summary>
public sealed class Objective
{
    private readonly List<Kpi> _kpis = [];

    private Objective()
    {
        Code = string.Empty;
        Title = string.Empty;
    }

    internal Objective(
        PerformancePlan plan,
        string code,
        string title,
        ObjectiveCategory category,
        StrategicArea? area,
        Directorate? directorate,
        decimal weight,
        int sortOrder)
    {
        Plan = plan;
        Code = Guard.Code(code, "dell'obiettivo");
        Title = Guard.Text(title, "Il titolo dell'obiettivo", 500);
        Category = category;
        Area = area;
        Directorate = directorate;
        Weight = Guard.Weight(weight);
        SortOrder = sortOrder;
        Version = VersionToken.New();
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public PerformancePlan? Plan { get; private set; }

    public string Code { get; private set; }

    public string Title { get; private set; }

    public string? Narrative { get; private set; }

    public string? DataSourceNote { get; private set; }

    public int CategoryId { get; private set; }

    public ObjectiveCategory? Category { get; private set; }

    public int? AreaId { get; private set; }

    public StrategicArea? Area { get; private set; }

    /// <summary>The owner Direzione; null for objectives of the whole Ente (trasversali).</summary>
    public int? DirectorateId { get; private set; }

    public Directorate? Directorate { get; private set; }

    public decimal Weight { get; private set; }

    public int SortOrder { get; private set; }

    public Guid Version { get; private set; }

    public IReadOnlyList<Kpi> Kpis => _kpis;

    public const int NarrativeMaxLength = 20_000;

    public const int DataSourceNoteMaxLength = 1_000;

    /// <summary>
    /// Writes «Descrizione e risultati» and the data-source note (format: <see cref="NarrativeText"/>): in Bozza and
    /// In monitoraggio, so the year-end narrative can be written; refused once the plan is approved. Unlike the
    /// structure (<see cref="Update"/>), which is Bozza only.
    /// </summary>
    public void Describe(string? narrative, string? dataSourceNote)
    {
        RequirePlan().EnsureTextsEditable();
        var newNarrative = NarrativeText.Normalize(narrative, "La descrizione dell'obiettivo", NarrativeMaxLength);
        var newNote = NarrativeText.Normalize(dataSourceNote, "La nota sulla fonte dei dati", DataSourceNoteMaxLength);
        if (newNarrative == Narrative && newNote == DataSourceNote)
        {
            return;
        }

        Narrative = newNarrative;
        DataSourceNote = newNote;
        Touch();
    }

    /// <summary>Changes title, section, area, Direzione and weight; only while the plan is in Bozza.</summary>
    public void Update(string title, ObjectiveCategory category, StrategicArea? area, Directorate? directorate, decimal weight)
    {
        var plan = RequirePlan();
        plan.EnsureDraft();
        if (!plan.Categories.Contains(category))
        {
            throw new DomainRuleException("La sezione indicata non appartiene a questo piano.");
        }

        if (area is not null && !plan.Areas.Contains(area))
        {
            throw new DomainRuleException("L'area strategica indicata non appartiene a questo piano.");
        }

        // The Direzione already assigned stays assignable after it closes (old plans keep theirs); a new one must be active in the plan's year.
        if (directorate is not null && !IsAssigned(directorate))
        {
            directorate.EnsureActiveIn(plan.Year);
        }

        Title = Guard.Text(title, "Il titolo dell'obiettivo", 500);
        Category = category;
        CategoryId = category.Id;
        Area = area;
        AreaId = area?.Id;
        Directorate = directorate;
        DirectorateId = directorate?.Id;
        Weight = Guard.Weight(weight);
        Touch();
    }

    private bool IsAssigned(Directorate directorate) =>
        ReferenceEquals(directorate, Directorate) || (directorate.Id != 0 && directorate.Id == DirectorateId);

    public void RemoveKpi(Kpi kpi)
    {
        RequirePlan().EnsureDraft();
        if (!_kpis.Remove(kpi))
        {
            throw new DomainRuleException("Il KPI non appartiene a questo obiettivo.");
        }

        Touch();
    }

    public Kpi AddKpi(KpiDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        RequirePlan().EnsureDraft();
        if (_kpis.Any(k => string.Equals(k.Code, definition.Code?.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainRuleException($"Esiste già un KPI con il codice «{definition.Code}» in questo obiettivo.");
        }

        var kpi = new Kpi(this, definition, _kpis.Count + 1);
        _kpis.Add(kpi);
        Touch();
        return kpi;
    }

    internal PerformancePlan RequirePlan() =>
        Plan ?? throw new InvalidOperationException("The objective was loaded without its plan.");

    internal void Touch() => Version = VersionToken.New();
}

namespace Pdo.Domain.Plans;

/// <summary>
/// A Direzione: the organisational unit that owns objectives. Reference data shared by every plan, active from a day
/// and, once closed, until a day: a plan of year Y may assign it only when that interval overlaps Y, while the plans
/// of the years it was active keep it (and its name).
/// </summary>
public sealed class Directorate
{
    private Directorate()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public Directorate(string code, string name, DateOnly activeFrom, DateOnly? activeTo = null)
    {
        Code = Guard.Code(code, "della Direzione");
        Name = Guard.Text(name, "Il nome della Direzione", 200);
        (ActiveFrom, ActiveTo) = Interval(activeFrom, activeTo);
        Version = VersionToken.New();
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>The first day the Direzione exists.</summary>
    public DateOnly ActiveFrom { get; private set; }

    /// <summary>The last day the Direzione exists («attiva fino al»); null while it is open.</summary>
    public DateOnly? ActiveTo { get; private set; }

    public Guid Version { get; private set; }

    /// <summary>The Direzione on 1 January of <paramref name="year"/>: what a plan of that year (or its importer) creates.</summary>
    public static DateOnly StartOfYear(int year) => new(year, 1, 1);

    /// <summary>True when the Direzione exists on <paramref name="day"/>.</summary>
    public bool IsActiveOn(DateOnly day) => ActiveFrom <= day && (ActiveTo is not { } to || day <= to);

    /// <summary>True when the active interval overlaps the calendar year <paramref name="year"/> (a plan of that year may assign it).</summary>
    public bool IsActiveIn(int year) => ActiveFrom.Year <= year && (ActiveTo is not { } to || year <= to.Year);

    /// <summary>A new code; the caller allows it only while no objective uses the Direzione (its pages are addressed by code).</summary>
    public void ChangeCode(string code)
    {
        Code = Guard.Code(code, "della Direzione");
        Version = VersionToken.New();
    }

    public void Rename(string name)
    {
        Name = Guard.Text(name, "Il nome della Direzione", 200);
        Version = VersionToken.New();
    }

    /// <summary>Sets the active interval («attiva dal», «attiva fino al»); closing a Direzione is setting its last day.</summary>
    public void SetActivity(DateOnly activeFrom, DateOnly? activeTo)
    {
        (ActiveFrom, ActiveTo) = Interval(activeFrom, activeTo);
        Version = VersionToken.New();
    }

    /// <summary>Refuses the Direzione for an objective of a plan of <paramref name="year"/> when it is not active in that year.</summary>
    public void EnsureActiveIn(int year)
    {
        if (!IsActiveIn(year))
        {
            throw new DomainRuleException($"La Direzione «{Name}» ({Code}) non è attiva nel {year}: scegliere una Direzione attiva nell'anno del piano.");
        }
    }

    private static (DateOnly From, DateOnly? To) Interval(DateOnly activeFrom, DateOnly? activeTo)
    {
        if (activeFrom == default)
        {
            throw new DomainRuleException("La data «attiva dal» della Direzione è obbligatoria.");
        }

        if (activeTo is { } to && to < activeFrom)
        {
            throw new DomainRuleException("La data «attiva fino al» non può precedere la data «attiva dal».");
        }

        return (activeFrom, activeTo);
    }
}

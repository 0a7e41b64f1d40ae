namespace Pdo.Domain.Plans;

/// <summary>A Direzione: the organisational unit that owns objectives. Reference data shared by every plan.</summary>
public sealed class Directorate
{
    private Directorate()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public Directorate(string code, string name)
    {
        Code = Guard.Code(code, "della Direzione");
        Name = Guard.Text(name, "Il nome della Direzione", 200);
        IsActive = true;
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public bool IsActive { get; private set; }

    public void Rename(string name) => Name = Guard.Text(name, "Il nome della Direzione", 200);
}

using Pdo.Domain.Plans;

namespace Pdo.Domain.Tests.Builders;

/// <summary>
/// A Direzione: <c>new DirectorateBuilder().Build()</c> is Direzione Casa, open since 1 January 2000;
/// <c>.ActiveBetween(new(2015, 1, 1), new(2019, 12, 31))</c> closes it.
/// </summary>
public sealed class DirectorateBuilder
{
    private string _code = "CASA";
    private string _name = "Direzione Casa";
    private DateOnly _from = new(2000, 1, 1);
    private DateOnly? _to;

    public DirectorateBuilder WithCode(string code, string name)
    {
        _code = code;
        _name = name;
        return this;
    }

    public DirectorateBuilder ActiveBetween(DateOnly from, DateOnly? to)
    {
        _from = from;
        _to = to;
        return this;
    }

    public Directorate Build() => new(_code, _name, _from, _to);
}

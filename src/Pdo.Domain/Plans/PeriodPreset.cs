namespace Pdo.Domain.Plans;

/// <summary>The usual schedules of monitoring periods, each ending with the final period (consuntivo) at 31/12.</summary>
public enum PeriodPreset
{
    /// <summary>Trimestrale: 31/03, 30/06, 30/09 and the consuntivo at 31/12.</summary>
    Quarterly,

    /// <summary>Quadrimestrale: 30/04, 31/08 and the consuntivo at 31/12.</summary>
    FourMonthly,

    /// <summary>Semestrale: the interim at 30/06 and the consuntivo at 31/12 (the periods of a new plan).</summary>
    HalfYearly,
}

/// <summary>The periods of each <see cref="PeriodPreset"/> for a year.</summary>
public static class PeriodPresets
{
    public static IReadOnlyList<(string Code, string Name, DateOnly EndDate, bool IsFinal)> For(PeriodPreset preset, int year) => preset switch
    {
        PeriodPreset.Quarterly =>
        [
            ("T1", "1° trimestre", new DateOnly(year, 3, 31), false),
            ("T2", "2° trimestre", new DateOnly(year, 6, 30), false),
            ("T3", "3° trimestre", new DateOnly(year, 9, 30), false),
            Final(year),
        ],
        PeriodPreset.FourMonthly =>
        [
            ("Q1", "1° quadrimestre", new DateOnly(year, 4, 30), false),
            ("Q2", "2° quadrimestre", new DateOnly(year, 8, 31), false),
            Final(year),
        ],
        PeriodPreset.HalfYearly =>
        [
            ("INT", "Monitoraggio intermedio", new DateOnly(year, 6, 30), false),
            Final(year),
        ],
        _ => throw new DomainRuleException("Schema dei periodi non previsto."),
    };

    private static (string, string, DateOnly, bool) Final(int year) => ("FIN", "Consuntivo", new DateOnly(year, 12, 31), true);
}

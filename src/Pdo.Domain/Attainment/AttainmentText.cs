using Pdo.Domain.Values;

namespace Pdo.Domain.Attainment;

/// <summary>The Italian words and number formats shared by the explanations of the rule book.</summary>
internal static class AttainmentText
{
    public static string StatusLabel(AttainmentStatus status) => status switch
    {
        AttainmentStatus.Achieved => "Raggiunto",
        AttainmentStatus.PartiallyAchieved => "Parzialmente raggiunto",
        AttainmentStatus.NotAchieved => "Non raggiunto",
        _ => "Non rilevato",
    };

    /// <summary>"Fasce di stato: 100 raggiunto, da 80 parzialmente".</summary>
    public static string StatusBandsText(StatusBands bands) =>
        $"Fasce di stato: {Number(bands.AchievedFrom)} raggiunto, da {Number(bands.PartiallyFrom)} parzialmente";

    /// <summary>A number as in the report: "1.003", "6,5", "-1,6".</summary>
    public static string Number(decimal value) => ItalianValues.FormatNumber(value);

    /// <summary>A number inside an arithmetic expression: negatives in parentheses, "(-6) / (-15)".</summary>
    public static string Operand(decimal value) => value < 0 ? $"({Number(value)})" : Number(value);

    /// <summary>A score or progress with one decimal and no sign: "80,0".</summary>
    public static string OneDecimal(decimal value) => ItalianValues.FormatOneDecimal(value);

    /// <summary>A score or progress as a percentage with one decimal: "80,0 %".</summary>
    public static string Percent(decimal value) => ItalianValues.FormatScore(value);

    public static string Date(DateOnly date) => ItalianValues.FormatDate(date);

    public static string Symbol(Comparator comparator) => ItalianValues.FormatComparator(comparator);

    /// <summary>"1 giorno", "10 giorni".</summary>
    public static string Days(int days) => ItalianValues.Count(days, "giorno", "giorni");

    /// <summary>"2 KPI rilevati su 3", "1 KPI rilevato su 1", "0 KPI rilevati su 1".</summary>
    public static string Coverage(int measured, int total) =>
        $"{ItalianValues.Count(measured, "KPI rilevato", "KPI rilevati")} su {ItalianValues.FormatNumber(total)}";

    /// <summary>Methodology sentences joined into one paragraph, each ending with a period.</summary>
    public static string Sentences(params string[] parts) =>
        string.Join(" ", parts.Where(p => p.Length > 0).Select(p => p.EndsWith('.') ? p : p + "."));
}

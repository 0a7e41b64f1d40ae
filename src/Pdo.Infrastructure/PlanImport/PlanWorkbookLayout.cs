namespace Pdo.Infrastructure.PlanImport;

/// <summary>
/// The layout of the plan workbook (<c>/piani/{anno}/esporta.xlsx</c>) that the export writes and the plan import
/// reads back: one definition for both sides, so that export → edit → import is a round trip.
/// </summary>
/// <remarks>
/// Sheet «KPI»: the <see cref="KpiColumns"/> (A–K), five <see cref="PeriodColumns"/> per monitoring period (outputs,
/// not read back), then the <see cref="StructureColumns"/> that a new plan needs. Sheet «Piano»: one row per
/// <see cref="PlanItems"/> entry (year, title, methodology, periods, sections, areas, Direzioni).
/// </remarks>
public static class PlanWorkbookLayout
{
    public const string KpiSheet = "KPI";

    public const string PlanSheet = "Piano";

    public static readonly string[] KpiColumns =
    [
        "Sezione", "Area strategica", "Direzione", "Codice obiettivo", "Obiettivo", "Codice KPI", "KPI", "Unità", "Comparatore", "Target", "Peso del KPI",
    ];

    public static readonly string[] PeriodColumns = ["valore", "punteggio", "stato", "motivazione", "revisione"];

    // Appended after the period columns, so that readers of the columns above keep working.
    public const string SectionCode = "Codice sezione";
    public const string AreaCode = "Codice area";
    public const string DirectorateCode = "Codice Direzione";
    public const string ObjectiveWeight = "Peso dell'obiettivo";
    public const string TargetText = "Target come scritto";
    public const string Kind = "Tipo di KPI";
    public const string ValueKind = "Tipo di valore";
    public const string Direction = "Andamento";
    public const string Method = "Metodo di punteggio";
    public const string Bands = "Fasce";
    public const string PenaltyPerDay = "Penalità al giorno";
    public const string Group = "Gruppo";
    public const string Baseline = "Valore di partenza";

    public static readonly string[] StructureColumns =
    [
        SectionCode, AreaCode, DirectorateCode, ObjectiveWeight, TargetText, Kind, ValueKind, Direction, Method, Bands, PenaltyPerDay, Group, Baseline,
    ];

    /// <summary>Columns of the «Piano» sheet.</summary>
    public static readonly string[] PlanColumns = ["Voce", "Codice", "Nome", "Valore", "Finale"];

    public const string Year = "Anno";
    public const string Title = "Titolo";
    public const string Formula = "Formula «minore è meglio»";
    public const string PartiallyFrom = "Parzialmente raggiunto da";
    public const string FourEyes = "Conferma da un secondo utente";
    public const string Period = "Periodo";
    public const string Section = "Sezione";
    public const string Area = "Area strategica";
    public const string Directorate = "Direzione";

    public static readonly string[] PlanItems = [Year, Title, Formula, PartiallyFrom, FourEyes, Period, Section, Area, Directorate];

    /// <summary>A period's end in the «Piano» sheet: day and month, the year being the plan's («30/06»).</summary>
    public const string DayMonthFormat = "dd/MM";

    /// <summary>Separates the bands in the «Fasce» cell: «0,9:100; 0,7:80» (minimum progress : score).</summary>
    public const char BandSeparator = ';';

    public const char BandPartSeparator = ':';
}

using Pdo.Domain.Attainment;

namespace Pdo.Domain.Plans;

/// <summary>The actual value of a KPI for one monitoring period, with the text as written and the justification.</summary>
public sealed class KpiResult
{
    private KpiResult()
    {
        ActualText = string.Empty;
    }

    internal KpiResult(Kpi kpi, MonitoringPeriod period)
    {
        Kpi = kpi;
        Period = period;
        ActualText = string.Empty;
    }

    public int Id { get; private set; }

    public int KpiId { get; private set; }

    public Kpi? Kpi { get; private set; }

    public int PeriodId { get; private set; }

    public MonitoringPeriod? Period { get; private set; }

    /// <summary>The actual as written, e.g. "1,16’" or "Target Raggiunto: SI".</summary>
    public string ActualText { get; private set; }

    public decimal? Value { get; private set; }

    public bool? Done { get; private set; }

    public DateOnly? CompletionDate { get; private set; }

    /// <summary>Motivazione dello scostamento.</summary>
    public string? Justification { get; private set; }

    public string? RecordedBy { get; private set; }

    public DateTimeOffset? RecordedAt { get; private set; }

    public Guid Version { get; private set; }

    public Measurement Measurement => new(Value, Done, CompletionDate);

    internal void Record(string actualText, Measurement measurement, string? justification, string recordedBy, DateTimeOffset recordedAt)
    {
        ActualText = Guard.Text(actualText, "Il valore raggiunto", 500);
        Value = measurement.Value;
        Done = measurement.Done;
        CompletionDate = measurement.CompletionDate;
        Justification = Guard.OptionalText(justification, "La motivazione dello scostamento", 4_000);
        RecordedBy = Guard.Text(recordedBy, "L'autore della rilevazione", 256);
        RecordedAt = recordedAt;
        Version = Guid.NewGuid();
    }
}

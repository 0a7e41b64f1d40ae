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

    public ResultStatus Status { get; private set; }

    /// <summary>The Direttore's comment when the result was returned.</summary>
    public string? ReviewComment { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public Guid Version { get; private set; }

    public Measurement Measurement => new(Value, Done, CompletionDate);

    /// <summary>The refusal when a result may not be confirmed by its own author.</summary>
    public const string SelfConfirmationRefused = "Chi ha inserito il risultato non può confermarlo: serve un secondo utente.";

    /// <summary>True when <paramref name="user"/> entered this result (user names compared case-insensitively).</summary>
    public bool WasRecordedBy(string? user) =>
        !string.IsNullOrWhiteSpace(user) && string.Equals(RecordedBy?.Trim(), user.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when the plan's four-eyes rule keeps <paramref name="user"/> from confirming this result, because they
    /// entered it. Needs the KPI, its objective and plan loaded.
    /// </summary>
    public bool IsSelfReviewBy(string? user) =>
        WasRecordedBy(user) && (Kpi?.Objective?.Plan ?? throw new InvalidOperationException("The result was loaded without its plan.")).RequireFourEyesReview;

    /// <summary>
    /// Inserito → Confermato. A result scoring below 100 needs its justification first; when the plan requires the
    /// four-eyes review, whoever entered the result may not confirm it.
    /// </summary>
    public void Confirm(string reviewedBy, DateTimeOffset reviewedAt)
    {
        var kpi = RequireOpenPlanKpi();
        var reviewer = Guard.Text(reviewedBy, "L'autore della revisione", 256);
        if (Status != ResultStatus.Entered)
        {
            throw new DomainRuleException(Status == ResultStatus.Confirmed
                ? "Il risultato è già confermato."
                : "Il risultato è stato restituito: si può confermare dopo la correzione.");
        }

        if (kpi.Score(Measurement).Score < 100m && string.IsNullOrWhiteSpace(Justification))
        {
            throw new DomainRuleException($"Il KPI «{kpi.Name}» è sotto il 100 %: serve la motivazione dello scostamento prima della conferma.");
        }

        if (IsSelfReviewBy(reviewer))
        {
            throw new DomainRuleException(SelfConfirmationRefused);
        }

        Status = ResultStatus.Confirmed;
        ReviewedBy = reviewer;
        ReviewedAt = reviewedAt;
        Version = VersionToken.New();
    }

    /// <summary>
    /// Inserito → Restituito, with a mandatory comment for whoever entered it. Not under the four-eyes rule: returning
    /// certifies nothing, and the author may withdraw their own value for correction.
    /// </summary>
    public void Return(string comment, string reviewedBy, DateTimeOffset reviewedAt)
    {
        RequireOpenPlanKpi();
        if (Status != ResultStatus.Entered)
        {
            throw new DomainRuleException(Status == ResultStatus.Confirmed
                ? "Il risultato è già confermato e non può essere restituito."
                : "Il risultato è già stato restituito.");
        }

        ReviewComment = Guard.Text(comment, "Il commento per la restituzione", 2_000);
        Status = ResultStatus.Returned;
        ReviewedBy = Guard.Text(reviewedBy, "L'autore della revisione", 256);
        ReviewedAt = reviewedAt;
        Version = VersionToken.New();
    }

    internal void Record(string actualText, Measurement measurement, string? justification, string recordedBy, DateTimeOffset recordedAt)
    {
        // Every argument is checked before anything changes: a refused correction leaves the previous result whole.
        var text = Guard.Text(actualText, "Il valore raggiunto", 500);
        var reason = Guard.OptionalText(justification, "La motivazione dello scostamento", 4_000);
        var author = Guard.Text(recordedBy, "L'autore della rilevazione", 256);
        ActualText = text;
        Value = measurement.Value;
        Done = measurement.Done;
        CompletionDate = measurement.CompletionDate;
        Justification = reason;
        RecordedBy = author;
        RecordedAt = recordedAt;

        // A new or corrected value goes (back) to the Direttore for confirmation.
        Status = ResultStatus.Entered;
        Version = VersionToken.New();
    }

    private Kpi RequireOpenPlanKpi()
    {
        var kpi = Kpi ?? throw new InvalidOperationException("The result was loaded without its KPI.");
        kpi.RequireObjective().RequirePlan().EnsureAcceptsResults();
        return kpi;
    }
}

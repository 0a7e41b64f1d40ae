namespace Pdo.Reporting.Model;

/// <summary>The OIV's validation document of the Relazione sulla Performance, already formatted in Italian by the portal.</summary>
public sealed record ValidationReport
{
    public required string Organisation { get; init; }

    public required int Year { get; init; }

    public required string PlanTitle { get; init; }

    /// <summary>The act approving the plan's consuntivo, «Delibera di Giunta n. 501 del 14/04/2020».</summary>
    public required string ApprovalText { get; init; }

    public required string Outcome { get; init; }

    public required string Date { get; init; }

    public required IReadOnlyList<ReportNarrativeBlock> Reasoning { get; init; }

    public IReadOnlyList<ReportNarrativeBlock> Reservations { get; init; } = [];

    public required string SignedBy { get; init; }

    public required string SignerRole { get; init; }

    /// <summary>When the validation was recorded in the portal, Rome time.</summary>
    public required string RecordedAt { get; init; }

    public required string GeneratedOn { get; init; }

    public DateTimeOffset? GeneratedAt { get; init; }

    public string DocumentTitle => $"Validazione della Relazione sulla Performance {Year}";
}

using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Results;

/// <summary>What the result-entry form posts: per KPI only the value as typed, the justification and the version seen.</summary>
public sealed class ResultEntryForm
{
    public string? Period { get; set; }

    public string? Command { get; set; }

    public List<ResultEntryLine> Lines { get; set; } = [];

    public bool IsPreview => string.Equals(Command, "anteprima", StringComparison.Ordinal);
}

public sealed class ResultEntryLine
{
    public int KpiId { get; set; }

    public string? Actual { get; set; }

    public string? Justification { get; set; }

    /// <summary>«Confermo il valore»: ticked in the preview for a value more than 10 times away from the target.</summary>
    public bool ConfirmValue { get; set; }

    /// <summary>The result's concurrency token when the form was opened (null: no result yet).</summary>
    public Guid? Version { get; set; }
}

public sealed record ResultEntryRow(
    int Index,
    int KpiId,
    string Code,
    string Name,
    string? Group,
    string Target,
    string FormatHint,
    string? Actual,
    string? Justification,
    Guid? Version,
    string StatusLabel,
    string? ReviewComment,
    string? LastRecorded,
    string? Parsed,
    ScoreViewModel? Preview,
    bool JustificationRequired,
    string? ActualError,
    string? JustificationError,
    string? FarFromTarget = null,
    bool ValueConfirmed = false,
    string? ConfirmError = null);

public sealed record ResultEntryViewModel(
    PlanHeaderViewModel Header,
    string ObjectiveCode,
    string ObjectiveTitle,
    string? DirectorateName,
    string PeriodCode,
    string PeriodName,
    bool CanSave,
    string? ReadOnlyReason,
    bool IsPreview,
    IReadOnlyList<ResultEntryRow> Rows,
    IReadOnlyList<(string FieldId, string Message)> Errors);

/// <summary>One KPI whose result someone else saved meanwhile: what is stored now, by whom, and what this user typed.</summary>
public sealed record ConflictRow(string KpiName, string StoredValue, string? StoredJustification, string StoredBy, string StoredAt, string? YourValue, string? YourJustification);

public sealed record ConflictViewModel(int Year, string ObjectiveCode, string ObjectiveTitle, string PeriodCode, IReadOnlyList<ConflictRow> Rows, string RetryUrl, IReadOnlyList<ResultEntryLine> Reapply);

public enum ResultEntryOutcome
{
    NotFound,
    Shown,
    Saved,

    /// <summary>Nothing to save: every value was left blank or as it is stored.</summary>
    Unchanged,
    Conflict,
}

public sealed record ResultEntryResult(ResultEntryOutcome Outcome, ResultEntryViewModel? Form = null, ConflictViewModel? Conflict = null, string? PeriodCode = null);

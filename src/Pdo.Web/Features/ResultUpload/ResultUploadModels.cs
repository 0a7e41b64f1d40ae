namespace Pdo.Web.Features.ResultUpload;

/// <summary>The upload page: the plan, any errors of the last file (sheet, cell and KPI named), or the message after saving.</summary>
public sealed record ResultUploadViewModel(int Year, string PlanTitle, string? FileName, IReadOnlyList<string> Errors);

/// <summary>One changed row of the file: old → new value, the score it would get, the justification and whether it is a conflict.</summary>
public sealed record ResultUploadRow(
    string Cell,
    string ObjectiveCode,
    string KpiCode,
    string KpiName,
    string OldValue,
    string NewValue,
    string? Score,
    bool JustificationRequired,
    bool JustificationPresent,
    string? FarFromTarget,
    bool IsConflict);

public sealed record ResultUploadPreviewViewModel(
    int Year,
    string PlanTitle,
    string UploadId,
    string FileName,
    string PeriodName,
    string DirectorateName,
    IReadOnlyList<ResultUploadRow> Rows,
    IReadOnlyList<string> Errors)
{
    public int ToSave => Rows.Count(r => !r.IsConflict);

    public IEnumerable<ResultUploadRow> Conflicts => Rows.Where(r => r.IsConflict);

    public bool NeedsFarConfirmation => Rows.Any(r => !r.IsConflict && r.FarFromTarget is not null);
}

public enum ResultUploadOutcome
{
    NotFound,
    Refused,
    Preview,
    Saved,
}

public sealed record ResultUploadResult(
    ResultUploadOutcome Outcome,
    ResultUploadViewModel? Upload = null,
    ResultUploadPreviewViewModel? Preview = null,
    string? Message = null);

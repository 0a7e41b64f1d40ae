using System.ComponentModel.DataAnnotations;
using Pdo.Domain.Plans;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Review;

public sealed record ReviewItem(
    int ResultId,
    Guid Version,
    int Year,
    string PeriodName,
    string ObjectiveCode,
    string ObjectiveTitle,
    string? DirectorateName,
    string KpiName,
    string Target,
    string Actual,
    string? Justification,
    string RecordedBy,
    ResultStatus Status,
    string? ReviewComment,
    ScoreViewModel Score,
    string ObjectiveUrl)
{
    public string StatusLabel => ResultText.StatusLabel(Status);
}

public sealed record ReviewInboxViewModel(IReadOnlyList<ReviewItem> Awaiting, IReadOnlyList<ReviewItem> Returned, string Scope);

public sealed class ReturnForm
{
    public Guid Version { get; set; }

    [Required(ErrorMessage = "Scrivere un commento: spiega cosa correggere.")]
    [StringLength(2000, ErrorMessage = "Il commento supera i 2.000 caratteri.")]
    public string? Comment { get; set; }
}

public sealed class ConfirmForm
{
    public Guid Version { get; set; }
}

public enum ReviewOutcome
{
    Done,
    NotFound,
    Refused,
    Conflict,
}

public sealed record ReviewResult(ReviewOutcome Outcome, string? Message = null);

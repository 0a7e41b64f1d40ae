using System.Globalization;
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
    string ObjectiveUrl,
    bool EnteredByMe,
    bool CanConfirm)
{
    /// <summary>Why the confirm button is missing, when the four-eyes rule keeps this user from confirming.</summary>
    public string? ConfirmNote => CanConfirm ? null : "Inserito da te: la conferma spetta a un altro utente.";

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

/// <summary>The inbox's «Conferma i selezionati»: each selected item is "id:version".</summary>
public sealed class BulkConfirmForm
{
    public List<string> Selected { get; set; } = [];

    /// <summary>The well-formed selections, each once; anything else is ignored.</summary>
    public IReadOnlyList<(int Id, Guid Version)> Items()
    {
        var items = new List<(int Id, Guid Version)>();
        foreach (var parts in Selected.Select(s => s.Split(':', 2)))
        {
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && Guid.TryParse(parts[1], out var version)
                && !items.Contains((id, version)))
            {
                items.Add((id, version));
            }
        }

        return items;
    }
}

/// <summary>One refused item of a bulk confirmation, with the reason in Italian.</summary>
public sealed record BulkRefusal(string KpiName, string Reason);

/// <summary>What a bulk confirmation did: confirmed KPI names and refusals.</summary>
public sealed record BulkConfirmResult(IReadOnlyList<string> Confirmed, IReadOnlyList<BulkRefusal> Refused)
{
    public string? ConfirmedSummary => Confirmed.Count == 0 ? null
        : $"{(Confirmed.Count == 1 ? "Confermato 1 risultato" : $"Confermati {Confirmed.Count} risultati")}: {string.Join(", ", Confirmed.Select(n => $"«{n}»"))}.";

    public string? RefusedSummary => Refused.Count == 0 ? null
        : $"{(Refused.Count == 1 ? "Non confermato 1 risultato" : $"Non confermati {Refused.Count} risultati")}: {string.Join(" ", Refused.Select(r => $"«{r.KpiName}»: {r.Reason}"))}";
}

public enum ReviewOutcome
{
    Done,
    NotFound,
    Refused,
    Conflict,
}

public sealed record ReviewResult(ReviewOutcome Outcome, string? Message = null);

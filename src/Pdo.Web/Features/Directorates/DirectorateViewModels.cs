using System.ComponentModel.DataAnnotations;

namespace Pdo.Web.Features.Directorates;

/// <summary>The Amministratore's list of Direzioni.</summary>
public sealed record DirectorateListViewModel(IReadOnlyList<DirectorateRow> Directorates);

/// <summary>
/// One Direzione: its active interval as the page shows it, its objectives per plan year («2019: 4 · 2020: 3»), its
/// Direttori, and whether it may still be deleted (no objective and no user uses it).
/// </summary>
public sealed record DirectorateRow(
    string Code,
    string Name,
    string ActiveFrom,
    string? ActiveTo,
    bool IsActiveToday,
    IReadOnlyList<YearCount> ObjectivesPerYear,
    IReadOnlyList<string> Managers,
    bool CanDelete);

public sealed record YearCount(int Year, int Count);

/// <summary>The new/edit form; <see cref="ExistingCode"/> is null for a new Direzione.</summary>
public sealed record DirectorateFormViewModel(string? ExistingCode, DirectorateForm Form, bool CodeIsEditable, bool CanDelete);

/// <summary>What the form posts: dates as typed (gg/mm/aaaa), read by ItalianValues.</summary>
public sealed class DirectorateForm
{
    [Required(ErrorMessage = "Indicare il codice della Direzione.")]
    [StringLength(40, ErrorMessage = "Il codice della Direzione è di al massimo 40 caratteri.")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Indicare il nome della Direzione.")]
    [StringLength(200, ErrorMessage = "Il nome della Direzione è di al massimo 200 caratteri.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Indicare la data «attiva dal» (gg/mm/aaaa).")]
    public string? ActiveFrom { get; set; }

    public string? ActiveTo { get; set; }

    public Guid? Version { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace Pdo.Web.Features.Users;

public sealed record Option(string Value, string Label, bool Selected);

public sealed record UserRow(string Id, string FullName, string Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Directorates, bool IsDisabled, bool IsLockedOut);

public sealed record UserFilter(string? Text, string? Role, int? DirectorateId, string? State);

public sealed record UserListViewModel(
    IReadOnlyList<UserRow> Users,
    UserFilter Filter,
    IReadOnlyList<Option> RoleOptions,
    IReadOnlyList<Option> DirectorateOptions,
    IReadOnlyList<Option> StateOptions);

/// <summary>The user form: never an entity, only what an administrator may set.</summary>
public sealed class UserForm
{
    [Required(ErrorMessage = "Inserire nome e cognome.")]
    [StringLength(200, ErrorMessage = "Nome e cognome: al massimo 200 caratteri.")]
    [Display(Name = "Nome e cognome")]
    public string FullName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Inserire l'indirizzo e-mail.")]
    [EmailAddress(ErrorMessage = "L'indirizzo e-mail non è valido.")]
    [StringLength(256)]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = string.Empty;

    [Display(Name = "Ruoli")]
    public List<string> Roles { get; set; } = [];

    [Display(Name = "Direzioni")]
    public List<int> DirectorateIds { get; set; } = [];
}

public sealed record UserFormViewModel(
    string? Id,
    UserForm Form,
    IReadOnlyList<Option> RoleOptions,
    IReadOnlyList<Option> DirectorateOptions,
    bool IsDisabled);

/// <summary>A one-time link to set a password, shown once to the administrator.</summary>
public sealed record PasswordLinkViewModel(string UserName, string Email, string Link, bool IsNewUser);

using System.ComponentModel.DataAnnotations;

namespace Pdo.Web.Features.Accounts;

public sealed class LoginForm
{
    [Required(ErrorMessage = "Inserire l'indirizzo e-mail.")]
    [EmailAddress(ErrorMessage = "L'indirizzo e-mail non è valido.")]
    [Display(Name = "E-mail")]
    [StringLength(256)]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "Inserire la password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    [StringLength(200)]
    public string Password { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class SetPasswordForm
{
    [Required]
    public string UserId { get; set; } = string.Empty;

    [Required]
    public string Token { get; set; } = string.Empty;

    [Required(ErrorMessage = "Inserire la nuova password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Nuova password")]
    [StringLength(200, MinimumLength = 12, ErrorMessage = "La password deve avere almeno 12 caratteri.")]
    public string Password { get; set; } = string.Empty;

    [Required(ErrorMessage = "Ripetere la password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Ripeti la password")]
    [Compare(nameof(Password), ErrorMessage = "Le due password non coincidono.")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class SetupForm
{
    [Required]
    public string Token { get; set; } = string.Empty;

    [Required(ErrorMessage = "Inserire nome e cognome.")]
    [Display(Name = "Nome e cognome")]
    [StringLength(200)]
    public string FullName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Inserire l'indirizzo e-mail.")]
    [EmailAddress(ErrorMessage = "L'indirizzo e-mail non è valido.")]
    [Display(Name = "E-mail")]
    [StringLength(256)]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "Inserire la password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    [StringLength(200, MinimumLength = 12, ErrorMessage = "La password deve avere almeno 12 caratteri.")]
    public string Password { get; set; } = string.Empty;

    [Required(ErrorMessage = "Ripetere la password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Ripeti la password")]
    [Compare(nameof(Password), ErrorMessage = "Le due password non coincidono.")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

/// <summary>The code of the authenticator app, at sign-in or to confirm the enrolment.</summary>
public sealed class TwoFactorForm
{
    [Required(ErrorMessage = "Inserire il codice di 6 cifre mostrato dall'app di autenticazione.")]
    [Display(Name = "Codice dell'app di autenticazione")]
    [StringLength(7, MinimumLength = 6, ErrorMessage = "Il codice è di 6 cifre.")]
    [RegularExpression("^[0-9 ]+$", ErrorMessage = "Il codice è fatto solo di cifre.")]
    public string Code { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

/// <summary>One of the recovery codes shown at enrolment, used instead of the app's code.</summary>
public sealed class RecoveryCodeForm
{
    [Required(ErrorMessage = "Inserire uno dei codici di recupero.")]
    [Display(Name = "Codice di recupero")]
    [StringLength(20)]
    public string Code { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

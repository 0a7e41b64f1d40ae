using Microsoft.AspNetCore.Identity;

namespace Pdo.Web.Security;

/// <summary>Identity's messages in Italian.</summary>
public sealed class ItalianIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Si è verificato un errore imprevisto.");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"L'indirizzo e-mail «{email}» è già usato da un altro utente.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"Il nome utente «{userName}» è già usato.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"L'indirizzo e-mail «{email}» non è valido.");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), $"Il nome utente «{userName}» non è valido.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Il link non è valido o è già stato usato. Chiedere un nuovo link all'amministratore.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "La password non è corretta.");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"La password deve avere almeno {length} caratteri.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"La password deve contenere almeno {uniqueChars} caratteri diversi.");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "La password deve contenere almeno un simbolo.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "La password deve contenere almeno una cifra.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "La password deve contenere almeno una lettera minuscola.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "La password deve contenere almeno una lettera maiuscola.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "L'utente ha già questo ruolo.");

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "L'utente non ha questo ruolo.");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "L'utente è stato modificato da un'altra persona: ricaricare la pagina.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Accounts;

/// <summary>Sign-in and sign-out, the one-time password page and the first-run setup. No self-registration.</summary>
[Route("accesso")]
public sealed class AccountController(AccountService accounts) : Controller
{
    [HttpGet("")]
    [AllowAnonymous]
    public IActionResult Login([FromQuery] string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    /// <summary>
    /// The one answer to a failed sign-in, whatever the reason (wrong password, unknown e-mail, disabled or locked
    /// account): a stranger cannot tell whether an account exists.
    /// </summary>
    public const string SignInFailed =
        "E-mail o password non corrette. Dopo 5 tentativi non riusciti l'accesso all'account resta sospeso per 15 minuti.";

    [HttpPost("")]
    [AllowAnonymous]
    [EnableRateLimiting(AccountSecurity.SignInRateLimit)]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        switch (await accounts.SignInAsync(form))
        {
            case LoginOutcome.Succeeded:
                return await LandAsync(form.ReturnUrl, form.Email.Trim());
            case LoginOutcome.RequiresTwoFactor:
                return RedirectToAction(nameof(TwoFactor), new { form.ReturnUrl });
            default:
                ModelState.AddModelError(string.Empty, SignInFailed);
                break;
        }

        form.Password = string.Empty;
        return View(form);
    }

    /// <summary>The second step of the sign-in: the code of the authenticator app.</summary>
    [HttpGet("codice")]
    [AllowAnonymous]
    public async Task<IActionResult> TwoFactor([FromQuery] string? returnUrl) =>
        await accounts.TwoFactorUserAsync() is null ? RedirectToAction(nameof(Login)) : View(new TwoFactorForm { ReturnUrl = returnUrl });

    [HttpPost("codice")]
    [AllowAnonymous]
    [EnableRateLimiting(AccountSecurity.SignInRateLimit)]
    public Task<IActionResult> TwoFactor(TwoFactorForm form) =>
        CompleteTwoFactorAsync(form.Code, recoveryCode: false, form.ReturnUrl, form, "Il codice non è valido. Controllare che l'ora del telefono sia esatta e riprovare.");

    /// <summary>The second step with a recovery code, for a user without their authenticator app.</summary>
    [HttpGet("codice-di-recupero")]
    [AllowAnonymous]
    public async Task<IActionResult> RecoveryCode([FromQuery] string? returnUrl) =>
        await accounts.TwoFactorUserAsync() is null ? RedirectToAction(nameof(Login)) : View(new RecoveryCodeForm { ReturnUrl = returnUrl });

    [HttpPost("codice-di-recupero")]
    [AllowAnonymous]
    [EnableRateLimiting(AccountSecurity.SignInRateLimit)]
    public Task<IActionResult> RecoveryCode(RecoveryCodeForm form) =>
        CompleteTwoFactorAsync(form.Code, recoveryCode: true, form.ReturnUrl, form, "Il codice di recupero non è valido o è già stato usato.");

    [HttpPost("esci")]
    [AllowWithoutTwoFactor]
    public async Task<IActionResult> Logout()
    {
        await accounts.SignOutAsync(User);
        return RedirectToAction(nameof(Login));
    }

    [HttpGet("negato")]
    [AllowAnonymous]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("~/Views/Shared/Forbidden.cshtml");
    }

    [HttpGet("imposta-password")]
    [AllowAnonymous]
    [EnableRateLimiting(AccountSecurity.SignInRateLimit)]
    public IActionResult SetPassword([FromQuery(Name = "utente")] string? userId, [FromQuery] string? token) =>
        string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token)
            ? NotFound()
            : View(new SetPasswordForm { UserId = userId, Token = token });

    [HttpPost("imposta-password")]
    [AllowAnonymous]
    [EnableRateLimiting(AccountSecurity.SignInRateLimit)]
    public async Task<IActionResult> SetPassword(SetPasswordForm form)
    {
        if (ModelState.IsValid)
        {
            var result = await accounts.SetPasswordAsync(form);
            if (result.Succeeded)
            {
                TempData["Message"] = "Password impostata: ora è possibile accedere.";
                return RedirectToAction(nameof(Login));
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
        }

        form.Password = form.ConfirmPassword = string.Empty;
        return View(form);
    }

    [HttpGet("/configurazione-iniziale")]
    [AllowAnonymous]
    [EnableRateLimiting(AccountSecurity.SignInRateLimit)]
    public async Task<IActionResult> Setup([FromQuery] string? token) =>
        await accounts.IsSetupOpenAsync(token) ? View(new SetupForm { Token = token! }) : NotFound();

    [HttpPost("/configurazione-iniziale")]
    [AllowAnonymous]
    [EnableRateLimiting(AccountSecurity.SignInRateLimit)]
    public async Task<IActionResult> Setup(SetupForm form)
    {
        if (!await accounts.IsSetupOpenAsync(form.Token))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await accounts.CreateFirstAdministratorAsync(form);
            if (result.Succeeded)
            {
                TempData["Message"] = "Amministratore creato: ora è possibile accedere.";
                return RedirectToAction(nameof(Login));
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
        }

        form.Password = form.ConfirmPassword = string.Empty;
        return View(form);
    }

    private async Task<IActionResult> CompleteTwoFactorAsync(string code, bool recoveryCode, string? returnUrl, object form, string error)
    {
        var user = await accounts.TwoFactorUserAsync();
        if (user is null)
        {
            // The two-factor cookie expired (5 minutes) or never existed: start again from the password.
            return RedirectToAction(nameof(Login));
        }

        if (ModelState.IsValid)
        {
            if (await accounts.SignInWithCodeAsync(code, recoveryCode) == LoginOutcome.Succeeded)
            {
                return await LandAsync(returnUrl, user.Email ?? string.Empty);
            }

            ModelState.AddModelError(string.Empty, error);
        }

        return form switch
        {
            TwoFactorForm f => View(nameof(TwoFactor), new TwoFactorForm { ReturnUrl = f.ReturnUrl }),
            RecoveryCodeForm f => View(nameof(RecoveryCode), new RecoveryCodeForm { ReturnUrl = f.ReturnUrl }),
            _ => RedirectToAction(nameof(Login)),
        };
    }

    private async Task<IActionResult> LandAsync(string? returnUrl, string email)
    {
        var landing = await accounts.LandingUrlAsync(email);

        // An administrator without a second factor goes to enrolment whatever the page asked for.
        return LocalRedirect(Url.IsLocalUrl(returnUrl) && landing != Links.TwoFactorEnrolment ? returnUrl! : landing);
    }
}

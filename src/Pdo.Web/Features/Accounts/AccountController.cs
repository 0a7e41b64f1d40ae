using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Accounts;

/// <summary>Sign-in and sign-out, the one-time password page and the first-run setup. No self-registration.</summary>
[Route("accesso")]
public sealed class AccountController(AccountService accounts) : Controller
{
    [HttpGet("")]
    [AllowAnonymous]
    public IActionResult Login([FromQuery] string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("")]
    [AllowAnonymous]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        switch (await accounts.SignInAsync(form))
        {
            case LoginOutcome.Succeeded:
                return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : await accounts.LandingUrlAsync(form.Email.Trim()));
            case LoginOutcome.LockedOut:
                ModelState.AddModelError(string.Empty, "Troppi tentativi non riusciti: l'account è bloccato per 15 minuti.");
                break;
            default:
                ModelState.AddModelError(string.Empty, "E-mail o password non corrette.");
                break;
        }

        form.Password = string.Empty;
        return View(form);
    }

    [HttpPost("esci")]
    public async Task<IActionResult> Logout()
    {
        await accounts.SignOutAsync(User.AuditName());
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
    public IActionResult SetPassword([FromQuery(Name = "utente")] string? userId, [FromQuery] string? token) =>
        string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token)
            ? NotFound()
            : View(new SetPasswordForm { UserId = userId, Token = token });

    [HttpPost("imposta-password")]
    [AllowAnonymous]
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
    public async Task<IActionResult> Setup([FromQuery] string? token) =>
        await accounts.IsSetupOpenAsync(token) ? View(new SetupForm { Token = token! }) : NotFound();

    [HttpPost("/configurazione-iniziale")]
    [AllowAnonymous]
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
}

using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Accounts;

/// <summary>"Sicurezza dell'account" for every signed-in user: enrol an authenticator app, recovery codes, disable.</summary>
[Route("accesso/sicurezza")]
public sealed class AccountSecurityController(TwoFactorService twoFactor) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() =>
        await twoFactor.StatusAsync(User) is { } model ? View("Security", model) : NotFound();

    [HttpGet("autenticatore")]
    [AllowWithoutTwoFactor]
    public async Task<IActionResult> Enrol() =>
        await twoFactor.EnrolmentAsync(User) is { } model ? View(model) : RedirectToAction(nameof(Index));

    [HttpPost("autenticatore")]
    [AllowWithoutTwoFactor]
    public async Task<IActionResult> Enrol(TwoFactorForm form)
    {
        if (ModelState.IsValid && await twoFactor.EnableAsync(User, form.Code) is { } codes)
        {
            return RecoveryCodes(codes, justEnabled: true);
        }

        if (ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, "Il codice non è valido. Controllare che l'ora del telefono sia esatta e inserire il codice che l'app mostra ora.");
        }

        return await twoFactor.EnrolmentAsync(User, new TwoFactorForm()) is { } model ? View(model) : RedirectToAction(nameof(Index));
    }

    [HttpPost("codici-di-recupero")]
    public async Task<IActionResult> NewRecoveryCodes() =>
        await twoFactor.RegenerateRecoveryCodesAsync(User) is { } codes ? RecoveryCodes(codes, justEnabled: false) : RedirectToAction(nameof(Index));

    [HttpPost("disattiva")]
    public async Task<IActionResult> Disable()
    {
        TempData["Message"] = await twoFactor.DisableAsync(User)
            ? "Verifica in due passaggi disattivata."
            : "La verifica in due passaggi è obbligatoria per gli amministratori e non può essere disattivata.";
        return RedirectToAction(nameof(Index));
    }

    private ViewResult RecoveryCodes(IReadOnlyList<string> codes, bool justEnabled)
    {
        // Shown once, in this response only: never cached, never in TempData (a cookie).
        Response.Headers.CacheControl = "no-store";
        return View(nameof(RecoveryCodes), new RecoveryCodesViewModel(codes, justEnabled));
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Infrastructure;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Users;

/// <summary>User administration for the Amministratore.</summary>
[Route("amministrazione/utenti")]
[Authorize(Policy = Policies.Administration)]
public sealed class UsersController(UserAdminService admin, PublicAddress publicAddress) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromQuery(Name = "testo")] string? text,
        [FromQuery(Name = "ruolo")] string? role,
        [FromQuery(Name = "direzione")] int? directorateId,
        [FromQuery(Name = "stato")] string? state,
        CancellationToken cancellationToken) =>
        View(await admin.ListAsync(new UserFilter(text, role, directorateId, state), cancellationToken));

    [HttpGet("nuovo")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Edit", await admin.NewFormAsync(cancellationToken: cancellationToken));

    [HttpPost("nuovo")]
    public async Task<IActionResult> Create(UserForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await admin.CreateAsync(form, PasswordLink, User.AuditName());
            if (result.Succeeded)
            {
                return View("PasswordLink", result.Link);
            }

            AddErrors(result.Errors);
        }

        return View("Edit", await admin.NewFormAsync(form, cancellationToken));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken) =>
        await admin.EditFormAsync(id, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(string id, UserForm form, CancellationToken cancellationToken)
    {
        if (await admin.EditFormAsync(id, cancellationToken) is not { } existing)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await admin.UpdateAsync(id, form, User.AuditName());
            if (result.Succeeded)
            {
                TempData["Message"] = "Utente aggiornato.";
                return RedirectToAction(nameof(Edit), new { id });
            }

            AddErrors(result.Errors);
        }

        return View(await admin.FormAsync(id, form, existing.IsDisabled, cancellationToken));
    }

    [HttpPost("{id}/disattiva")]
    public Task<IActionResult> Disable(string id) => SetDisabled(id, true);

    [HttpPost("{id}/riattiva")]
    public Task<IActionResult> Enable(string id) => SetDisabled(id, false);

    [HttpPost("{id}/reimposta-password")]
    public async Task<IActionResult> ResetPassword(string id)
    {
        var result = await admin.IssuePasswordLinkAsync(id, PasswordLink, User.AuditName());
        if (result.Succeeded)
        {
            return View("PasswordLink", result.Link);
        }

        TempData["Message"] = string.Join(' ', result.Errors);
        return RedirectToAction(nameof(Edit), new { id });
    }

    private async Task<IActionResult> SetDisabled(string id, bool disabled)
    {
        var result = await admin.SetDisabledAsync(id, disabled, User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty, User.AuditName());
        if (!result.Succeeded && result.Errors.Contains("Utente non trovato."))
        {
            return NotFound();
        }

        TempData["Message"] = result.Succeeded ? (disabled ? "Utente disattivato: le sue sessioni sono terminate (su altre istanze del portale entro 30 secondi)." : "Utente riattivato.") : string.Join(' ', result.Errors);
        return RedirectToAction(nameof(Edit), new { id });
    }

    // On the configured public address, never on the request's Host header (which the sender writes).
    private string PasswordLink(string userId, string token) =>
        publicAddress.Link($"/accesso/imposta-password?utente={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}");

    private void AddErrors(IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(string.Empty, error);
        }
    }
}

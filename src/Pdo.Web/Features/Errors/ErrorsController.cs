using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Pdo.Web.Features.Errors;

/// <summary>
/// Friendly Italian error pages: never a stack trace outside Development. The status-code pages re-execute the
/// failed request's method here, so a refused POST (a 429 without a valid form, say) must not fail antiforgery: these
/// actions only render a page.
/// </summary>
[Route("errore")]
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController : Controller
{
    [Route("")]
    public IActionResult ServerError()
    {
        ViewData["RequestId"] = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View("~/Views/Shared/Error.cshtml");
    }

    [Route("{statusCode:int}")]
    public IActionResult Status(int statusCode)
    {
        var view = statusCode switch
        {
            StatusCodes.Status404NotFound => "~/Views/Shared/NotFound.cshtml",
            StatusCodes.Status403Forbidden => "~/Views/Shared/Forbidden.cshtml",
            StatusCodes.Status429TooManyRequests => "~/Views/Shared/TooManyRequests.cshtml",
            _ => "~/Views/Shared/Error.cshtml",
        };
        Response.StatusCode = statusCode is >= 400 and < 600 ? statusCode : StatusCodes.Status500InternalServerError;
        return View(view);
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Pdo.Web.Features.Errors;

/// <summary>
/// Friendly Italian error pages: never a stack trace outside Development. The status-code page re-executes the
/// request with its own method (a refused POST comes here as a POST), so these actions answer any method, skip the
/// antiforgery check (a stale form token must not fail its own error page) and bind nothing from the request (the
/// body of a refused upload is never read again).
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
    public IActionResult Status()
    {
        var statusCode = int.TryParse(RouteData.Values["statusCode"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 400 and < 600
            ? code
            : StatusCodes.Status500InternalServerError;
        Response.StatusCode = statusCode;
        switch (statusCode)
        {
            case StatusCodes.Status404NotFound:
                return View("~/Views/Shared/NotFound.cshtml");
            case StatusCodes.Status403Forbidden:
                return View("~/Views/Shared/Forbidden.cshtml");
            case >= 500:
                ViewData["RequestId"] = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
                return View("~/Views/Shared/Error.cshtml");
        }

        var (title, text) = ErrorPages.For(statusCode);
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var retry = original is null ? null : $"{original.OriginalPathBase}{original.OriginalPath}{original.OriginalQueryString}";
        if (retry is not null && !Url.IsLocalUrl(retry))
        {
            retry = null; // e.g. a path starting with "//" would be a link to another site
        }

        return View("~/Views/Shared/ClientError.cshtml", new ErrorPageViewModel(statusCode, title, text, ErrorPages.Detail(HttpContext), retry));
    }
}

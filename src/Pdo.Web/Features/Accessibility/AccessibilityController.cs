using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Pdo.Web.Features.Accessibility;

/// <summary>The accessibility statement (dichiarazione di accessibilità) linked from every page's footer; docs/accessibility.md.</summary>
[AllowAnonymous]
public sealed class AccessibilityController : Controller
{
    [HttpGet("accessibilita")]
    public IActionResult Statement() => View();
}

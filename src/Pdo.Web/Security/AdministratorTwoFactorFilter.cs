using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Features;

namespace Pdo.Web.Security;

/// <summary>Marks the actions an administrator signed in without a second factor may still use: enrolment and sign-out.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute;

/// <summary>
/// The second factor is required of administrators: one signed in with the password alone (their cookie has no
/// <c>amr=mfa</c> claim, which Identity adds after the code step) reaches only the enrolment page, sign-out and the
/// public pages; any other page sends them to enrolment (a POST is refused with 403).
/// </summary>
public sealed class AdministratorTwoFactorFilter : IAuthorizationFilter
{
    /// <summary>The claim Identity adds to a sign-in completed with a second factor.</summary>
    public const string MfaClaimType = "amr";
    public const string MfaClaimValue = "mfa";

    public static bool MustEnrol(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Administrator) && !user.HasClaim(MfaClaimType, MfaClaimValue);

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!MustEnrol(http.User))
        {
            return;
        }

        var metadata = context.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || metadata.OfType<AllowWithoutTwoFactorAttribute>().Any())
        {
            return;
        }

        context.Result = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            ? new RedirectResult(Links.TwoFactorEnrolment)
            : new StatusCodeResult(StatusCodes.Status403Forbidden);
    }
}

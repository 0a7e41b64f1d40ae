using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pdo.Infrastructure.Identity;

namespace Pdo.Web.Tests.Support;

/// <summary>
/// Signs a request in as the role and Direzioni named in its headers (the test authentication scheme); requests
/// without the header go to the real Identity cookie.
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string RoleHeader = "X-Test-Role";
    public const string DirectoratesHeader = "X-Test-Directorates";

    /// <summary>Optional: the user name, for tests that need two users of the same role (the four-eyes review).</summary>
    public const string UserHeader = "X-Test-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(RoleHeader, out var role))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var name = Request.Headers.TryGetValue(UserHeader, out var user) && user.ToString().Length > 0
            ? user.ToString()
            : $"test.{role.ToString().ToLowerInvariant()}@pdo.local";
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"test-{role}"),
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Role, role.ToString()),
            new(PdoClaims.FullName, $"Test {role}"),

            // Signed in with both factors, as a real administrator must be (AdministratorTwoFactorFilter).
            new("amr", "mfa"),
        };
        if (Request.Headers.TryGetValue(DirectoratesHeader, out var ids))
        {
            claims.AddRange(ids.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => new Claim(PdoClaims.Directorate, id)));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

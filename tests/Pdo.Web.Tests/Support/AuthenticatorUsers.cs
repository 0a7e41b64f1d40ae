using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Identity;

namespace Pdo.Web.Tests.Support;

public static class AuthenticatorUsers
{
    /// <summary>A real user with the second factor enabled (as the enrolment page leaves it); returns the authenticator key.</summary>
    public static async Task<string> CreateEnrolledUserAsync(this PdoWebFactory factory, string email, string role)
    {
        var user = await factory.CreateUserAsync(email, role);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        await users.ResetAuthenticatorKeyAsync(stored);
        await users.SetTwoFactorEnabledAsync(stored, true);
        return (await users.GetAuthenticatorKeyAsync(stored))!;
    }
}

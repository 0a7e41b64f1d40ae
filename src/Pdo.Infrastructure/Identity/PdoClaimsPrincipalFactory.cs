using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Identity;

/// <summary>Adds the user's full name and Direzioni to the sign-in cookie, so authorization needs no query.</summary>
public sealed class PdoClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PdoClaims.FullName, user.FullName));
        var directorates = await db.UserDirectorates.Where(d => d.UserId == user.Id).Select(d => d.DirectorateId).ToListAsync();
        foreach (var id in directorates)
        {
            identity.AddClaim(new Claim(PdoClaims.Directorate, id.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}

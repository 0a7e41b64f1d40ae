using System.Security.Claims;
using Pdo.Domain.Oversight;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Oversight;

/// <summary>The signed-in user as the actor of an observation or a validation (role, user name, full name, Direzioni).</summary>
public static class OversightActors
{
    public static OversightActor Evaluator(ClaimsPrincipal user) => OversightActor.Evaluator(user.AuditName(), user.DisplayName());

    /// <summary>Who answers: the planning office, else a Direttore with their Direzioni.</summary>
    public static OversightActor Answerer(ClaimsPrincipal user) => new(
        user.IsInRole(Roles.PlanningOffice) ? OversightRole.PlanningOffice : OversightRole.DirectorateManager,
        user.AuditName(),
        user.DisplayName(),
        user.DirectorateIds());

    /// <summary>The Direzioni whose observations a user sees in the list: all (null) for the OIV and the planning office.</summary>
    public static IReadOnlySet<int>? VisibleDirectorates(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Evaluator) || user.IsInRole(Roles.PlanningOffice) ? null : user.DirectorateIds();

    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.AuditName();
}

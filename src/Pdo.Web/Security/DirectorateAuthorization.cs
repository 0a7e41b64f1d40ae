using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;

namespace Pdo.Web.Security;

/// <summary>Something owned by a Direzione (an objective, its KPIs and results); null for the whole Ente.</summary>
public sealed record DirectorateResource(int? DirectorateId)
{
    /// <summary>The owner of the objective <paramref name="code"/> of the plan <paramref name="year"/>; null when there is no such objective.</summary>
    public static async Task<DirectorateResource?> OfObjectiveAsync(AppDbContext db, int year, string code, CancellationToken cancellationToken)
    {
        // A join from the plan (not a correlated EXISTS): SQLite then reads the objective by its (PlanId, Code) index
        // instead of scanning every objective of every plan.
        var objective = await db.Objectives.AsNoTracking()
            .Where(o => o.Code == code && o.Plan!.Year == year)
            .Select(o => new { o.DirectorateId })
            .FirstOrDefaultAsync(cancellationToken);
        return objective is null ? null : new DirectorateResource(objective.DirectorateId);
    }
}

/// <summary>What a user may do on a <see cref="DirectorateResource"/>.</summary>
public static class Operations
{
    public static readonly OperationAuthorizationRequirement EnterResults = new() { Name = nameof(EnterResults) };
    public static readonly OperationAuthorizationRequirement ReviewResults = new() { Name = nameof(ReviewResults) };
    public static readonly OperationAuthorizationRequirement ExportReport = new() { Name = nameof(ExportReport) };
    public static readonly OperationAuthorizationRequirement EditPlan = new() { Name = nameof(EditPlan) };
    public static readonly OperationAuthorizationRequirement WriteNarrative = new() { Name = nameof(WriteNarrative) };
    public static readonly OperationAuthorizationRequirement AnswerObservation = new() { Name = nameof(AnswerObservation) };
}

/// <summary>
/// Resource-based rule: a Direttore acts only on the objectives of their own Direzioni; the planning office on
/// every objective; the Giunta and the administrators export everything.
/// </summary>
public sealed class DirectorateAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, DirectorateResource>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement,
        DirectorateResource resource)
    {
        var user = context.User;
        var own = user.OwnsDirectorate(resource.DirectorateId);
        var allowed = requirement.Name switch
        {
            nameof(Operations.EnterResults) => user.IsInRole(Roles.PlanningOffice) || (user.IsInRole(Roles.DirectorateManager) && own),
            nameof(Operations.ReviewResults) => (user.IsInRole(Roles.DirectorateManager) && own)
                || (user.IsInRole(Roles.PlanningOffice) && resource.DirectorateId is null),
            nameof(Operations.ExportReport) => user.IsInRole(Roles.Executive) || user.IsInRole(Roles.PlanningOffice) || user.IsInRole(Roles.Evaluator)
                || user.IsInRole(Roles.Administrator) || (user.IsInRole(Roles.DirectorateManager) && own),
            nameof(Operations.EditPlan) => user.IsInRole(Roles.PlanningOffice),

            // An objective's description: the planning office for all, a Direttore for their own (none for objectives of the whole Ente).
            // An OIV observation is answered by the same users, on the same objectives.
            nameof(Operations.WriteNarrative) or nameof(Operations.AnswerObservation) => user.IsInRole(Roles.PlanningOffice) || (user.IsInRole(Roles.DirectorateManager) && own),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class ClaimsPrincipalExtensions
{
    public static IReadOnlySet<int> DirectorateIds(this ClaimsPrincipal user) =>
        user.FindAll(PdoClaims.Directorate)
            .Select(c => int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id > 0)
            .ToHashSet();

    public static bool OwnsDirectorate(this ClaimsPrincipal user, int? directorateId) =>
        directorateId is int id && user.DirectorateIds().Contains(id);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(PdoClaims.FullName) is { Length: > 0 } name ? name : user.Identity?.Name ?? "Utente";

    public static string AuditName(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonimo";
}

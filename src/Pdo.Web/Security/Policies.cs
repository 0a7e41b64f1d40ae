using Microsoft.AspNetCore.Authorization;
using Pdo.Infrastructure.Identity;

namespace Pdo.Web.Security;

/// <summary>The named authorization policies of Pdo: the only place where roles meet permissions.</summary>
public static class Policies
{
    /// <summary>Users, roles, Direzioni and reference data.</summary>
    public const string Administration = nameof(Administration);

    /// <summary>Plans, structure, targets and the results of every objective.</summary>
    public const string PlanEditing = nameof(PlanEditing);

    /// <summary>May open result entry at all (which objectives is decided per resource).</summary>
    public const string ResultEntry = nameof(ResultEntry);

    /// <summary>May write objectives' descriptions at all (which objectives is decided per resource).</summary>
    public const string NarrativeEditing = nameof(NarrativeEditing);

    /// <summary>May review results at all: Direttori for their Direzioni, the planning office for objectives of the whole Ente (decided per resource).</summary>
    public const string ResultReview = nameof(ResultReview);

    /// <summary>May export the consuntivo (a Direttore only for their Direzioni, decided per resource).</summary>
    public const string ReportExport = nameof(ReportExport);

    /// <summary>Approves or rejects score overrides («forzature»): the OIV / Nucleo di Valutazione.</summary>
    public const string OverrideDecision = nameof(OverrideDecision);
    /// <summary>The OIV's own acts: raising, closing and reopening observations, validating the Relazione.</summary>
    public const string Evaluation = nameof(Evaluation);

    /// <summary>May answer observations at all (which objectives is decided per resource, as for narratives).</summary>
    public const string ObservationAnswer = nameof(ObservationAnswer);

    /// <summary>The list of observations of a plan: the OIV, the planning office, a Direttore (their Direzioni only).</summary>
    public const string ObservationList = nameof(ObservationList);

    /// <summary>The checks page of a plan: the OIV and the planning office.</summary>
    public const string PlanChecks = nameof(PlanChecks);

    /// <summary>The Relazione sulla Performance and the validation document: Giunta, OIV, planning office, Amministratore.</summary>
    public const string RelazioneExport = nameof(RelazioneExport);

    public static void Configure(AuthorizationOptions options)
    {
        // Everything needs a signed-in user unless it says [AllowAnonymous].
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Administration, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(PlanEditing, p => p.RequireRole(Roles.PlanningOffice));
        options.AddPolicy(ResultEntry, p => p.RequireRole(Roles.PlanningOffice, Roles.DirectorateManager));
        options.AddPolicy(NarrativeEditing, p => p.RequireRole(Roles.PlanningOffice, Roles.DirectorateManager));
        options.AddPolicy(ResultReview, p => p.RequireRole(Roles.DirectorateManager, Roles.PlanningOffice));
        options.AddPolicy(OverrideDecision, p => p.RequireRole(Roles.Evaluator));
        options.AddPolicy(Evaluation, p => p.RequireRole(Roles.Evaluator));
        options.AddPolicy(ObservationAnswer, p => p.RequireRole(Roles.PlanningOffice, Roles.DirectorateManager));
        options.AddPolicy(ObservationList, p => p.RequireRole(Roles.Evaluator, Roles.PlanningOffice, Roles.DirectorateManager));
        options.AddPolicy(PlanChecks, p => p.RequireRole(Roles.Evaluator, Roles.PlanningOffice));
        options.AddPolicy(RelazioneExport, p => p.RequireRole(Roles.Executive, Roles.Evaluator, Roles.PlanningOffice, Roles.Administrator));
        options.AddPolicy(ReportExport, p => p.RequireRole(Roles.Executive, Roles.PlanningOffice, Roles.Administrator, Roles.DirectorateManager, Roles.Evaluator));
    }
}

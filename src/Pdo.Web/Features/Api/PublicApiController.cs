using System.ComponentModel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Api;

/// <summary>
/// The read-only JSON API of approved plans, version 1 (ADR 011): anonymous, GET only, rate-limited per client
/// address, cacheable (ETag, 304), CORS open to any origin; documented at <c>/api/v1/openapi.json</c>. A year
/// without an approved plan, or a code not in it, is a 404 problem in Italian.
/// </summary>
[ApiController]
[Route("api/v1")]
[AllowAnonymous]
[EnableCors(PublicApi.CorsPolicy)]
[EnableRateLimiting(AccountSecurity.ApiRateLimit)]
public sealed class PublicApiController(PublicApiService api) : Controller
{
    [HttpGet("plans")]
    [EndpointSummary("Piani approvati")]
    [EndpointDescription("I piani approvati, dal più recente, ciascuno con l'atto di approvazione e il punteggio del piano nel periodo finale (consuntivo).")]
    [ProducesResponseType<ApiPlanList>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> Plans(CancellationToken cancellationToken) =>
        new CachedJsonResult(await api.PlansAsync(cancellationToken));

    [HttpGet("plans/{year:int}")]
    [EndpointSummary("Un piano approvato")]
    [EndpointDescription("Il piano: periodi, punteggio del piano, sezioni, aree strategiche, Direzioni e obiettivi, ciascuno con il punteggio del consuntivo e come è calcolato.")]
    [ProducesResponseType<ApiPlan>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> Plan([Description("L'anno del piano, es. 2019.")] int year, CancellationToken cancellationToken) =>
        await api.PlanAsync(year, cancellationToken) is { } plan ? new CachedJsonResult(plan) : NoPlan(year);

    [HttpGet("plans/{year:int}/objectives")]
    [EndpointSummary("Gli obiettivi di un piano approvato")]
    [EndpointDescription("Gli obiettivi del piano nell'ordine del consuntivo, con sezione, area, Direzione, peso e punteggio.")]
    [ProducesResponseType<ApiObjectiveList>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> Objectives([Description("L'anno del piano, es. 2019.")] int year, CancellationToken cancellationToken) =>
        await api.ObjectivesAsync(year, cancellationToken) is { } objectives ? new CachedJsonResult(objectives) : NoPlan(year);

    [HttpGet("plans/{year:int}/objectives/{code}")]
    [EndpointSummary("Un obiettivo con i suoi KPI")]
    [EndpointDescription("L'obiettivo con i suoi KPI: target, risultato di ogni periodo, motivazione dello scostamento e punteggio con come è calcolato.")]
    [ProducesResponseType<ApiObjective>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> Objective(
        [Description("L'anno del piano, es. 2019.")] int year,
        [Description("Il codice dell'obiettivo, es. SOL-01.")] string code,
        CancellationToken cancellationToken) =>
        await api.ObjectiveAsync(year, code, cancellationToken) is { } objective
            ? new CachedJsonResult(objective)
            : NotFoundProblem("Obiettivo non trovato", $"Il piano approvato del {year} non ha un obiettivo con codice «{code}», oppure il piano non è approvato.");

    private IActionResult NoPlan(int year) =>
        NotFoundProblem("Piano non trovato", $"Non c'è un piano approvato per l'anno {year}: l'API pubblica solo i piani approvati.");

    private IActionResult NotFoundProblem(string title, string detail) =>
        new ProblemResult(CachedJsonResult.Problem(StatusCodes.Status404NotFound, title, detail, Request.Path));

    /// <summary>An Italian problem+json, written by the same writer as the rate limiter's 429.</summary>
    private sealed class ProblemResult(ProblemDetails problem) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => CachedJsonResult.WriteProblemAsync(context.HttpContext, problem);
    }
}

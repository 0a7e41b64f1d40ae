using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace Pdo.Web.Features.Errors;

/// <summary>
/// Global: when the antiforgery check refuses a POST (a bare 400), leaves the stale-form message for the status-code
/// page. MVC's antiforgery filter sets no <c>IAntiforgeryValidationFeature</c>, so the failure is recognised by its
/// result, which always-run result filters see even when an authorization filter short-circuits. The refusal is an
/// expected conflict: one warning line, no stack trace (<see cref="Pdo.Web.Infrastructure.ExpectedConflicts"/>).
/// </summary>
public sealed class StaleFormFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            ErrorPages.SetDetail(context.HttpContext, ErrorPages.StaleForm);
            var request = context.HttpContext.Request;
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<StaleFormFilter>()
                .LogWarning("Stale form refused on {Method} {Path}: the antiforgery token does not validate (expired, or from another session)", request.Method, request.Path);
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

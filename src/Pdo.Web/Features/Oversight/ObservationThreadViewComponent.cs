using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pdo.Web.Security;

namespace Pdo.Web.Features.Oversight;

/// <summary>
/// «Osservazioni dell'OIV» on the objective page: the threads, the OIV's form and buttons, and the answer forms for
/// the planning office and the owning Direttore (the same policies and resource check as <see cref="ObservationsController"/>).
/// </summary>
public sealed class ObservationThreadViewComponent(ObservationService observations, IAuthorizationService authorization) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int year, string code)
    {
        if (await observations.ThreadAsync(year, code, HttpContext.RequestAborted) is not var (directorate, kpis, accepts, threads))
        {
            return Content(string.Empty);
        }

        var user = UserClaimsPrincipal;
        var evaluator = (await authorization.AuthorizeAsync(user, Policies.Evaluation)).Succeeded;
        var answerer = (await authorization.AuthorizeAsync(user, Policies.ObservationAnswer)).Succeeded
            && (await authorization.AuthorizeAsync(user, new DirectorateResource(directorate), Security.Operations.AnswerObservation)).Succeeded;
        return View("~/Features/Oversight/_Thread.cshtml", new ObservationThreadViewModel(year, code, kpis, threads, evaluator && accepts, answerer, evaluator));
    }
}

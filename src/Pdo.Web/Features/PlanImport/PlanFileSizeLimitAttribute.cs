using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Pdo.Infrastructure.PlanImport;
using Pdo.Web.Features.Errors;

namespace Pdo.Web.Features.PlanImport;

/// <summary>
/// Refuses a plan upload over the limit with the upload form and "Il file supera i 20 MB." (413), before anything
/// reads the body. It runs before the antiforgery check (which reads the form for its token): a body the server will
/// not read is refused by its declared length, and one without a length is refused when reading it passes the limit
/// (Kestrel's <see cref="BadHttpRequestException"/>) — otherwise the antiforgery check itself failed on the unreadable
/// form with a bare 400.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public class PlanFileSizeLimitAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public const string TooLarge = "Il file supera i 20 MB.";

    public const string Unreadable = "Il modulo inviato non è leggibile: ricaricare la pagina e scegliere di nuovo il file.";

    /// <summary>The file plus the rest of the multipart form (token, boundaries, headers).</summary>
    public const long MaxRequestBytes = PlanImportController.MaxFileBytes + 64 * 1024;

    /// <summary>Before the antiforgery filter (1000), after <see cref="RequestSizeLimitAttribute"/> (900) set the server's limit.</summary>
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return;
        }

        if (request.ContentLength > MaxRequestBytes)
        {
            Refuse(context);
            return;
        }

        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Refuse(context);
        }
        catch (InvalidDataException)
        {
            // A multipart body the form reader cannot read (no boundary, cut short): not a stale form, not too large.
            ErrorPages.SetDetail(context.HttpContext, Unreadable);
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The upload page's model showing <see cref="TooLarge"/> (the results upload shows its own page).</summary>
    protected virtual object TooLargeModel(AuthorizationFilterContext context) =>
        new PlanImportViewModel(PlanImportResult.Rejected([new PlanImportError(string.Empty, TooLarge)]), null);

    private void Refuse(AuthorizationFilterContext context)
    {
        var metadata = context.HttpContext.RequestServices.GetRequiredService<IModelMetadataProvider>();
        context.Result = new ViewResult
        {
            ViewName = "Upload",
            StatusCode = StatusCodes.Status413PayloadTooLarge,
            ViewData = new ViewDataDictionary(metadata, new ModelStateDictionary()) { Model = TooLargeModel(context) },
        };
    }
}

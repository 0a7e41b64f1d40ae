using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace Pdo.Web.Infrastructure;

/// <summary>
/// Every action that answers GET answers HEAD too (RFC 9110 §9.3.2: the same status and header fields, no body; Kestrel
/// sends none). Attribute routes match only the methods they name, so without this a link checker, an uptime monitor
/// or a transparency crawler probing a page with HEAD got 405. HEAD is a safe method everywhere it is checked
/// (antiforgery, session validation, the administrators' second factor); the page caches keep GET responses only.
/// </summary>
public sealed class HeadLikeGetConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var selector in action.Selectors)
        {
            var get = selector.EndpointMetadata.OfType<HttpMethodMetadata>()
                .FirstOrDefault(m => m.HttpMethods.Contains(HttpMethods.Get) && !m.HttpMethods.Contains(HttpMethods.Head));
            if (get is null)
            {
                continue;
            }

            string[] methods = [.. get.HttpMethods, HttpMethods.Head];
            selector.EndpointMetadata[selector.EndpointMetadata.IndexOf(get)] = new HttpMethodMetadata(methods, get.AcceptCorsPreflight);
            for (var i = 0; i < selector.ActionConstraints.Count; i++)
            {
                if (selector.ActionConstraints[i] is HttpMethodActionConstraint constraint && constraint.HttpMethods.Contains(HttpMethods.Get))
                {
                    selector.ActionConstraints[i] = new HttpMethodActionConstraint(methods);
                }
            }
        }
    }
}

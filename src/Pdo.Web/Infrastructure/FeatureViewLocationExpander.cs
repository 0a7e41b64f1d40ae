using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Pdo.Web.Infrastructure;

/// <summary>
/// Finds a controller's views in its feature folder: the controller in namespace Pdo.Web.Features.Accounts
/// renders /Features/Accounts/{view}.cshtml, then /Features/Shared and /Views/Shared.
/// </summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    private const string Key = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action &&
            action.ControllerTypeInfo.Namespace is { } ns &&
            ns.StartsWith("Pdo.Web.Features.", StringComparison.Ordinal))
        {
            context.Values[Key] = ns["Pdo.Web.Features.".Length..].Split('.')[0];
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue(Key, out var feature) && feature is not null)
        {
            yield return $"/Features/{feature}/{{0}}.cshtml";
        }

        yield return "/Features/Shared/{0}.cshtml";
        foreach (var location in viewLocations)
        {
            yield return location;
        }
    }
}

using Pdo.Infrastructure.Auditing;

namespace Pdo.Web.Infrastructure;

/// <summary>The signed-in user of the current request is the author of every audited change.</summary>
public sealed class HttpAuditContext(IHttpContextAccessor accessor) : IAuditContext
{
    public string UserName => accessor.HttpContext?.User.Identity?.Name is { Length: > 0 } name ? name : "sistema";

    public string? Reason { get; set; }
}

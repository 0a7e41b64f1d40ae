using Pdo.Infrastructure.Auditing;

namespace Pdo.Web.Infrastructure;

/// <summary>
/// The signed-in user of the current request is the author of every audited change; in a background job, the user
/// who started it (<see cref="ActingFor"/>, set by the job runner on the job's own scope).
/// </summary>
public sealed class HttpAuditContext(IHttpContextAccessor accessor) : IAuditContext
{
    public string UserName => ActingFor ?? (accessor.HttpContext?.User.Identity?.Name is { Length: > 0 } name ? name : "sistema");

    public string? ActingFor { get; set; }

    public string? Reason { get; set; }
}

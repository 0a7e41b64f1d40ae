namespace Pdo.Web.Infrastructure;

/// <summary>
/// The rest of a request run with its response body written to memory, for the filters that keep rendered responses
/// (<c>RenderedDashboardCache</c>, <c>PublicPageCache</c>).
/// </summary>
public static class BufferedResponse
{
    /// <summary>Runs <paramref name="next"/> and returns what it wrote; the response has not started.</summary>
    public static async Task<byte[]> CaptureAsync(HttpContext http, Func<Task> next)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            http.Response.Body = original;
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Sends what was captured. Nothing rendered (a 404): writing even zero bytes would start the response, and the
    /// status-code page could no longer write its Italian page.
    /// </summary>
    public static Task SendAsync(HttpContext http, byte[] body) =>
        body.Length > 0 ? http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask() : Task.CompletedTask;
}

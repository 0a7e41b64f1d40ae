using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Html;

namespace Pdo.Web.Infrastructure;

/// <summary>
/// Hands data to a page's static script as <c>&lt;script type="application/json" id="…"&gt;</c> (the
/// Content-Security-Policy has no inline script). The JSON is written with every &lt;, &gt;, &amp;, quote and
/// non-ASCII character escaped as \uXXXX, so no user text can close the element or be read as HTML: this is the
/// one place where Pdo writes unencoded markup.
/// </summary>
public static class JsonScriptBlock
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default };

    public static IHtmlContent Render(string id, object data)
    {
        var json = JsonSerializer.Serialize(data, Options);
        var builder = new HtmlContentBuilder();
        builder.AppendHtml("<script type=\"application/json\" id=\"");
        builder.Append(id);
        builder.AppendHtml("\">");
        builder.AppendHtml(json);
        builder.AppendHtml("</script>");
        return builder;
    }
}

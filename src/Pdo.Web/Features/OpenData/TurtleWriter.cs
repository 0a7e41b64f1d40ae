using System.Text;
using System.Text.Json.Nodes;

namespace Pdo.Web.Features.OpenData;

/// <summary>
/// The same DCAT-AP_IT catalogue in Turtle (<c>/opendata/catalogo.ttl</c>), written from the JSON-LD of
/// <see cref="DcatCatalogue"/> so that the two can never say different things. It reads the compact shape that
/// <see cref="DcatCatalogue"/> writes: prefixed property names, <c>@type</c>, <c>@id</c> (a node, written once and
/// referenced elsewhere), <c>@value</c> with <c>@language</c> or <c>@type</c>, nodes without <c>@id</c> (blank
/// nodes, written inline) and arrays.
/// </summary>
public static class TurtleWriter
{
    public static string Write(JsonObject jsonLd)
    {
        var turtle = new StringBuilder();
        foreach (var (prefix, iri) in jsonLd["@context"]!.AsObject())
        {
            turtle.Append("@prefix ").Append(prefix).Append(": <").Append((string)iri!).Append("> .\n");
        }

        var pending = new Queue<JsonObject>([jsonLd]);
        var written = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var node))
        {
            var id = (string)node["@id"]!;
            if (written.Add(id))
            {
                turtle.Append('\n').Append(Iri(id)).Append('\n');
                Properties(turtle, node, pending, "    ");
                turtle.Append(" .\n");
            }
        }

        return turtle.ToString();
    }

    private static void Properties(StringBuilder turtle, JsonObject node, Queue<JsonObject> pending, string indent)
    {
        var first = true;
        foreach (var (name, value) in node)
        {
            if (name is "@context" or "@id" || value is null)
            {
                continue;
            }

            turtle.Append(first ? string.Empty : " ;\n").Append(indent).Append(name == "@type" ? "a" : name).Append(' ');
            var values = value is JsonArray array ? [.. array.Select(v => v!)] : new List<JsonNode> { value };
            turtle.AppendJoin(", ", values.Select(v => name == "@type" ? (string)v! : Object(v, pending, indent)));
            first = false;
        }
    }

    private static string Object(JsonNode value, Queue<JsonObject> pending, string indent)
    {
        if (value is not JsonObject o)
        {
            return Literal((string)value!);
        }

        if (o["@value"] is { } literal)
        {
            return o["@language"] is { } language ? $"{Literal((string)literal!)}@{(string)language!}"
                : o["@type"] is { } type ? $"{Literal((string)literal!)}^^{(string)type!}"
                : Literal((string)literal!);
        }

        if (o["@id"] is { } id)
        {
            if (o.Count > 1)
            {
                pending.Enqueue(o);
            }

            return Iri((string)id!);
        }

        var blank = new StringBuilder("[\n");
        Properties(blank, o, pending, indent + "    ");
        return blank.Append('\n').Append(indent).Append(']').ToString();
    }

    private static string Iri(string iri) => $"<{iri}>";

    private static string Literal(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
}

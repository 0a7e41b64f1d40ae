using System.Text.Json.Nodes;

namespace Pdo.Web.Tests.Api;

/// <summary>
/// Checks a JSON answer against a schema of an OpenAPI 3.1 document: every required property present, objects and
/// arrays followed down through <c>$ref</c>, <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c> and <c>items</c>, the JSON type
/// of each value as the schema says. Returns how many required properties it checked.
/// </summary>
internal static class OpenApiSchema
{
    public static int Check(JsonNode document, JsonNode schema, JsonNode? value, string path)
    {
        schema = Resolve(document, schema);
        if (value is null)
        {
            Assert.True(AllowsNull(document, schema), $"{path}: null where the schema does not allow it");
            return 0;
        }

        foreach (var key in new[] { "oneOf", "anyOf" })
        {
            if (schema[key] is JsonArray alternatives)
            {
                var fitting = alternatives.Select(a => Resolve(document, a!)).Where(a => !IsNullOnly(a)).ToList();
                Assert.NotEmpty(fitting);
                return Check(document, fitting[0], value, path);
            }
        }

        var count = 0;
        if (schema["allOf"] is JsonArray all)
        {
            count += all.Sum(part => Check(document, part!, value, path));
        }

        var types = Types(schema);
        if (value is JsonObject obj)
        {
            Assert.True(types.Count == 0 || types.Contains("object"), $"{path}: an object where the schema says {string.Join("|", types)}");
            foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
            {
                Assert.True(obj.ContainsKey(required), $"{path}: required property «{required}» missing");
                count++;
            }

            foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            {
                if (obj.TryGetPropertyValue(name, out var child))
                {
                    count += Check(document, property!, child, $"{path}.{name}");
                }
            }
        }
        else if (value is JsonArray array)
        {
            Assert.True(types.Count == 0 || types.Contains("array"), $"{path}: an array where the schema says {string.Join("|", types)}");
            var i = 0;
            foreach (var element in array)
            {
                count += schema["items"] is { } items ? Check(document, items, element, $"{path}[{i++}]") : 0;
            }
        }
        else
        {
            var kind = value.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.String => "string",
                System.Text.Json.JsonValueKind.Number => "number",
                _ => "boolean",
            };
            Assert.True(
                types.Count == 0 || types.Contains(kind) || (kind == "number" && types.Contains("integer")) || (kind == "string" && (types.Contains("number") || types.Contains("integer")) && schema["pattern"] is not null),
                $"{path}: a {kind} where the schema says {string.Join("|", types)}");
        }

        return count;
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        while (schema["$ref"] is { } reference)
        {
            var parts = ((string)reference!).TrimStart('#', '/').Split('/');
            schema = parts.Aggregate(document, (node, part) => node[part]!);
        }

        return schema;
    }

    private static List<string> Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => (string)t!)],
        JsonValue one => [(string)one!],
        _ => [],
    };

    private static bool IsNullOnly(JsonNode schema) => Types(schema) is ["null"];

    private static bool AllowsNull(JsonNode document, JsonNode schema) =>
        Types(schema).Contains("null")
        || (schema["nullable"] is JsonValue n && (bool)n)
        || new[] { "oneOf", "anyOf" }.Any(k => schema[k] is JsonArray a && a.Any(x => AllowsNull(document, Resolve(document, x!))));
}

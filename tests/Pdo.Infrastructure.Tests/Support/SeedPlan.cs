using System.Text;
using System.Text.Json.Nodes;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Tests.Support;

/// <summary>The embedded 2019 plan, as text or as a JSON tree that a test can break on purpose.</summary>
public static class SeedPlan
{
    public static string Text()
    {
        using var stream = typeof(DatabaseInitializer).Assembly.GetManifestResourceStream(DatabaseInitializer.SeedResource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static JsonObject Tree() => JsonNode.Parse(Text())!.AsObject();

    public static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    public static MemoryStream Stream(JsonNode json) => Stream(json.ToJsonString());
}

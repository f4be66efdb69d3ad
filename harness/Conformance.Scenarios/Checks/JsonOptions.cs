using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Scenarios.Checks;

internal static class JsonOptions
{
    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}

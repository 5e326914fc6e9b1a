using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmActors.Routing;

/// <summary>The JSON form of rule sets and decisions, as admins author them and the API shows them.</summary>
public static class RoutingJson
{
    /// <summary>camelCase names and camelCase enum strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly string[] ChannelNames = [.. Enum.GetValues<NotifyChannel>().Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.ToString()))];

    /// <summary>A notify channel's name as rule sets spell it ("dingTalk").</summary>
    public static string Name(NotifyChannel channel) => ChannelNames[(int)channel];
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmActors.FollowUp;

/// <summary>The JSON form of follow-up policies, as admins author them and the API shows them.</summary>
public static class FollowUpJson
{
    /// <summary>camelCase names and camelCase enum strings; unknown members are refused so a typo is not silently ignored.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}

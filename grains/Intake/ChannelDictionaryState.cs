namespace CrmActors.Grains.Intake;

/// <summary>The persisted channels of a tenant; null until the tenant first edits them (then the defaults are copied in).</summary>
[GenerateSerializer, Alias("crm.ChannelDictionaryState")]
public sealed class ChannelDictionaryState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "channels";

    [Id(0)] public Dictionary<string, List<string>>? Channels { get; set; }
    [Id(1)] public int Version { get; set; }
}

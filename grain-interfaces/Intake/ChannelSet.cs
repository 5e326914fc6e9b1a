namespace CrmActors.GrainInterfaces.Intake;

/// <summary>A tenant's channels at one version.</summary>
[GenerateSerializer, Immutable, Alias("crm.ChannelSet")]
public sealed record class ChannelSet(IReadOnlyDictionary<string, IReadOnlyList<string>> Channels, int Version)
{
    /// <summary>The matching dictionary for these channels.</summary>
    public ChannelDictionary ToDictionary() => new(Channels);
}

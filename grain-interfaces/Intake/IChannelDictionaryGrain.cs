namespace CrmActors.GrainInterfaces.Intake;

/// <summary>A tenant's channel dictionary, editable; starts as <see cref="ChannelDictionary.Default"/>. Key: "{tenant}/channels".</summary>
public interface IChannelDictionaryGrain : IGrainWithStringKey
{
    /// <summary>The id part of every tenant's dictionary key.</summary>
    const string Id = "channels";

    /// <summary>The canonical channels and their aliases.</summary>
    Task<ChannelSet> GetAsync();

    /// <summary>Creates or replaces a channel's aliases; an alias already taken by another channel is refused.</summary>
    Task<ChannelSet> PutChannelAsync(string channel, IReadOnlyList<string> aliases);

    /// <summary>Removes a channel; leads already captured keep it.</summary>
    Task<ChannelSet> RemoveChannelAsync(string channel);
}

using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.Grains.Common;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Intake;

/// <summary>A tenant's channel dictionary.</summary>
public sealed class ChannelDictionaryGrain(
    [PersistentState(ChannelDictionaryState.StateName, CrmStorage.Name)] IPersistentState<ChannelDictionaryState> state,
    ILogger<ChannelDictionaryGrain> logger) : Grain, IChannelDictionaryGrain
{
    /// <summary>Most aliases per channel.</summary>
    public const int MaxAliases = 50;

    private ChannelDictionaryState S => state.State;

    /// <inheritdoc />
    public Task<ChannelSet> GetAsync() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public async Task<ChannelSet> PutChannelAsync(string channel, IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        RequireChannelName(channel);
        if (aliases.Count > MaxAliases)
        {
            throw CrmException.Invalid("aliases", $"At most {MaxAliases} aliases per channel.");
        }

        var cleaned = new List<string>();
        foreach (var alias in aliases)
        {
            if (string.IsNullOrWhiteSpace(alias) || alias.Trim().Length > 64)
            {
                throw CrmException.Invalid("aliases", "Every alias must be 1 to 64 characters.");
            }

            if (!cleaned.Any(a => ChannelDictionary.Key(a) == ChannelDictionary.Key(alias)))
            {
                cleaned.Add(alias.Trim());
            }
        }

        var channels = Current();
        var taken = new ChannelDictionary(channels.Where(c => c.Key != channel).ToDictionary(c => c.Key, c => (IReadOnlyList<string>)c.Value));
        foreach (var alias in cleaned.Append(channel))
        {
            if (taken.Map(alias) is { } other)
            {
                throw new CrmException(CrmErrorCode.Conflict, $"'{alias}' already means channel '{other}'; remove it there first.", "aliases");
            }
        }

        channels[channel] = cleaned;
        S.Channels = channels;
        S.Version++;
        await state.WriteOrFailAsync(this, logger);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<ChannelSet> RemoveChannelAsync(string channel)
    {
        RequireChannelName(channel);
        var channels = Current();
        if (!channels.Remove(channel))
        {
            throw CrmException.NotFound("Channel", channel, "channel");
        }

        S.Channels = channels;
        S.Version++;
        await state.WriteOrFailAsync(this, logger);
        return Snapshot();
    }

    private static void RequireChannelName(string channel)
    {
        if (string.IsNullOrEmpty(channel) || channel.Length > 64 || !channel.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw CrmException.Invalid("channel", "A channel name is 1 to 64 characters of a-z, 0-9 and '_' (aliases may be anything).");
        }
    }

    /// <summary>A copy of the tenant's channels (the defaults until the first edit) that an edit may change.</summary>
    private Dictionary<string, List<string>> Current() =>
        S.Channels is { } stored
            ? stored.ToDictionary(c => c.Key, c => c.Value.ToList(), StringComparer.Ordinal)
            : ChannelDictionary.Default.Channels.ToDictionary(c => c.Key, c => c.Value.ToList(), StringComparer.Ordinal);

    private ChannelSet Snapshot() => new(
        Current().ToDictionary(c => c.Key, c => (IReadOnlyList<string>)c.Value, StringComparer.Ordinal),
        S.Version);
}

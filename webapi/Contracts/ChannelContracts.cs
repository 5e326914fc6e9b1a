namespace CrmActors.WebApi.Contracts;

/// <summary>The body of PUT /api/v1/channels/{channel}.</summary>
public sealed record class PutChannelRequest(IReadOnlyList<string>? Aliases);

/// <summary>One canonical channel and its aliases.</summary>
public sealed record class ChannelResponse(string Channel, IReadOnlyList<string> Aliases);

/// <summary>The tenant's channel dictionary.</summary>
public sealed record class ChannelsResponse(IReadOnlyList<ChannelResponse> Channels, int Version);

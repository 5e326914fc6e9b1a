using CrmActors.GrainInterfaces.Common;

namespace CrmActors.GrainInterfaces.Notifications;

/// <summary>The notify channels a rule set can name (the routing library's NotifyChannel, as spelled in JSON) and their grain keys.</summary>
public static class NotificationChannels
{
    /// <summary>The rep's inbox in the product; needs no webhook.</summary>
    public const string InApp = "inApp";

    /// <summary>The channels that go to a tenant-configured webhook.</summary>
    public static IReadOnlyList<string> Webhooks { get; } = ["sms", "dingTalk", "weCom", "email"];

    private const string KeyPrefix = "notify-";

    /// <summary>The key of <paramref name="tenant"/>'s <see cref="INotificationChannelGrain"/> for <paramref name="channel"/>.</summary>
    public static string GrainKey(string tenant, string channel) => GrainKeys.For(tenant, KeyPrefix + channel);

    /// <summary>The channel name in a channel grain's id.</summary>
    public static string ChannelOf(string grainId) => grainId.StartsWith(KeyPrefix, StringComparison.Ordinal) ? grainId[KeyPrefix.Length..] : grainId;
}

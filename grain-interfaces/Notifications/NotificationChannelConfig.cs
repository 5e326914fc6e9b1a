namespace CrmActors.GrainInterfaces.Notifications;

/// <summary>
/// Where a tenant's notifications on one channel go: the payload format, the webhook URL, the signing secret, and
/// who is alerted when the channel pauses itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.NotificationChannelConfig")]
public sealed record class NotificationChannelConfig(WebhookFormat Format, Uri Url, string? Secret, string? AlertRepId, string ConfiguredBy);

/// <summary>The body a webhook expects.</summary>
public enum WebhookFormat
{
    /// <summary>A DingTalk group robot: text message, signed with timestamp and sign query parameters.</summary>
    DingTalk = 0,

    /// <summary>A WeCom (WeChat Work) group robot: text message.</summary>
    WeCom = 1,

    /// <summary>A Slack incoming webhook: { "text" }.</summary>
    Slack = 2,

    /// <summary>CrmActors' own JSON event, for an SMS or e-mail gateway or any other receiver.</summary>
    Json = 3,
}

/// <summary>One notification to send.</summary>
[GenerateSerializer, Immutable, Alias("crm.OutboundNotification")]
public sealed record class OutboundNotification(string Id, string Event, string Text, string? LeadId, string? RepId, DateTimeOffset CreatedAt);

/// <summary>What became of a send.</summary>
public enum SendOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 0,

    /// <summary>The receiver failed or could not be reached; try again later.</summary>
    Failed = 1,

    /// <summary>The channel paused itself after repeated failures; nothing was sent until an admin resumes it.</summary>
    Paused = 2,

    /// <summary>The tenant has not configured this channel; nothing to send to.</summary>
    NotConfigured = 3,
}

/// <summary>A channel as an admin sees it: configuration (secret withheld), and its health.</summary>
[GenerateSerializer, Immutable, Alias("crm.NotificationChannelSnapshot")]
public sealed record class NotificationChannelSnapshot(
    string Channel, NotificationChannelConfig? Config, bool Paused, int ConsecutiveFailures, string? LastError, DateTimeOffset? LastDeliveredAt, long Delivered);

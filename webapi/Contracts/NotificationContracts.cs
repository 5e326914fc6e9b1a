namespace CrmActors.WebApi.Contracts;

/// <summary>
/// The body of PUT /api/v1/notification-channels/{channel}: the webhook's <c>format</c> (dingTalk, weCom, slack,
/// json), its <c>url</c>, an optional signing <c>secret</c>, and the rep id alerted when the channel pauses itself.
/// </summary>
public sealed record class PutNotificationChannelRequest(string? Format, string? Url, string? Secret, string? AlertRepId);

/// <summary>A notification channel as the API shows it; the secret never leaves the server, only whether one is set.</summary>
public sealed record class NotificationChannelResponse(
    string Channel,
    bool Configured,
    string? Format,
    string? Url,
    bool SecretSet,
    string? AlertRepId,
    bool Paused,
    int ConsecutiveFailures,
    string? LastError);

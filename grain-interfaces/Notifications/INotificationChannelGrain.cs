namespace CrmActors.GrainInterfaces.Notifications;

/// <summary>
/// One notification channel of a tenant (sms, dingTalk, weCom, email): its webhook and its health. A channel that
/// fails <c>FailuresBeforePause</c> times in a row pauses itself and alerts the configured admin; it resumes when an
/// admin says so. Key: "{tenant}/notify-{channel}".
/// </summary>
public interface INotificationChannelGrain : IGrainWithStringKey
{
    /// <summary>Consecutive failures after which a channel pauses itself.</summary>
    const int FailuresBeforePause = 3;

    /// <summary>Sets or replaces the webhook; a paused channel stays paused.</summary>
    Task<NotificationChannelSnapshot> ConfigureAsync(NotificationChannelConfig config);

    /// <summary>The channel.</summary>
    Task<NotificationChannelSnapshot> GetAsync();

    /// <summary>Sends one notification (signed; a timeout counts as a failure).</summary>
    Task<SendOutcome> SendAsync(OutboundNotification notification);

    /// <summary>Resumes a paused channel; its failure count starts again.</summary>
    Task<NotificationChannelSnapshot> ResumeAsync(string by);
}

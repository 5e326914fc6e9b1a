using CrmActors.GrainInterfaces.Notifications;

namespace CrmActors.Grains.Notifications;

/// <summary>The persisted state of a notification channel. Written when its configuration or health changes, not per send.</summary>
[GenerateSerializer, Alias("crm.NotificationChannelState")]
public sealed class NotificationChannelState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "notification-channel";

    [Id(0)] public NotificationChannelConfig? Config { get; set; }
    [Id(1)] public bool Paused { get; set; }
    [Id(2)] public int ConsecutiveFailures { get; set; }
    [Id(3)] public string? LastError { get; set; }
}

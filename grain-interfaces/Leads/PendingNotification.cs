using CrmActors.GrainInterfaces.Notifications;

namespace CrmActors.GrainInterfaces.Leads;

/// <summary>A notification a lead still owes on a channel: its outbox entry, with attempts made and when to try next.</summary>
[GenerateSerializer, Immutable, Alias("crm.PendingNotification")]
public sealed record class PendingNotification(string Channel, OutboundNotification Notification, int Attempts, DateTimeOffset NextAttemptAt);

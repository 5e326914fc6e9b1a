namespace CrmActors.GrainInterfaces.Reports;

/// <summary>
/// One message of a report day to push: a recipient's report or a manager's alert, through the configured channel.
/// <c>Outcome</c> is null until sent, then <c>Delivered</c>, or why it was given up (<c>NotConfigured</c>,
/// <c>Failed</c> after the last attempt); <c>Attempts</c> counts tries. <c>Text</c> is emptied once the
/// message is settled (the report itself holds what it said).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.ReportDelivery")]
public sealed record class ReportDelivery(string Id, string RecipientId, string Event, string Channel, string Text, int Attempts, string? Outcome, DateTimeOffset? NextAttemptAt);

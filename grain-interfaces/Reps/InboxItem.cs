namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// A to-do or alert in a rep's (or supervisor's) inbox. The id makes delivery idempotent. Its status only moves
/// forward: new, read, acknowledged, completed. <c>Severity</c> is null, yellow or red; <c>Detail</c> carries
/// longer text such as a pre-filled activity summary.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.InboxItem")]
public sealed record class InboxItem(
    string Id,
    string Kind,
    string Title,
    string? LeadId,
    DateTimeOffset CreatedAt,
    InboxStatus Status = InboxStatus.New,
    DateTimeOffset? StatusAt = null,
    string? StatusBy = null,
    string? Severity = null,
    string? Detail = null)
{
    /// <summary>A warning for the supervisor (a follow-up off its calendar appointment).</summary>
    public const string Yellow = "yellow";

    /// <summary>Red on the supervisor's board (a promise broken, an escalation flag).</summary>
    public const string Red = "red";
}

/// <summary>Where an inbox item stands; each status implies the ones before it.</summary>
public enum InboxStatus
{
    /// <summary>Delivered, not opened.</summary>
    New = 0,

    /// <summary>Opened.</summary>
    Read = 1,

    /// <summary>Taken on by its owner.</summary>
    Acknowledged = 2,

    /// <summary>Done.</summary>
    Completed = 3,
}

using CrmActors.GrainInterfaces.Reps;

namespace CrmActors.Grains.Reps;

/// <summary>The persisted state of a rep.</summary>
[GenerateSerializer, Alias("crm.RepState")]
public sealed class RepState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "rep";

    /// <summary>How many inbox items are kept; the oldest go first.</summary>
    public const int InboxLimit = 500;

    [Id(0)] public RepProfile? Profile { get; set; }
    [Id(1)] public List<string> OpenLeadIds { get; set; } = [];
    [Id(2)] public List<InboxItem> Inbox { get; set; } = [];

    /// <summary>Ids of every item ever delivered that is still kept, for idempotent delivery.</summary>
    public bool HasDelivered(string itemId) => Inbox.Exists(i => i.Id == itemId);
}

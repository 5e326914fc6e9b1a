using CrmActors.GrainInterfaces.Conversations;

namespace CrmActors.Grains.Conversations;

/// <summary>The persisted state of a lead's conversations: every draft, pending or confirmed.</summary>
[GenerateSerializer, Alias("crm.ConversationState")]
public sealed class ConversationState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "conversations";

    [Id(0)] public List<ConversationDraft> Drafts { get; set; } = [];
    [Id(1)] public int Sequence { get; set; }
}

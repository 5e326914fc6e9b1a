namespace CrmActors.GrainInterfaces.Conversations;

/// <summary>
/// The conversations posted on one lead and the activities drafted from them, waiting for the rep to confirm
/// (extraction runs in this grain, in-process). Confirming logs the activity through the lead like any other.
/// Key: "{tenant}/{leadId}".
/// </summary>
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>The most drafts a lead keeps; the oldest confirmed ones make room.</summary>
    const int MaxDrafts = 50;

    /// <summary>Reads the conversation and stores its draft, pending confirmation.</summary>
    Task<ConversationDraft> DraftAsync(NewConversation conversation);

    /// <summary>A draft, or null when the lead has none with that id.</summary>
    Task<ConversationDraft?> GetAsync(string draftId);

    /// <summary>
    /// Logs the draft's activity on the lead with the rep's edits; on success the draft is confirmed with the activity's
    /// id, on invalid fields nothing changes and the problems are returned.
    /// </summary>
    Task<ConversationConfirmation> ConfirmAsync(string draftId, ConversationEdits edits);
}

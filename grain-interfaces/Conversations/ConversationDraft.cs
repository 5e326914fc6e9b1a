namespace CrmActors.GrainInterfaces.Conversations;

/// <summary>
/// An activity drafted from a conversation: each extracted field with its evidence, and the activity it proposes
/// (type, fields, summary, tags, suggested follow-up). <paramref name="Status"/> is <c>pending</c> or <c>confirmed</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.ConversationDraft")]
public sealed record class ConversationDraft(
    string Id,
    string LeadId,
    string Status,
    string Kind,
    DateTimeOffset PostedAt,
    string PostedBy,
    DateTimeOffset LastMessageAt,
    IReadOnlyList<string> Speakers,
    IReadOnlyList<string> RepSpeakers,
    DraftField? ContactName,
    DraftField? ContactRole,
    DraftField? Need,
    DraftBudget? Budget,
    IReadOnlyList<DraftDate> Dates,
    IReadOnlyList<DraftField> Competitors,
    IReadOnlyList<DraftField> Objections,
    DraftField? NextStep,
    string ActivityType,
    IReadOnlyDictionary<string, string> ActivityFields,
    string Summary,
    IReadOnlyList<string> Tags,
    DateTimeOffset? SuggestedNextFollowUpAt,
    string? ActivityId,
    DateTimeOffset? ConfirmedAt,
    string? ConfirmedBy);

namespace CrmActors.GrainInterfaces.Conversations;

/// <summary>
/// What the rep changes when confirming a draft; null keeps the draft's value. <paramref name="Fields"/> are laid over
/// the draft's activity fields; <paramref name="NextFollowUpAt"/> replaces the suggested follow-up unless
/// <paramref name="NoFollowUp"/> drops it.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.ConversationEdits")]
public sealed record class ConversationEdits(
    string? Type,
    IReadOnlyDictionary<string, string?>? Fields,
    string? Summary,
    IReadOnlyList<string>? Tags,
    DateTimeOffset? At,
    DateTimeOffset? NextFollowUpAt,
    DateTimeOffset? AppointmentAt,
    bool NoFollowUp,
    string ByUser);

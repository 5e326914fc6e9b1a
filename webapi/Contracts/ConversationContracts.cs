using CrmActors.GrainInterfaces.Conversations;

namespace CrmActors.WebApi.Contracts;

/// <summary>
/// The body of POST /api/v1/leads/{id}/conversations: a chat export or call transcript as text (one message per line,
/// or a WeChat/WeCom export with its header lines), optionally whether it was a <c>chat</c> or a <c>call</c>, our side's
/// speaker names in it (guessed when omitted) and when it happened (lines without a date take this day).
/// </summary>
public sealed record class PostConversationRequest(string? Text, string? Channel, IReadOnlyList<string>? RepSpeakers, DateTimeOffset? At);

/// <summary>
/// The body of POST /api/v1/leads/{id}/conversations/{draftId}/confirm: every member optional; <c>fields</c> are laid over
/// the draft's activity fields, <c>type</c> replaces the drafted type (its required fields must then be filled), and
/// <c>nextFollowUpAt</c> replaces the suggested follow-up (<c>noFollowUp</c> drops it).
/// </summary>
public sealed record class ConfirmConversationRequest(
    string? Type,
    Dictionary<string, string?>? Fields,
    string? Summary,
    IReadOnlyList<string>? Tags,
    DateTimeOffset? At,
    DateTimeOffset? NextFollowUpAt,
    DateTimeOffset? AppointmentAt,
    bool? NoFollowUp);

/// <summary>The answer to a confirmation: the draft (now confirmed, with its activity id) and the lead after the activity.</summary>
public sealed record class ConfirmConversationResponse(ConversationDraft Draft, string ActivityId, LeadResponse Lead);

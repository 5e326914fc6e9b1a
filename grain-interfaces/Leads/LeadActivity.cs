using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Common;

namespace CrmActors.GrainInterfaces.Leads;

/// <summary>An activity as a rep logs it (validated by the lead against its tenant's policy).</summary>
[GenerateSerializer, Immutable, Alias("crm.NewActivity")]
public sealed record class NewActivity(
    string? Type,
    IReadOnlyDictionary<string, string?>? Fields,
    IReadOnlyList<EvidenceRef>? Evidence,
    IReadOnlyList<string>? Tags,
    string? Summary,
    DateTimeOffset? At,
    DateTimeOffset? NextFollowUpAt,
    DateTimeOffset? AppointmentAt,
    string ByUser)
{
    /// <summary>The input the follow-up rules validate.</summary>
    public ActivityInput ToInput() => new(
        Type, Fields, Evidence?.Select(e => new EvidenceInput(e.Kind, e.Ref)).ToList(), Tags, Summary, At, NextFollowUpAt, AppointmentAt);
}

/// <summary>A reference to evidence: a call recording clip, a chat screenshot, an email receipt, a calendar invite.</summary>
[GenerateSerializer, Immutable, Alias("crm.EvidenceRef")]
public sealed record class EvidenceRef(string? Kind, string? Ref)
{
    private const string ConversationPrefix = "conversation/";

    /// <summary>The evidence of an activity confirmed from conversation draft <paramref name="draftId"/> on lead <paramref name="leadId"/>.</summary>
    public static EvidenceRef OfConversationDraft(string leadId, string draftId) => new("document", $"{ConversationPrefix}{leadId}/{draftId}");

    /// <summary>Whether this names a conversation draft: a draft becomes one activity, however often it is confirmed.</summary>
    public bool IsConversationDraft() => Kind == "document" && Ref is not null && Ref.StartsWith(ConversationPrefix, StringComparison.Ordinal);
}

/// <summary>An activity logged on a lead.</summary>
[GenerateSerializer, Immutable, Alias("crm.LeadActivity")]
public sealed record class LeadActivity(
    string Id,
    string Type,
    DateTimeOffset At,
    DateTimeOffset LoggedAt,
    string ByUser,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<EvidenceRef> Evidence,
    IReadOnlyList<string> Tags,
    string? Summary,
    DateTimeOffset? NextFollowUpAt,
    DateTimeOffset? AppointmentAt);

/// <summary>The answer to logging an activity: the lead, or every invalid field (nothing was changed then).</summary>
[GenerateSerializer, Immutable, Alias("crm.ActivityResult")]
public sealed record class ActivityResult(LeadSnapshot? Lead, IReadOnlyList<FieldProblem> Errors, string? ActivityId);

using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.GrainInterfaces.Conversations;

/// <summary>The answer to a confirmation: the confirmed draft and the lead after the activity, or every invalid field.</summary>
[GenerateSerializer, Immutable, Alias("crm.ConversationConfirmation")]
public sealed record class ConversationConfirmation(ConversationDraft? Draft, LeadSnapshot? Lead, IReadOnlyList<FieldProblem> Errors);

using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.GrainInterfaces.Intake;

/// <summary>A validated, normalized lead on its way to the customer that owns its phone.</summary>
/// <param name="Lead">The captured fields, phone in E.164 and channel canonical.</param>
/// <param name="Key">The scoped, hashed idempotency key (IntakeIds.SubmissionKey), or null: a retry with the same key gets the first answer.</param>
[GenerateSerializer, Immutable, Alias("crm.LeadSubmission")]
public sealed record class LeadSubmission(NewLead Lead, string? Key);

using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.GrainInterfaces.Intake;

/// <summary>A validated, normalized lead on its way to its customer.</summary>
/// <param name="LeadId">The id the lead gets if it is new (derived from an idempotency key when there is one).</param>
/// <param name="Lead">The captured fields, phone in E.164 and channel canonical.</param>
/// <param name="Keyed">True when <paramref name="LeadId"/> came from a client's idempotency key, so a retry must find the first answer.</param>
[GenerateSerializer, Immutable, Alias("crm.LeadSubmission")]
public sealed record class LeadSubmission(string LeadId, NewLead Lead, bool Keyed);

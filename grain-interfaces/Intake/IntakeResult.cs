using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.GrainInterfaces.Intake;

/// <summary>The lead a submission landed on, its customer, and how.</summary>
[GenerateSerializer, Immutable, Alias("crm.IntakeResult")]
public sealed record class IntakeResult(LeadSnapshot Lead, string CustomerId, IntakeOutcome Outcome);

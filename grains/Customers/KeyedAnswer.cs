using CrmActors.GrainInterfaces.Intake;

namespace CrmActors.Grains.Customers;

/// <summary>What a keyed submission was answered: the lead it landed on and how.</summary>
[GenerateSerializer, Immutable, Alias("crm.KeyedAnswer")]
public sealed record class KeyedAnswer(string Key, string LeadId, IntakeOutcome Outcome);

namespace CrmActors.GrainInterfaces.Integration;

/// <summary>What became of one event: stored, a duplicate, or rejected (with the field and why); what a stored one still waits for.</summary>
[GenerateSerializer, Immutable, Alias("crm.IntegrationOutcome")]
public sealed record class IntegrationOutcome(IntegrationResult Result, string? Field, string? Reason, string? WaitingFor);

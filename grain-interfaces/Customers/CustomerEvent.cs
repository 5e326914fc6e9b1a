namespace CrmActors.GrainInterfaces.Customers;

/// <summary>One step of a customer's history (created, merged, ...).</summary>
[GenerateSerializer, Immutable, Alias("crm.CustomerEvent")]
public sealed record class CustomerEvent(DateTimeOffset At, string Type, string Detail);

namespace CrmActors.GrainInterfaces.Customers;

/// <summary>The order as stored, and whether this call only replayed an earlier one (same Idempotency-Key or external id).</summary>
[GenerateSerializer, Immutable, Alias("crm.OrderRecorded")]
public sealed record class OrderRecorded(CustomerOrder Order, bool Replayed);

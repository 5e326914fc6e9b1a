namespace CrmActors.Grains.Customers;

/// <summary>An order request's key (IntakeIds.SubmissionKey) and the order it recorded.</summary>
[GenerateSerializer, Immutable, Alias("crm.KeyedOrder")]
public sealed record class KeyedOrder(string Key, string OrderId);

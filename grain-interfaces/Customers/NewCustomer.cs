namespace CrmActors.GrainInterfaces.Customers;

/// <summary>A customer as captured.</summary>
[GenerateSerializer, Immutable, Alias("crm.NewCustomer")]
public sealed record class NewCustomer(string Name, string? Company, string? Phone, string? Email, string CreatedBy);

namespace CrmActors.Grains.Customers;

/// <summary>The persisted state of a customer reference.</summary>
[GenerateSerializer, Alias("crm.CustomerReferenceState")]
public sealed class CustomerReferenceState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "customer-reference";

    /// <summary>The customer the reference names.</summary>
    [Id(0)] public string? CustomerId { get; set; }
}

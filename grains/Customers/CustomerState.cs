using CrmActors.GrainInterfaces.Customers;

namespace CrmActors.Grains.Customers;

/// <summary>The persisted state of a customer.</summary>
[GenerateSerializer, Alias("crm.CustomerState")]
public sealed class CustomerState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "customer";

    [Id(0)] public NewCustomer? Captured { get; set; }
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public List<string> TicketIds { get; set; } = [];
}

namespace CrmActors.GrainInterfaces.Customers;

/// <summary>A customer as a reader sees it.</summary>
[GenerateSerializer, Immutable, Alias("crm.CustomerSnapshot")]
public sealed record class CustomerSnapshot(
    string Id,
    NewCustomer Captured,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> TicketIds,
    IReadOnlyList<string>? LeadIds = null,
    IReadOnlyList<string>? Phones = null,
    string? MergedInto = null,
    IReadOnlyList<string>? MergedFrom = null,
    IReadOnlyList<CustomerEvent>? History = null,
    IReadOnlyList<CustomerContact>? Contacts = null,
    IReadOnlyList<CustomerOrder>? Orders = null,
    IReadOnlyList<CustomerFeedback>? Feedback = null,
    IReadOnlyList<string>? Waiting = null);

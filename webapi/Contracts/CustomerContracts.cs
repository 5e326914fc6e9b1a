namespace CrmActors.WebApi.Contracts;

/// <summary>The body of POST /api/v1/customers.</summary>
public sealed record class CreateCustomerRequest(string? Name, string? Company, string? Phone, string? Email);

/// <summary>A customer as the API returns it.</summary>
public sealed record class CustomerResponse(
    string Id,
    string Name,
    string? Company,
    string? Phone,
    string? Email,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> TicketIds);

/// <summary>The body of POST /api/v1/tickets.</summary>
public sealed record class CreateTicketRequest(string? CustomerId, string? Title, string? Description);

/// <summary>A ticket as the API returns it.</summary>
public sealed record class TicketResponse(string Id, string CustomerId, string Title, string? Description, string Status, DateTimeOffset CreatedAt, string CreatedBy);

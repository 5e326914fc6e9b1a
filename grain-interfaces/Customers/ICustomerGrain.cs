namespace CrmActors.GrainInterfaces.Customers;

/// <summary>A customer and what is linked to it. Key: "{tenant}/{customerId}".</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Creates the customer; creating an existing one returns it unchanged.</summary>
    Task<CustomerSnapshot> CreateAsync(NewCustomer customer);

    /// <summary>The customer, or null when it does not exist.</summary>
    Task<CustomerSnapshot?> GetAsync();

    /// <summary>Links a service ticket to the customer (idempotent); the customer must exist.</summary>
    Task LinkTicketAsync(string ticketId);
}

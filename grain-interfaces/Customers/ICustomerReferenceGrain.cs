namespace CrmActors.GrainInterfaces.Customers;

/// <summary>
/// A customer's reference in another system (its customer number in the ERP), resolved to our customer. Key:
/// "{tenant}/{CustomerReferences.Id(source, reference)}". The first link stays: a reference names one customer.
/// </summary>
public interface ICustomerReferenceGrain : IGrainWithStringKey
{
    /// <summary>Links the reference to <paramref name="customerId"/> unless it is linked already; answers the customer it names.</summary>
    Task<string> LinkAsync(string customerId);

    /// <summary>The customer the reference names, or null when it names none yet.</summary>
    Task<string?> ResolveAsync();
}

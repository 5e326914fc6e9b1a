using CrmActors.GrainInterfaces.Customers;
using CrmActors.Grains.Common;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Customers;

/// <summary>A source system's customer reference and the customer it names (stored; the first link stays).</summary>
public sealed class CustomerReferenceGrain(
    [PersistentState(CustomerReferenceState.StateName, CrmStorage.Name)] IPersistentState<CustomerReferenceState> state,
    ILogger<CustomerReferenceGrain> logger) : Grain, ICustomerReferenceGrain
{
    /// <inheritdoc />
    public async Task<string> LinkAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (state.State.CustomerId is null)
        {
            state.State.CustomerId = customerId;
            await state.WriteOrFailAsync(this, logger);
        }

        return state.State.CustomerId;
    }

    /// <inheritdoc />
    public Task<string?> ResolveAsync() => Task.FromResult(state.State.CustomerId);
}

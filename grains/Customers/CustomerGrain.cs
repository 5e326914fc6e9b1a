using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Customers;

/// <summary>A customer and what is linked to it.</summary>
public sealed class CustomerGrain(
    [PersistentState(CustomerState.StateName, CrmStorage.Name)] IPersistentState<CustomerState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private CustomerState S => state.State;

    private string CustomerId => GrainKeys.Parse(this.GetPrimaryKeyString()).Id;

    /// <inheritdoc />
    public async Task<CustomerSnapshot> CreateAsync(NewCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (S.Captured is null)
        {
            S.Captured = customer;
            S.CreatedAt = clock.GetUtcNow();
            await state.WriteOrFailAsync(this, logger);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public Task<CustomerSnapshot?> GetAsync() => Task.FromResult(S.Captured is null ? null : Snapshot());

    /// <inheritdoc />
    public async Task LinkTicketAsync(string ticketId)
    {
        if (S.Captured is null)
        {
            throw CrmException.NotFound("Customer", CustomerId, "customerId");
        }

        if (!S.TicketIds.Contains(ticketId))
        {
            S.TicketIds.Add(ticketId);
            await state.WriteOrFailAsync(this, logger);
        }
    }

    private CustomerSnapshot Snapshot() => new(CustomerId, S.Captured!, S.CreatedAt, [.. S.TicketIds]);
}

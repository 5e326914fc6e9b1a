using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Reps;

/// <summary>The list of a tenant's reps.</summary>
public sealed class TenantRosterGrain(
    [PersistentState(TenantRosterState.StateName, CrmStorage.Name)] IPersistentState<TenantRosterState> state,
    ILogger<TenantRosterGrain> logger) : Grain, ITenantRosterGrain
{
    /// <inheritdoc />
    public async Task AddRepAsync(string repId)
    {
        if (!state.State.RepIds.Contains(repId))
        {
            state.State.RepIds.Add(repId);
            await state.WriteOrFailAsync(this, logger);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetRepIdsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.RepIds]);
}

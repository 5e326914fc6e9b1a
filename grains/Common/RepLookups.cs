using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Reps;

namespace CrmActors.Grains.Common;

/// <summary>What actors ask of a user's rep profile when they escalate.</summary>
public static class RepLookups
{
    /// <summary>The supervisor of <paramref name="userId"/> in <paramref name="tenant"/>, or null (no profile, or none set).</summary>
    public static async Task<string?> SupervisorOfAsync(this IGrainFactory grains, string tenant, string userId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return (await grains.GetGrain<IRepGrain>(GrainKeys.For(tenant, userId)).GetProfileAsync())?.SupervisorId;
    }
}

using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.FollowUp;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;

namespace CrmActors.Grains.FollowUp;

/// <summary>A tenant's parsed follow-up policy with its calendar.</summary>
public sealed record class TenantPolicy(int Version, FollowUpPolicy Policy, BusinessCalendar Calendar)
{
    /// <summary>The defaults, for a tenant that saved none.</summary>
    public static TenantPolicy Default { get; } = new(0, FollowUpPolicy.Default, BusinessCalendar.AlwaysOpen);
}

/// <summary>
/// Per silo: each tenant's follow-up policy, read from its grain at most every <see cref="Lifetime"/>, so thousands
/// of lead actors deciding deadlines do not all call one policy actor. A save on this silo is seen at once.
/// </summary>
public sealed class FollowUpPolicyCache(IGrainFactory grains, [FromKeyedServices(CrmClock.Key)] TimeProvider clock)
{
    /// <summary>How long a policy is used before it is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly TenantCache<TenantPolicy> _policies = new(clock, Lifetime);

    /// <summary>The tenant's current policy.</summary>
    public ValueTask<TenantPolicy> GetAsync(string tenant) => _policies.GetAsync(tenant, async t =>
        Parse(await grains.GetGrain<IFollowUpPolicyGrain>(GrainKeys.For(t, IFollowUpPolicyGrain.Id)).GetAsync()));

    /// <summary>Forgets the tenant's policy so the next read asks its grain.</summary>
    public void Invalidate(string tenant) => _policies.Invalidate(tenant);

    private static TenantPolicy Parse(FollowUpPolicySnapshot snapshot)
    {
        if (snapshot.Version == 0)
        {
            return TenantPolicy.Default;
        }

        // Saved policies were validated; a policy that no longer parses (a removed time zone) must not stop deadlines.
        var (policy, _) = FollowUpPolicy.Parse(snapshot.PolicyJson);
        return policy is null
            ? TenantPolicy.Default with { Version = snapshot.Version }
            : new TenantPolicy(snapshot.Version, policy, FollowUpPolicyValidator.CalendarOf(policy));
    }
}

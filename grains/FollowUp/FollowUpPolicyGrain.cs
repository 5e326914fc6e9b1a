using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.FollowUp;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.FollowUp;

/// <summary>The persisted state of a tenant's follow-up policy.</summary>
[GenerateSerializer, Alias("crm.FollowUpPolicyState")]
public sealed class FollowUpPolicyState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "followup-policy";

    [Id(0)] public int Version { get; set; }
    [Id(1)] public string? PolicyJson { get; set; }
    [Id(2)] public DateTimeOffset? SavedAt { get; set; }
    [Id(3)] public string? SavedBy { get; set; }
}

/// <summary>
/// Saves a tenant's follow-up policy after validating it; every saved version is a whole policy, so leads never
/// see half a change. This silo's cache is refreshed at once, other silos' within their cache lifetime.
/// </summary>
public sealed class FollowUpPolicyGrain(
    [PersistentState(FollowUpPolicyState.StateName, CrmStorage.Name)] IPersistentState<FollowUpPolicyState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    FollowUpPolicyCache cache,
    ILogger<FollowUpPolicyGrain> logger) : Grain, IFollowUpPolicyGrain
{
    private static readonly string DefaultJson = FollowUpPolicy.Default.ToJson();

    private FollowUpPolicyState S => state.State;

    /// <inheritdoc />
    public Task<FollowUpPolicySnapshot> GetAsync() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public async Task<FollowUpPolicyCheck> SaveAsync(string policyJson, string by)
    {
        ArgumentNullException.ThrowIfNull(policyJson);
        var (policy, errors) = FollowUpPolicy.Parse(policyJson);
        if (policy is null)
        {
            return new FollowUpPolicyCheck([.. errors.Select(e => new FieldProblem(e.Path, e.Message))], Snapshot());
        }

        S.Version++;
        S.PolicyJson = policy.ToJson();
        S.SavedAt = clock.GetUtcNow();
        S.SavedBy = by;
        await state.WriteOrFailAsync(this, logger);
        cache.Invalidate(GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant);
        return new FollowUpPolicyCheck([], Snapshot());
    }

    private FollowUpPolicySnapshot Snapshot() => new(S.Version, S.PolicyJson ?? DefaultJson, S.SavedAt, S.SavedBy);
}

using CrmActors.GrainInterfaces.Common;

namespace CrmActors.GrainInterfaces.FollowUp;

/// <summary>
/// A tenant's follow-up policy (calendar, escalation chain, countdowns, evidence, quality light, hints).
/// Key: "{tenant}/followup-policy". Leads read it through a per-silo cache.
/// </summary>
public interface IFollowUpPolicyGrain : IGrainWithStringKey
{
    /// <summary>The grain id part of the key.</summary>
    const string Id = "followup-policy";

    /// <summary>The current policy (the defaults, version 0, until one is saved).</summary>
    Task<FollowUpPolicySnapshot> GetAsync();

    /// <summary>Validates and saves a policy as the next version; nothing changes when it has errors.</summary>
    Task<FollowUpPolicyCheck> SaveAsync(string policyJson, string by);
}

/// <summary>A saved policy in its JSON form.</summary>
[GenerateSerializer, Immutable, Alias("crm.FollowUpPolicySnapshot")]
public sealed record class FollowUpPolicySnapshot(int Version, string PolicyJson, DateTimeOffset? SavedAt, string? SavedBy);

/// <summary>The answer to saving a policy: its errors (nothing saved), or none and the saved policy.</summary>
[GenerateSerializer, Immutable, Alias("crm.FollowUpPolicyCheck")]
public sealed record class FollowUpPolicyCheck(IReadOnlyList<FieldProblem> Errors, FollowUpPolicySnapshot Policy);

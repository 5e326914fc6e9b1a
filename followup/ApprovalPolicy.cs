namespace CrmActors.FollowUp;

/// <summary>
/// Discount approval tiers (S8: up to 5% automatic, 5-10% the regional manager, above 10% finance), and when a
/// pending request reminds its approver and escalates.
/// </summary>
public sealed class ApprovalPolicy
{
    /// <summary>The approver of a tier that needs nobody.</summary>
    public const string Automatic = "auto";

    /// <summary>The requester's supervisor.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>The manager of the lead's region (<see cref="RegionalManagers"/>), else the requester's supervisor.</summary>
    public const string Regional = "regional";

    /// <summary>Tiers in increasing order of <see cref="ApprovalTier.UpToPercent"/>; the first that covers the discount applies.</summary>
    public IReadOnlyList<ApprovalTier> Tiers { get; init; } =
    [
        new() { UpToPercent = 5, Approver = Automatic },
        new() { UpToPercent = 10, Approver = Regional },
        new() { UpToPercent = 100, Approver = "finance" },
    ];

    /// <summary>Region name to the user id of its manager.</summary>
    public IReadOnlyDictionary<string, string> RegionalManagers { get; init; } = new Dictionary<string, string>();

    /// <summary>Hours a request may wait before its approver is reminded.</summary>
    public int RemindAfterHours { get; init; } = 4;

    /// <summary>Hours a request may wait before it escalates to <see cref="EscalateTo"/> (or the approver's supervisor).</summary>
    public int EscalateAfterHours { get; init; } = 8;

    /// <summary>Who decides an escalated request; null for the approver's supervisor.</summary>
    public string? EscalateTo { get; init; }

    /// <summary>
    /// The largest discount nobody needs to approve: the percent of the last automatic tier before the first one with an
    /// approver (0 when the first tier has one). A method, so it never appears in the policy's JSON.
    /// </summary>
    public decimal AutomaticUpTo()
    {
        var upTo = 0m;
        foreach (var tier in Tiers ?? [])
        {
            if (tier is not { Approver: Automatic })
            {
                break;
            }

            upTo = tier.UpToPercent;
        }

        return upTo;
    }

    /// <summary>The tier covering <paramref name="percent"/>, with its index; null when no tier does.</summary>
    public (ApprovalTier Tier, int Index)? TierFor(decimal percent)
    {
        for (var i = 0; i < Tiers.Count; i++)
        {
            if (percent <= Tiers[i].UpToPercent)
            {
                return (Tiers[i], i);
            }
        }

        return null;
    }

    /// <summary>Problems with the tiers and hours, under <c>approvals</c>.</summary>
    public IEnumerable<FollowUpError> Check()
    {
        var tiers = Tiers ?? [];
        if (tiers.Count == 0)
        {
            yield return new("approvals.tiers", "Give at least one tier; a last one up to 100% covers every discount.");
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i] is not { } tier)
            {
                yield return new($"approvals.tiers[{i}]", "A tier is required.");
                continue;
            }

            if (tier.UpToPercent is <= 0 or > 100 || (i > 0 && tiers[i - 1] is { } previous && tier.UpToPercent <= previous.UpToPercent))
            {
                yield return new($"approvals.tiers[{i}].upToPercent", "Each tier's percent is above 0, at most 100, and above the tier before it.");
            }

            if (string.IsNullOrWhiteSpace(tier.Approver) || tier.Approver.Length > 64 || tier.Approver.Any(char.IsWhiteSpace))
            {
                yield return new($"approvals.tiers[{i}].approver", "Use auto, supervisor, regional, or a user id.");
            }
        }

        if (RegionalManagers is null || RegionalManagers.Any(r => string.IsNullOrWhiteSpace(r.Key) || string.IsNullOrWhiteSpace(r.Value)))
        {
            yield return new("approvals.regionalManagers", "A map of region to the user id of its manager.");
        }

        if (RemindAfterHours is < 1 or > 24 * 30)
        {
            yield return new("approvals.remindAfterHours", "Must be between 1 and 720.");
        }

        if (EscalateAfterHours <= RemindAfterHours || EscalateAfterHours > 24 * 60)
        {
            yield return new("approvals.escalateAfterHours", "Must come after the reminder, at most 1440.");
        }
    }
}

/// <summary>One approval tier.</summary>
public sealed class ApprovalTier
{
    /// <summary>The largest discount (percent) the tier covers.</summary>
    public decimal UpToPercent { get; init; }

    /// <summary><c>auto</c>, <c>supervisor</c>, <c>regional</c>, or a user id (e.g. the finance approver's).</summary>
    public string Approver { get; init; } = ApprovalPolicy.Automatic;
}

using System.Text;

namespace CrmActors.Routing;

/// <summary>The candidates of one target, eligible ones first by rank.</summary>
internal sealed class Ranking(CandidateScore[] candidates, int eligibleCount, CompiledRep? best)
{
    public CandidateScore[] Candidates { get; } = candidates;

    public int EligibleCount { get; } = eligibleCount;

    /// <summary>The best eligible rep; null when nobody is eligible.</summary>
    public CompiledRep? Best { get; } = best;

    /// <summary>The top <paramref name="size"/> eligible rep ids.</summary>
    public string[] Shortlist(int size)
    {
        var count = Math.Min(size, EligibleCount);
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Candidates[i].RepId;
        }

        return ids;
    }

    /// <summary>The exclusions in words, e.g. "2 at capacity, 1 on leave"; "no candidates" for an empty target.</summary>
    public string DescribeExclusions()
    {
        if (Candidates.Length == 0)
        {
            return "no candidates";
        }

        Span<int> counts = stackalloc int[8];
        foreach (var candidate in Candidates)
        {
            counts[(int)candidate.Exclusion]++;
        }

        var text = new StringBuilder();
        for (var reason = CandidateExclusion.Excluded; reason <= CandidateExclusion.ChosenAsOwner; reason++)
        {
            if (counts[(int)reason] > 0)
            {
                text.Append(text.Length == 0 ? "" : ", ").Append(counts[(int)reason]).Append(' ').Append(Describe(reason));
            }
        }

        return text.ToString();
    }

    private static string Describe(CandidateExclusion reason) => reason switch
    {
        CandidateExclusion.Excluded => "excluded (already had the lead)",
        CandidateExclusion.Inactive => "inactive",
        CandidateExclusion.OnLeave => "on leave",
        CandidateExclusion.AtCapacity => "at capacity",
        CandidateExclusion.RequirementNotMet => "not matching the rule's requirement",
        CandidateExclusion.OffShiftForCritical => "off shift",
        CandidateExclusion.ChosenAsOwner => "already the owner",
        _ => "eligible",
    };
}

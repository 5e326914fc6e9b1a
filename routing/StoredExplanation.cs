using System.Text.Json;

namespace CrmActors.Routing;

/// <summary>
/// A decision as it is kept with the lead, and as the API shows it. Kept (<see cref="Condense"/>): everything the
/// decision says, the best-ranked eligible candidates as totals and raw component values (<see cref="CompactScore"/>,
/// the component weights once), how many more were eligible, and the others by the reason they were left out. Shown
/// (<see cref="Expand(RoutingDecision)"/>): the same, with the best <see cref="BreakdownsShown"/> breakdowns rebuilt in
/// full from those values on read. A routed lead's row stays small on the capture path, which pays for every byte;
/// reading an explanation pays for the rest.
/// </summary>
public static class StoredExplanation
{
    /// <summary>How many of the best-ranked eligible candidates the shown decision lists with their breakdown in full.</summary>
    public const int BreakdownsShown = 3;

    /// <summary>
    /// How many eligible candidates are kept, best first (about 75 bytes each); past them the stored decision only says
    /// how many more there were (<see cref="RoutingDecision.OtherEligibleNotKept"/>), so a group of 500 reps stores what
    /// a group of 10 does.
    /// </summary>
    public const int EligibleKept = 10;

    /// <summary>The decision as it is stored (see the type's summary); the co-assignment keeps its best candidates in full.</summary>
    public static RoutingDecision Condense(RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var (eligible, notKept, names, weights, excluded) = Split(decision.Candidates);
        return decision with
        {
            Candidates = [],
            OtherEligible = eligible,
            OtherEligibleNotKept = notKept > 0 ? notKept : null,
            ComponentWeights = weights,
            ComponentNames = names is null || names.SequenceEqual(ScoreComponents.All) ? null : names,
            ExcludedByReason = excluded,
            CoAssignment = decision.CoAssignment is { Candidates.Count: > 0 } co
                ? co with { Candidates = [.. co.Candidates.TakeWhile(c => c.Eligible).Take(BreakdownsShown)] }
                : decision.CoAssignment,
        };
    }

    /// <summary>
    /// The decision as it is shown: the best <see cref="BreakdownsShown"/> kept candidates with every component's name,
    /// raw value, weight and contribution rebuilt from the stored raw values (to the thousandth), the rest as kept. A
    /// decision stored before explanations were kept compact, and one with nobody eligible, comes back as it is.
    /// </summary>
    public static RoutingDecision Expand(RoutingDecision stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Candidates.Count > 0 || stored.OtherEligible is not { Count: > 0 } kept || stored.ComponentWeights is not { } weights)
        {
            return stored;
        }

        var names = stored.ComponentNames ?? ScoreComponents.All;
        var shown = kept.Take(BreakdownsShown).Select(c => Rebuilt(c, names, weights)).ToArray();
        return stored with { Candidates = shown, OtherEligible = kept.Count > shown.Length ? [.. kept.Skip(shown.Length)] : null };
    }

    /// <summary>The decision as it is shown, for one that was never stored (a draft's test, a decision in memory).</summary>
    public static RoutingDecision Shown(RoutingDecision decision) => Expand(Condense(decision));

    /// <summary>
    /// <see cref="Expand(RoutingDecision)"/> on a stored decision's JSON: the JSON of the shown decision, or the same text
    /// when there is nothing to rebuild (an older row, nobody eligible, or not a decision at all).
    /// </summary>
    public static string ExpandJson(string storedJson)
    {
        ArgumentNullException.ThrowIfNull(storedJson);
        if (!IsCompact(storedJson))
        {
            return storedJson;
        }

        var stored = JsonSerializer.Deserialize<RoutingDecision>(storedJson, RoutingJson.Options)!;
        return JsonSerializer.Serialize(Expand(stored), RoutingJson.Options);
    }

    /// <summary>True for a decision kept compact: no candidate in full, and eligible ones kept as raw values.</summary>
    private static bool IsCompact(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array && candidates.GetArrayLength() == 0
                && root.TryGetProperty("otherEligible", out var kept) && kept.ValueKind == JsonValueKind.Array && kept.GetArrayLength() > 0
                && root.TryGetProperty("componentWeights", out var weights) && weights.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static CandidateScore Rebuilt(CompactScore kept, IReadOnlyList<string> names, IReadOnlyList<double> weights)
    {
        var components = new ScoreComponent[Math.Min(kept.Raw.Length, Math.Min(names.Count, weights.Count))];
        for (var i = 0; i < components.Length; i++)
        {
            var raw = kept.Raw[i] / 1000.0;
            components[i] = new ScoreComponent(names[i], raw, weights[i], weights[i] * raw);
        }

        return new CandidateScore(kept.RepId, kept.Rank, kept.Total, components, CandidateExclusion.None, null, kept.Load);
    }

    private static (List<CompactScore>? Eligible, int NotKept, string[]? Names, double[]? Weights, Dictionary<CandidateExclusion, List<string>>? Excluded) Split(
        IReadOnlyList<CandidateScore> candidates)
    {
        List<CompactScore>? eligible = null;
        var notKept = 0;
        string[]? names = null;
        double[]? weights = null;
        ScoreComponent[]? scratch = null;
        Dictionary<CandidateExclusion, List<string>>? excluded = null;
        // Candidates come eligible first, by rank (CandidateRanker), then the others.
        foreach (var candidate in candidates)
        {
            if (candidate.Eligible)
            {
                eligible ??= new List<CompactScore>(Math.Min(candidates.Count, EligibleKept));
                if (eligible.Count == EligibleKept)
                {
                    notKept++;
                    continue;
                }

                scratch ??= new ScoreComponent[candidate.Components.Count];
                var components = candidate.Components is CandidateRanker.DeferredBreakdown deferred ? deferred.Fill(scratch) : candidate.Components;
                names ??= [.. components.Select(c => c.Name)];
                weights ??= [.. components.Select(c => c.Weight)];
                var load = eligible.Count < BreakdownsShown ? candidate.Load : null;
                eligible.Add(new CompactScore(candidate.RepId, candidate.Rank ?? 0, Math.Round(candidate.Total, 4), Raw(components), load));
                continue;
            }

            excluded ??= [];
            if (!excluded.TryGetValue(candidate.Exclusion, out var ids))
            {
                excluded[candidate.Exclusion] = ids = [];
            }

            ids.Add(candidate.RepId);
        }

        return (eligible, notKept, names, weights, excluded);
    }

    /// <summary>Raw component values in thousandths.</summary>
    private static int[] Raw(IReadOnlyList<ScoreComponent> components)
    {
        var raw = new int[components.Count];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = (int)Math.Round(components[i].Raw * 1000);
        }

        return raw;
    }
}

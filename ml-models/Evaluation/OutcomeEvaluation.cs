using CrmActors.MlModels.Simulation;

namespace CrmActors.MlModels.Evaluation;

/// <summary>What following one policy brought on the same simulated leads.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="WinRate">The mean true chance of winning after the leads were worked by it.</param>
/// <param name="OracleTop1">Share of its choices the oracle would have made in the same state.</param>
/// <param name="OracleTop3">Share of its choices among the oracle's three most helpful actions in the same state.</param>
public sealed record class PolicyOutcome(string Policy, double WinRate, double OracleTop1, double OracleTop3);

/// <summary>
/// Judges advice by the wins it brings: the same held-out leads (same customers, same timing, same signal draws)
/// are worked forward once per policy, each action changing the lead as the world's rules say, and the true chance
/// of winning at the end is averaged. Policies read only what a CRM logs (the team and the oracle excepted).
/// </summary>
public static class OutcomeEvaluation
{
    /// <summary>Works <paramref name="leads"/> leads of <paramref name="seed"/> in <paramref name="family"/> with each policy.</summary>
    /// <param name="family">The world.</param>
    /// <param name="seed">The leads' seed (use one no model trained on).</param>
    /// <param name="leads">How many leads.</param>
    /// <param name="policies">The policies to compare.</param>
    /// <param name="startDay">The day the leads start arriving (after the training leads: drift).</param>
    public static IReadOnlyList<PolicyOutcome> Run(SimulatorFamily family, int seed, int leads, IReadOnlyList<IActionPolicy> policies, double startDay = 300)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(policies);
        var simulator = new SalesSimulator(seed, family);
        var oracle = new OraclePolicy { Family = family };
        var outcomes = new List<PolicyOutcome>();
        foreach (var policy in policies)
        {
            var probe = new Probe(policy, family);
            var win = 0.0;
            for (var i = 0; i < leads; i++)
            {
                win += simulator.Lead(i, "eval", probe, startDay, spanDays: 100).WinProbability;
            }

            outcomes.Add(new PolicyOutcome(policy.Name, win / leads, probe.Top1 / (double)probe.Choices, probe.Top3 / (double)probe.Choices));
        }

        return outcomes;
    }

    /// <summary>Counts how often a policy's choice is the oracle's (or among its best three) in the state it chose in.</summary>
    private sealed class Probe(IActionPolicy inner, SimulatorFamily family) : IActionPolicy
    {
        public string Name => inner.Name;

        public int Choices { get; private set; }

        public int Top1 { get; private set; }

        public int Top3 { get; private set; }

        public string Choose(PolicyContext context)
        {
            var action = inner.Choose(context);
            var effects = ActionCatalogue.All.Select(a => SimulatorRules.Effect(a.Id, context.Hidden, context.Stalled, family)).ToArray();
            var rank = Metrics.Rank(effects);
            var chosen = ActionCatalogue.IndexOf(action);
            Choices++;
            Top1 += effects[chosen] >= effects[rank[0]] - 1e-12 ? 1 : 0;
            Top3 += effects[chosen] >= effects[rank[2]] - 1e-12 ? 1 : 0;
            return action;
        }
    }
}

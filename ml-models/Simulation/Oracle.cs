namespace CrmActors.MlModels.Simulation;

/// <summary>
/// The best score any model could give on simulated data: the posterior over the hidden concerns and intent given
/// everything logged before a decision point (the lead's attributes, every past action with its timing, every
/// readable signal), exact under the simulator's rules; then the chance of winning if the team keeps working the
/// lead as it does, by rolling its future forward from each hypothesis. Models see a summary of the same history
/// (<see cref="LeadFeatures"/>), so they can approach it but not beat it in expectation.
/// </summary>
public sealed class Oracle(SimulatorFamily family, int rollouts = 8)
{
    private static readonly Concern[] Concerns = Enum.GetValues<Concern>();

    /// <summary>The true probability the lead is won, knowing what was logged before interaction <paramref name="k"/>.</summary>
    public double WinProbability(LeadHistory lead, int k)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var profile = lead.Profile;
        var skills = SalesSimulator.RepSkills(family);
        var random = new Random(SalesSimulator.Mix(StableHash(lead.LeadId), k, 99));
        var minimumSteps = Math.Max(3, k + 1);
        var p = 0.0;
        foreach (var (state, weight) in Posterior(lead, k))
        {
            if (weight < 1e-5)
            {
                continue;
            }

            var sum = 0.0;
            for (var r = 0; r < rollouts; r++)
            {
                var future = state.Clone();
                var steps = minimumSteps + random.Next(11 - minimumSteps);
                Interaction? latest = k == 0 ? null : lead.Interactions[k - 1];
                var at = latest?.At ?? profile.CreatedAt;
                for (var j = k; j < steps; j++)
                {
                    // The gap before the decision point itself is known; later ones are drawn.
                    var gap = j == k ? (lead.Interactions[k].At - at).TotalHours : SalesSimulator.Gap(random);
                    at = at.AddHours(gap);
                    var action = TeamPolicy.Instance.Choose(new PolicyContext(profile, latest is null ? [] : [latest], at, gap > SimulatorRules.StallHours, future, random));
                    future.Apply(action, gap, family);
                    latest = DrawSignals(future, at, random);
                }

                var open = SimulatorRules.OpenConcernCost * future.OpenConcerns;
                foreach (var skill in skills)
                {
                    sum += SimulatorRules.Sigmoid(future.Logit - open + skill) / skills.Length;
                }
            }

            p += weight * sum / rollouts;
        }

        return p;
    }

    /// <summary>
    /// P(concerns, intent | what was logged before <paramref name="k"/>), exact under the simulator's rules, each
    /// hypothesis with its state replayed to <paramref name="k"/> (rep skill left out: it is integrated later).
    /// </summary>
    public IReadOnlyList<(LeadState State, double Weight)> Posterior(LeadHistory lead, int k) => Posterior(lead, k, teamChose: true);

    /// <summary>
    /// <see cref="Posterior(LeadHistory, int)"/>; when <paramref name="teamChose"/> is false the past actions were not
    /// chosen by the team's practice (a policy worked the lead), so they say nothing about what the reps sensed.
    /// </summary>
    public IReadOnlyList<(LeadState State, double Weight)> Posterior(LeadHistory lead, int k, bool teamChose)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var profile = lead.Profile;
        var yearsIn = (profile.CreatedAt - SalesSimulator.Epoch).TotalDays / 365;
        var prior = SimulatorRules.ConcernPrior(profile.Industry, profile.BudgetBand, family, yearsIn);
        var intentPrior = SimulatorRules.HighIntentPrior(profile.Channel, profile.Quality, family);
        var hypotheses = new List<(LeadState State, double Log)>();
        foreach (var (concerns, concernWeight) in ConcernSets(prior))
        {
            foreach (var highIntent in (bool[])[false, true])
            {
                var state = new LeadState(concerns, highIntent, SimulatorRules.InitialLogit(highIntent, profile.Industry, profile.Channel, profile.BudgetBand, profile.Quality, 0), yearsIn);
                var log = Math.Log(concernWeight) + Math.Log(highIntent ? intentPrior : 1 - intentPrior);
                var last = profile.CreatedAt;
                for (var j = 0; j < k; j++)
                {
                    var interaction = lead.Interactions[j];
                    var gap = (interaction.At - last).TotalHours;
                    if (teamChose)
                    {
                        var chosen = SimulatorRules.TeamPractice(state, j == 0 ? null : lead.Interactions[j - 1], gap > SimulatorRules.StallHours)[ActionCatalogue.IndexOf(interaction.Action)];
                        log += Math.Log(Math.Max(chosen, 1e-300));
                    }

                    state.Apply(interaction.Action!, gap, family);
                    foreach (var signal in Signals.All)
                    {
                        var e = SimulatorRules.Emission(signal, state, family) * SalesSimulator.Logged(signal, family);
                        log += Math.Log(Signals.Shows(interaction, signal) ? e : 1 - e);
                    }

                    last = interaction.At;
                }

                hypotheses.Add((state, log));
            }
        }

        var max = hypotheses.Max(h => h.Log);
        var sum = hypotheses.Sum(h => Math.Exp(h.Log - max));
        return [.. hypotheses.Select(h => (h.State, Math.Exp(h.Log - max) / sum))];
    }

    private IEnumerable<(IReadOnlyList<Concern> Concerns, double Weight)> ConcernSets(double[] prior)
    {
        foreach (var first in Concerns)
        {
            var p = prior[(int)first];
            if (first == Concern.None || family.SecondConcern == 0)
            {
                yield return ([first], p);
                continue;
            }

            yield return ([first], p * (1 - family.SecondConcern));
            var others = prior.Where((_, i) => i != (int)first && i != (int)Concern.None).Sum();
            foreach (var second in Concerns.Where(c => c != first && c != Concern.None))
            {
                yield return ([first, second], p * family.SecondConcern * prior[(int)second] / others);
            }
        }
    }

    // FNV-1a: string.GetHashCode differs between processes, and the oracle must give the same figures every run.
    private static int StableHash(string text)
    {
        var hash = 2_166_136_261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16_777_619u);
        }

        return unchecked((int)hash);
    }

    // What the team's playbook half reads of an interaction: its concern signals, drawn as the simulator logs them.
    private Interaction DrawSignals(LeadState state, DateTimeOffset at, Random random)
    {
        var tags = new List<string>();
        var words = new List<string>();
        foreach (var signal in Signals.All)
        {
            if (SimulatorRules.ConcernOfSignal(signal) is null || random.NextDouble() >= SimulatorRules.Emission(signal, state, family) * SalesSimulator.Logged(signal, family))
            {
                continue;
            }

            if (Signals.TagOf(signal) is { } tag)
            {
                tags.Add(tag);
            }
            else
            {
                words.Add(Signals.PhrasesOf(signal)[0]);
            }
        }

        return new Interaction(at, null, tags, string.Join("; ", words));
    }
}

namespace CrmActors.MlModels.Simulation;

/// <summary>
/// The best any model could do on simulated data: the exact posterior over the hidden concern and intent given
/// everything observable before a decision point (the lead's attributes, every past action with its timing, every
/// signal), pushed through the simulator's own rules. Models see a summary of the same history
/// (<see cref="LeadFeatures"/>), so they can approach the oracle but not beat it in expectation.
/// </summary>
public static class Oracle
{
    private static readonly Concern[] Concerns = Enum.GetValues<Concern>();

    /// <summary>The true probability of each next action (catalogue order) at interaction <paramref name="k"/>.</summary>
    public static double[] ActionProbabilities(LeadHistory lead, int k)
    {
        var (posterior, state) = Posterior(lead, k);
        var p = new double[ActionCatalogue.Count];
        foreach (var (concern, highIntent, weight) in posterior)
        {
            var given = SimulatorRules.ActionDistribution(concern, highIntent, state.DemoDone, state.QuoteSent, state.Stalled);
            for (var i = 0; i < p.Length; i++)
            {
                p[i] += weight * given[i];
            }
        }

        return p;
    }

    /// <summary>The true probability the lead is won, knowing what was observable before interaction <paramref name="k"/>.</summary>
    public static double WinProbability(LeadHistory lead, int k)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var profile = lead.Profile;
        var p = 0.0;
        foreach (var (concern, highIntent, weight) in Posterior(lead, k).Posterior)
        {
            p += weight * SimulatorRules.Sigmoid(SimulatorRules.WinLogit(concern, highIntent, profile.Industry, profile.Channel, profile.BudgetBand, profile.Quality));
        }

        return p;
    }

    /// <summary>The state the next action is chosen in.</summary>
    public readonly record struct DecisionState(bool DemoDone, bool QuoteSent, bool Stalled);

    /// <summary>P(concern, intent | interactions before <paramref name="k"/>), exact under the simulator's rules, and the state at <paramref name="k"/>.</summary>
    public static (IReadOnlyList<(Concern Concern, bool HighIntent, double Weight)> Posterior, DecisionState State) Posterior(LeadHistory lead, int k)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var profile = lead.Profile;
        var concernPrior = SimulatorRules.ConcernPrior(profile.Industry, profile.BudgetBand);
        var intentPrior = SimulatorRules.HighIntentPrior(profile.Channel, profile.Quality);
        var logs = new List<(Concern, bool, double)>(Concerns.Length * 2);
        DecisionState state = default;
        foreach (var concern in Concerns)
        {
            foreach (var highIntent in (bool[])[false, true])
            {
                var log = Math.Log(concernPrior[(int)concern]) + Math.Log(highIntent ? intentPrior : 1 - intentPrior);
                bool demoDone = false, quoteSent = false;
                var last = profile.CreatedAt;
                for (var j = 0; j < k; j++)
                {
                    var interaction = lead.Interactions[j];
                    var stalled = (interaction.At - last).TotalHours > SimulatorRules.StallHours;
                    var chosen = SimulatorRules.ActionDistribution(concern, highIntent, demoDone, quoteSent, stalled)[ActionCatalogue.IndexOf(interaction.Action)];
                    log += Math.Log(Math.Max(chosen, 1e-300));
                    demoDone |= interaction.Action == "schedule-demo";
                    quoteSent |= interaction.Action == "send-quote";
                    foreach (var signal in Signals.All)
                    {
                        var e = SimulatorRules.Emission(signal, concern, highIntent, demoDone);
                        log += Math.Log(Signals.Shows(interaction, signal) ? e : 1 - e);
                    }

                    last = interaction.At;
                }

                state = new DecisionState(demoDone, quoteSent, (lead.Interactions[k].At - last).TotalHours > SimulatorRules.StallHours);
                logs.Add((concern, highIntent, log));
            }
        }

        var max = logs.Max(l => l.Item3);
        var sum = logs.Sum(l => Math.Exp(l.Item3 - max));
        return ([.. logs.Select(l => (l.Item1, l.Item2, Math.Exp(l.Item3 - max) / sum))], state);
    }
}

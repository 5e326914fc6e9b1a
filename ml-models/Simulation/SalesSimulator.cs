namespace CrmActors.MlModels.Simulation;

/// <summary>
/// A simulated sales team's history: leads with hidden concerns and intent, the actions reps took, what customers
/// showed, and the outcomes, drawn from <see cref="SimulatorRules"/>. The same seed gives the same history.
/// </summary>
public sealed class SalesSimulator(int seed)
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Fillers = ["followed up", "sent the brochure", "asked about the team", "confirmed the contact", "talked through the need"];
    private readonly Random random = new(seed);

    /// <summary>A lead with what the simulator knows about it (hidden from models).</summary>
    public sealed record class SimulatedLead(LeadHistory History, Concern Concern, bool HighIntent, double WinProbability);

    /// <summary>Draws <paramref name="count"/> leads, ids prefixed by <paramref name="prefix"/>.</summary>
    public IReadOnlyList<SimulatedLead> Leads(int count, string prefix = "sim")
    {
        var leads = new List<SimulatedLead>(count);
        for (var i = 0; i < count; i++)
        {
            leads.Add(Lead($"{prefix}-{i:D6}"));
        }

        return leads;
    }

    private SimulatedLead Lead(string id)
    {
        var industry = Pick(SimulatorRules.Industries.Select(x => (x.Name, x.Weight)));
        var channel = Pick(SimulatorRules.Channels.Select(x => (x.Name, x.Weight)));
        var budgetBand = Pick(SimulatorRules.BudgetBandWeights.Select((w, i) => (i, w)));
        var quality = random.NextDouble() < 0.3 ? 0 : 1 + random.Next(5);
        var created = Epoch.AddMinutes(random.Next(0, 300 * 24 * 60));
        var profile = new LeadProfile(industry, channel, budgetBand, quality, created);

        var concernPrior = SimulatorRules.ConcernPrior(industry, budgetBand);
        var concern = (Concern)Pick(concernPrior.Select((w, i) => (i, w)));
        var highIntent = random.NextDouble() < SimulatorRules.HighIntentPrior(channel, quality);
        var winProbability = SimulatorRules.Sigmoid(SimulatorRules.WinLogit(concern, highIntent, industry, channel, budgetBand, quality));
        var won = random.NextDouble() < winProbability;

        var steps = 3 + random.Next(8);
        var interactions = new Interaction[steps];
        var at = created;
        bool demoDone = false, quoteSent = false;
        for (var k = 0; k < steps; k++)
        {
            var gap = random.NextDouble() < 0.12 ? 120 + (random.NextDouble() * 280) : -30 * Math.Log(1 - random.NextDouble());
            at = at.AddHours(gap);
            var distribution = SimulatorRules.ActionDistribution(concern, highIntent, demoDone, quoteSent, gap > SimulatorRules.StallHours);
            var action = ActionCatalogue.All[Pick(distribution.Select((w, i) => (i, w)))].Id;
            demoDone |= action == "schedule-demo";
            quoteSent |= action == "send-quote";

            var tags = new List<string>();
            var words = new List<string> { Fillers[random.Next(Fillers.Length)] };
            foreach (var signal in Signals.All)
            {
                if (random.NextDouble() >= SimulatorRules.Emission(signal, concern, highIntent, demoDone))
                {
                    continue;
                }

                if (Signals.TagOf(signal) is { } tag)
                {
                    tags.Add(tag);
                }
                else
                {
                    var phrases = Signals.PhrasesOf(signal);
                    words.Add(phrases[random.Next(phrases.Count)]);
                }
            }

            interactions[k] = new Interaction(at, action, tags, string.Join("; ", words));
        }

        return new SimulatedLead(new LeadHistory(id, profile, interactions, won), concern, highIntent, winProbability);
    }

    private T Pick<T>(IEnumerable<(T Value, double Weight)> weighted)
    {
        var items = weighted.ToList();
        var roll = random.NextDouble() * items.Sum(x => x.Weight);
        foreach (var (value, weight) in items)
        {
            roll -= weight;
            if (roll < 0)
            {
                return value;
            }
        }

        return items[^1].Value;
    }
}

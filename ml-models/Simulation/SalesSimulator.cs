namespace CrmActors.MlModels.Simulation;

/// <summary>
/// A simulated sales team's leads in one world (<see cref="SimulatorFamily"/>): hidden concerns and intent, the
/// actions a policy takes (the team's own practice unless told otherwise), what customers show, and the outcomes,
/// drawn from <see cref="SimulatorRules"/>. Each lead has its own random streams (arrival, timing, signals, the
/// team's choices, the outcome), so the same lead under two policies meets the same customer at the same times: a
/// paired comparison. The same seed gives the same leads.
/// </summary>
public sealed class SalesSimulator(int seed, SimulatorFamily? family = null)
{
    /// <summary>The day leads start arriving.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How many reps the team has (each lead is worked by one).</summary>
    public const int Reps = 12;

    private static readonly string[] Fillers = ["followed up", "sent the brochure", "asked about the team", "confirmed the contact", "talked through the need"];

    /// <summary>The world the leads come from.</summary>
    public SimulatorFamily Family { get; } = family ?? SimulatorFamily.Base;

    /// <summary>A lead with what the simulator knows about it (hidden from models).</summary>
    /// <param name="History">What the CRM logged, with the outcome drawn.</param>
    /// <param name="Concerns">The customer's hidden concerns.</param>
    /// <param name="HighIntent">The customer's hidden intent.</param>
    /// <param name="WinProbability">The true chance the lead was won after what was done (the outcome is one draw of it).</param>
    public sealed record class SimulatedLead(LeadHistory History, IReadOnlyList<Concern> Concerns, bool HighIntent, double WinProbability)
    {
        /// <summary>The first concern.</summary>
        public Concern Concern => Concerns[0];
    }

    /// <summary>
    /// Draws <paramref name="count"/> leads, ids prefixed by <paramref name="prefix"/>, arriving over
    /// <paramref name="spanDays"/> days from day <paramref name="startDay"/>, worked by <paramref name="policy"/>
    /// (the team's practice by default).
    /// </summary>
    public IReadOnlyList<SimulatedLead> Leads(int count, string prefix = "sim", IActionPolicy? policy = null, double startDay = 0, double spanDays = 300)
    {
        var leads = new List<SimulatedLead>(count);
        for (var i = 0; i < count; i++)
        {
            leads.Add(Lead(i, prefix, policy ?? TeamPolicy.Instance, startDay, spanDays));
        }

        return leads;
    }

    /// <summary>Lead number <paramref name="index"/> of this seed, worked by <paramref name="policy"/>.</summary>
    public SimulatedLead Lead(int index, string prefix, IActionPolicy policy, double startDay = 0, double spanDays = 300)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var arrival = Stream(index, 0);
        var industry = Pick(arrival, SimulatorRules.Industries.Select(x => (x.Name, x.Weight)));
        var channel = Pick(arrival, SimulatorRules.Channels.Select(x => (x.Name, x.Weight)));
        var budgetBand = Pick(arrival, SimulatorRules.BudgetBandWeights.Select((w, i) => (i, w)));
        var quality = arrival.NextDouble() < 0.3 ? 0 : 1 + arrival.Next(5);
        var created = Epoch.AddMinutes((startDay * 24 * 60) + arrival.Next(0, (int)(spanDays * 24 * 60)));
        var yearsIn = (created - Epoch).TotalDays / 365;
        var profile = new LeadProfile(industry, channel, budgetBand, quality, created);

        var prior = SimulatorRules.ConcernPrior(industry, budgetBand, Family, yearsIn);
        var first = (Concern)Pick(arrival, prior.Select((w, i) => (i, w)));
        List<Concern> concerns = [first];
        if (first != Concern.None && arrival.NextDouble() < Family.SecondConcern)
        {
            concerns.Add((Concern)Pick(arrival, prior.Select((w, i) => (i, i == (int)first || i == (int)Concern.None ? 0 : w))));
        }

        var highIntent = arrival.NextDouble() < SimulatorRules.HighIntentPrior(channel, quality, Family);
        var skill = RepSkills(Family)[arrival.Next(Reps)];
        var state = new LeadState(concerns, highIntent, SimulatorRules.InitialLogit(highIntent, industry, channel, budgetBand, quality, skill), yearsIn);

        var steps = 3 + arrival.Next(8);
        var timing = Stream(index, 1);
        var signals = Stream(index, 2);
        var choices = Stream(index, 3);
        var interactions = new List<Interaction>(steps);
        var at = created;
        for (var k = 0; k < steps; k++)
        {
            var gap = Gap(timing);
            at = at.AddHours(gap);
            var stalled = gap > SimulatorRules.StallHours;
            var action = policy.Choose(new PolicyContext(profile, interactions, at, stalled, state, choices));
            state.Apply(action, gap, Family);
            interactions.Add(Log(signals, at, action, state));
        }

        var won = Stream(index, 4).NextDouble() < state.WinProbability;
        return new SimulatedLead(new LeadHistory($"{prefix}-{index:D6}", profile, interactions, won), concerns, highIntent, state.WinProbability);
    }

    /// <summary>The hours before a touch: exponential with mean 30 h, except 12% stalls of 120-400 h.</summary>
    public static double Gap(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.NextDouble() < 0.12 ? 120 + (random.NextDouble() * 280) : -30 * Math.Log(1 - random.NextDouble());
    }

    /// <summary>The team's reps' skills (log-odds), fixed for a world.</summary>
    public static double[] RepSkills(SimulatorFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        var random = new Random(4_242);
        return [.. Enumerable.Range(0, Reps).Select(_ => family.RepSkillSpread * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))];
    }

    /// <summary>The chance a signal the customer showed reaches the log readable (not dropped, not misspelled).</summary>
    public static double Logged(Signal signal, SimulatorFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return (Signals.TagOf(signal) is null ? 1 : 1 - family.TagDropout) * (1 - family.Misspelling);
    }

    private Interaction Log(Random random, DateTimeOffset at, string action, LeadState state)
    {
        var tags = new List<string>();
        var words = new List<string> { Fillers[random.Next(Fillers.Length)] };
        foreach (var signal in Signals.All)
        {
            if (random.NextDouble() >= SimulatorRules.Emission(signal, state, Family))
            {
                continue;
            }

            var tag = Signals.TagOf(signal);
            if (tag is not null && random.NextDouble() < Family.TagDropout)
            {
                continue;
            }

            var phrases = Signals.PhrasesOf(signal);
            var text = tag ?? phrases[random.Next(phrases.Count)];
            if (random.NextDouble() < Family.Misspelling)
            {
                text = Misspell(text, random);
            }

            (tag is null ? words : tags).Add(text);
        }

        return new Interaction(at, action, tags, string.Join("; ", words));
    }

    /// <summary>Swaps two neighbouring characters, so the features no longer recognize the word.</summary>
    private static string Misspell(string text, Random random)
    {
        if (text.Length < 2)
        {
            return text + "x";
        }

        var i = random.Next(text.Length - 1);
        var chars = text.ToCharArray();
        (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        var swapped = new string(chars);
        return swapped == text ? text + text[^1] : swapped;
    }

    /// <summary>
    /// A random stream of its own for (seed, lead, purpose). The seed is mixed (SplitMix64) first: System.Random's
    /// seeded generator gives correlated first draws for seeds a fixed distance apart, which once let a lead's
    /// arrival draws predict its outcome draw (a model "learned" an AUC above the true probabilities').
    /// </summary>
    public Random Stream(int index, int stream) => new(Mix(seed, index, stream));

    /// <summary>A well-mixed 31-bit seed from three numbers.</summary>
    public static int Mix(int a, int b, int c)
    {
        unchecked
        {
            var z = ((ulong)(uint)a << 32) ^ ((ulong)(uint)b * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)c * 0xC2B2AE3D27D4EB4FUL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }

    private static T Pick<T>(Random random, IEnumerable<(T Value, double Weight)> weighted)
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

        return items.Last(x => x.Weight > 0).Value;
    }
}

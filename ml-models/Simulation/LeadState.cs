namespace CrmActors.MlModels.Simulation;

/// <summary>
/// A simulated lead's hidden state as the world sees it: the customer's concerns and which were answered, their
/// intent, the rep's skill, the stage reached, what was done, and the log-odds of winning so far.
/// </summary>
public sealed class LeadState
{
    private readonly int[] done = new int[ActionCatalogue.Count];
    private readonly HashSet<Concern> resolved = [];

    /// <summary>Creates the state of a lead as it arrives.</summary>
    public LeadState(IReadOnlyList<Concern> concerns, bool highIntent, double initialLogit, double yearsIn)
    {
        Concerns = concerns;
        HighIntent = highIntent;
        Logit = initialLogit;
        YearsIn = yearsIn;
    }

    /// <summary>What the customer worries about (one, or two in some worlds; <see cref="Concern.None"/> alone for none).</summary>
    public IReadOnlyList<Concern> Concerns { get; }

    /// <summary>The customer means business.</summary>
    public bool HighIntent { get; }

    /// <summary>How far into the simulated years the lead arrived (drift).</summary>
    public double YearsIn { get; }

    /// <summary>The log-odds of winning, before open concerns are charged.</summary>
    public double Logit { get; private set; }

    /// <summary>A demo took place.</summary>
    public bool DemoDone { get; private set; }

    /// <summary>A quote was sent.</summary>
    public bool QuoteSent { get; private set; }

    /// <summary>Concerns not answered yet.</summary>
    public int OpenConcerns => Concerns.Count(c => c != Concern.None && !resolved.Contains(c));

    /// <summary>The chance the lead is won if it closed now.</summary>
    public double WinProbability => SimulatorRules.Sigmoid(Logit - (SimulatorRules.OpenConcernCost * OpenConcerns));

    /// <summary>True when <paramref name="concern"/> was answered.</summary>
    public bool Resolved(Concern concern) => resolved.Contains(concern);

    /// <summary>How many times <paramref name="action"/> was done.</summary>
    public int Done(string action) => done[ActionCatalogue.IndexOf(action)];

    /// <summary>Applies a gap of <paramref name="hours"/> and then <paramref name="action"/>.</summary>
    public void Apply(string action, double hours, SimulatorFamily family)
    {
        var stalled = hours > SimulatorRules.StallHours;
        Logit -= SimulatorRules.CoolingPerHour * hours;
        Logit += SimulatorRules.Effect(action, this, stalled, family);
        foreach (var concern in Concerns)
        {
            if (concern != Concern.None && SimulatorRules.ActionFor(concern, DemoDone) == action && (concern != Concern.Competitor || DemoDone))
            {
                resolved.Add(concern);
            }
        }

        done[ActionCatalogue.IndexOf(action)]++;
        DemoDone |= action == "schedule-demo";
        QuoteSent |= action == "send-quote";
    }

    /// <summary>A copy to roll forward without touching this one.</summary>
    public LeadState Clone()
    {
        var copy = new LeadState(Concerns, HighIntent, Logit, YearsIn) { DemoDone = DemoDone, QuoteSent = QuoteSent };
        Array.Copy(done, copy.done, done.Length);
        copy.resolved.UnionWith(resolved);
        return copy;
    }
}

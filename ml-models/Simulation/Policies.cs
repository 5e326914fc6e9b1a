namespace CrmActors.MlModels.Simulation;

/// <summary>
/// What a policy may read when it picks the next action: the lead's profile and logged history (what a CRM has),
/// the time and whether the lead stalled. <paramref name="Hidden"/> is the simulator's truth: only the team (whose
/// reps sense what the CRM does not record) and the oracle read it.
/// </summary>
public sealed record class PolicyContext(LeadProfile Profile, IReadOnlyList<Interaction> History, DateTimeOffset Now, bool Stalled, LeadState Hidden, Random Random);

/// <summary>Picks a lead's next action.</summary>
public interface IActionPolicy
{
    /// <summary>Its name in reports.</summary>
    string Name { get; }

    /// <summary>The action id to take now.</summary>
    string Choose(PolicyContext context);
}

/// <summary>The team's logged practice (<see cref="SimulatorRules.TeamPractice"/>): what the data was made of.</summary>
public sealed class TeamPolicy : IActionPolicy
{
    /// <summary>The one instance.</summary>
    public static TeamPolicy Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "team practice";

    /// <inheritdoc />
    public string Choose(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = SimulatorRules.TeamPractice(context.Hidden, context.History.Count == 0 ? null : context.History[^1], context.Stalled);
        var roll = context.Random.NextDouble() * p.Sum();
        for (var i = 0; i < p.Length; i++)
        {
            roll -= p[i];
            if (roll < 0)
            {
                return ActionCatalogue.All[i].Id;
            }
        }

        return ActionCatalogue.All[Array.FindLastIndex(p, x => x > 0)].Id;
    }
}

/// <summary>The oracle: knows the customer's concerns and intent, and takes the action that helps most now.</summary>
public sealed class OraclePolicy : IActionPolicy
{
    /// <summary>The one instance.</summary>
    public static OraclePolicy Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "oracle (knows the hidden state)";

    /// <summary>The world whose effects it knows.</summary>
    public SimulatorFamily Family { get; init; } = SimulatorFamily.Base;

    /// <inheritdoc />
    public string Choose(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var best = 0;
        var bestEffect = double.NegativeInfinity;
        for (var i = 0; i < ActionCatalogue.Count; i++)
        {
            var effect = SimulatorRules.Effect(ActionCatalogue.All[i].Id, context.Hidden, context.Stalled, Family);
            if (effect > bestEffect)
            {
                (best, bestEffect) = (i, effect);
            }
        }

        return ActionCatalogue.All[best].Id;
    }
}

/// <summary>
/// The best a policy reading only what the CRM shows can do one step at a time, not learnable from data: it knows the
/// world's rules, so it weighs every hidden state (concerns, intent) by its exact posterior given the lead's logged
/// history (<see cref="Oracle.Posterior(LeadHistory, int, bool)"/>) and takes the action whose expected effect now is
/// largest, as the oracle does with the true state. The ceiling for models and playbooks alike.
/// </summary>
public sealed class ObservableBestPolicy(SimulatorFamily family) : IActionPolicy
{
    private readonly Oracle oracle = new(family);

    /// <inheritdoc />
    public string Name => "best guess from the CRM (knows the world's rules)";

    /// <inheritdoc />
    public string Choose(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var posterior = oracle.Posterior(new LeadHistory("policy", context.Profile, context.History, null), context.History.Count, teamChose: false);
        var best = 0;
        var bestEffect = double.NegativeInfinity;
        for (var i = 0; i < ActionCatalogue.Count; i++)
        {
            var effect = 0.0;
            foreach (var (state, weight) in posterior)
            {
                effect += weight * SimulatorRules.Effect(ActionCatalogue.All[i].Id, state, context.Stalled, family);
            }

            if (effect > bestEffect)
            {
                (best, bestEffect) = (i, effect);
            }
        }

        return ActionCatalogue.All[best].Id;
    }
}

/// <summary>
/// A hand-written playbook over what the CRM shows: a stalled lead gets the supervisor; a concern whose signal was
/// seen at least <see cref="SignalThreshold"/> times gets its answer once (the most frequent first; a competitor
/// before the demo gets the demo); then the demo; then the quote (when the customer showed at least
/// <see cref="IntentThreshold"/> price questions, pricing views or downloads, else a call); then calls.
/// </summary>
public sealed class PlaybookPolicy(string name, int signalThreshold = 1, int intentThreshold = 0) : IActionPolicy
{
    private static readonly (Signal Signal, Concern Concern)[] ConcernSignals =
        [.. Signals.All.Where(s => SimulatorRules.ConcernOfSignal(s) is not null).Select(s => (s, SimulatorRules.ConcernOfSignal(s)!.Value))];

    /// <summary>The best playbook written by hand from the stage and signals (thresholds 1 and 0).</summary>
    public static PlaybookPolicy Best { get; } = new("playbook (hand-written)");

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <summary>How many times a concern's signal must show before its answer is offered.</summary>
    public int SignalThreshold { get; } = signalThreshold;

    /// <summary>How many intent signals a quote waits for.</summary>
    public int IntentThreshold { get; } = intentThreshold;

    /// <inheritdoc />
    public string Choose(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Choose(FeatureExtractor.Extract(context.Profile, context.History, context.Now), context.Stalled);
    }

    /// <summary>The playbook's action for a lead with these features.</summary>
    public string Choose(LeadFeatures f, bool stalled)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (stalled)
        {
            return "escalate-supervisor";
        }

        var demoDone = f.DemoDone > 0;
        foreach (var (_, concern) in ConcernSignals.OrderByDescending(x => f.CountOf(x.Signal)).Where(x => f.CountOf(x.Signal) >= SignalThreshold))
        {
            var answer = SimulatorRules.ActionFor(concern, demoDone)!;
            if (f.PastActions[ActionCatalogue.IndexOf(answer)] == 0)
            {
                return answer;
            }
        }

        if (!demoDone)
        {
            return "schedule-demo";
        }

        if (f.QuoteSent == 0)
        {
            return f.PriceAsks + f.PricingViews + f.Downloads >= IntentThreshold ? "send-quote" : "call-back";
        }

        return "call-back";
    }
}

/// <summary>Follows a model's advice: the action (catalogue index) it puts first.</summary>
public sealed class ModelPolicy(string name, Func<LeadFeatures, int> advise) : IActionPolicy
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public string Choose(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ActionCatalogue.All[advise(FeatureExtractor.Extract(context.Profile, context.History, context.Now))].Id;
    }
}

/// <summary>Follows the served advice, which reads the lead's whole history (<see cref="Serving.ModelPredictor.Advise(LeadProfile, IReadOnlyList{Interaction}, DateTimeOffset)"/>).</summary>
public sealed class AdvicePolicy(string name, Serving.ModelPredictor predictor) : IActionPolicy
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public string Choose(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ActionCatalogue.All[predictor.Advise(context.Profile, context.History, context.Now)].Id;
    }
}

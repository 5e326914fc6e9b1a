namespace CrmActors.MlModels.Simulation;

/// <summary>What a lead's customer is really worried about; hidden from every model, known to the oracle.</summary>
public enum Concern
{
    Price,
    Delivery,
    Competitor,
    AfterSales,
    Hesitant,
    Technical,
    None,
}

/// <summary>
/// The simulator's generative rules, in one place: the simulator draws from them, the oracle computes with them.
/// Every figure is documented in ml-models/README.md ("The simulator"). Actions change the lead's chance to win
/// (<see cref="Effect"/>); the team's practice (<see cref="TeamPractice"/>) is a mix of acting on what reps sense,
/// a visible-signal playbook and habit.
/// </summary>
public static class SimulatorRules
{
    /// <summary>Industries and their shares of leads.</summary>
    public static IReadOnlyList<(string Name, double Weight)> Industries { get; } =
        [("hospital", 0.22), ("clinic", 0.14), ("school", 0.16), ("training-center", 0.12), ("saas", 0.18), ("manufacturer", 0.18)];

    /// <summary>Channels, their shares, and how likely a lead from each is to mean business (high intent).</summary>
    public static IReadOnlyList<(string Name, double Weight, double HighIntent)> Channels { get; } =
        [("web-form", 0.34, 0.28), ("wechat", 0.26, 0.30), ("phone", 0.14, 0.40), ("referral", 0.12, 0.55), ("trade-show", 0.14, 0.42)];

    /// <summary>Budget bands 0-3 and their shares (0: not given).</summary>
    public static IReadOnlyList<double> BudgetBandWeights { get; } = [0.25, 0.30, 0.30, 0.15];

    /// <summary>A gap longer than this (hours) since the last touch means the lead has stalled.</summary>
    public const double StallHours = FeatureExtractor.StallHours;

    /// <summary>Log-odds lost per hour without a touch.</summary>
    public const double CoolingPerHour = 0.0025;

    /// <summary>Log-odds each concern still open when the lead closes costs.</summary>
    public const double OpenConcernCost = 0.4;

    /// <summary>The share of the team's choices made on what reps sense but the CRM does not record (hidden confounding).</summary>
    public const double Sensing = 0.10;

    /// <summary>The concern-specific actions (each answers one concern; offered to a customer without it, it hurts).</summary>
    public static IReadOnlyList<string> ConcernActions { get; } =
        ["installment-plan", "contract-template", "competitor-comparison", "service-manager-call", "objection-handling", "send-case-study"];

    /// <summary>The prior of each concern for a lead's industry and budget band (normalized).</summary>
    public static double[] ConcernPrior(string industry, int budgetBand, SimulatorFamily family, double yearsIn)
    {
        ArgumentNullException.ThrowIfNull(family);
        double[] w = [.. family.ConcernPrior ?? [0.20, 0.12, 0.15, 0.12, 0.13, 0.13, 0.15]];
        w[(int)Concern.Price] *= 1 + (family.Drift * yearsIn);
        if (budgetBand == 1)
        {
            w[(int)Concern.Price] *= 2.0;
        }

        switch (industry)
        {
            case "manufacturer":
                w[(int)Concern.Delivery] *= 2.5;
                break;
            case "hospital" or "clinic":
                w[(int)Concern.AfterSales] *= 2.0;
                w[(int)Concern.Technical] *= 1.5;
                break;
            case "saas":
                w[(int)Concern.Competitor] *= 2.0;
                break;
            case "school" or "training-center":
                w[(int)Concern.Hesitant] *= 1.5;
                w[(int)Concern.Price] *= 1.3;
                break;
        }

        var sum = w.Sum();
        return [.. w.Select(x => x / sum)];
    }

    /// <summary>The probability a lead means business, from its channel and qualification quality.</summary>
    public static double HighIntentPrior(string channel, int quality, SimulatorFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        var p = Channels.FirstOrDefault(c => c.Name == channel).HighIntent;
        p = p == 0 ? 0.30 : p;
        if (quality > 0)
        {
            p += (quality - 3) * 0.08;
        }

        return Math.Clamp(p + family.IntentShift, 0.05, 0.95);
    }

    /// <summary>The signal a concern shows, or null for none.</summary>
    public static Signal? SignalOf(Concern concern) => concern switch
    {
        Concern.Price => Signal.PriceSensitive,
        Concern.Delivery => Signal.DeliveryQuestion,
        Concern.Competitor => Signal.Competitor,
        Concern.AfterSales => Signal.AfterSalesView,
        Concern.Hesitant => Signal.Hesitation,
        Concern.Technical => Signal.TechnicalQuestion,
        _ => null,
    };

    /// <summary>The action that answers a concern at this stage (competitor: a demo first, the comparison after it).</summary>
    public static string? ActionFor(Concern concern, bool demoDone) => concern switch
    {
        Concern.Price => "installment-plan",
        Concern.Delivery => "contract-template",
        Concern.Competitor => demoDone ? "competitor-comparison" : "schedule-demo",
        Concern.AfterSales => "service-manager-call",
        Concern.Hesitant => "objection-handling",
        Concern.Technical => "send-case-study",
        _ => null,
    };

    /// <summary>The chance one interaction shows <paramref name="signal"/> for this customer.</summary>
    public static double Emission(Signal signal, LeadState state, SimulatorFamily family)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(family);
        double own = 0;
        foreach (var concern in state.Concerns)
        {
            if (SignalOf(concern) != signal)
            {
                continue;
            }

            var rate = signal switch
            {
                Signal.Competitor => state.DemoDone ? 0.50 : 0.15,
                Signal.Hesitation => 0.40,
                _ => 0.45,
            };

            // A customer whose worry was answered raises it far less often.
            own = Math.Max(own, rate * (state.Resolved(concern) ? 0.3 : 1) * family.ConcernSignalScale);
        }

        var noise = signal switch
        {
            Signal.PriceAsk => state.HighIntent ? 0.30 : 0.07,
            Signal.PricingView => state.HighIntent ? 0.35 : 0.10,
            Signal.Download => state.HighIntent ? 0.30 : 0.08,
            Signal.TechnicalQuestion when state.Concerns.Contains(Concern.AfterSales) => 0.12 * family.NoiseSignalScale,
            _ => 0.06 * family.NoiseSignalScale,
        };
        return Math.Clamp(Math.Max(own, noise), 0, 0.95);
    }

    /// <summary>The stage's habitual actions and their shares.</summary>
    public static (string Action, double Share)[] StageDefault(bool demoDone, bool quoteSent) => quoteSent
        ? [("call-back", 0.7), ("escalate-supervisor", 0.3)]
        : demoDone
            ? [("send-quote", 0.6), ("call-back", 0.4)]
            : [("schedule-demo", 0.5), ("call-back", 0.3), ("send-case-study", 0.2)];

    /// <summary>
    /// The team's practice: the probability of each next action (catalogue order). Half the time a rep follows a
    /// playbook on the latest interaction's visible signals (a concern signal: its answer; none: the stage's usual
    /// actions); 40% habit (the stage's usual actions); 10% they act on the concern as they sense it (hidden from the
    /// CRM: the first concern, or either of two). After a stall, 45% bring in the supervisor.
    /// </summary>
    public static double[] TeamPractice(LeadState state, Interaction? latest, bool stalled)
    {
        ArgumentNullException.ThrowIfNull(state);
        var p = new double[ActionCatalogue.Count];
        var habit = StageDefault(state.DemoDone, state.QuoteSent);
        void Habit(double weight)
        {
            foreach (var (action, share) in habit)
            {
                p[ActionCatalogue.IndexOf(action)] += weight * share;
            }
        }

        var sensed = state.Concerns.Where(c => c != Concern.None).ToList();
        if (sensed.Count == 0)
        {
            Habit(Sensing);
        }
        else
        {
            foreach (var concern in sensed)
            {
                p[ActionCatalogue.IndexOf(ActionFor(concern, state.DemoDone))] += Sensing / sensed.Count;
            }
        }

        var seen = latest is null ? null : Signals.All.Cast<Signal?>().FirstOrDefault(s => ConcernOfSignal(s!.Value) is not null && Signals.Shows(latest, s.Value));
        if (seen is { } signal)
        {
            p[ActionCatalogue.IndexOf(ActionFor(ConcernOfSignal(signal)!.Value, state.DemoDone))] += 0.50;
        }
        else
        {
            Habit(0.50);
        }

        Habit(0.40);
        if (stalled)
        {
            for (var i = 0; i < p.Length; i++)
            {
                p[i] *= 0.55;
            }

            p[ActionCatalogue.IndexOf("escalate-supervisor")] += 0.45;
        }

        return p;
    }

    /// <summary>The concern a signal speaks of, or null for intent signals.</summary>
    public static Concern? ConcernOfSignal(Signal signal) => signal switch
    {
        Signal.PriceSensitive => Concern.Price,
        Signal.DeliveryQuestion => Concern.Delivery,
        Signal.Competitor => Concern.Competitor,
        Signal.AfterSalesView => Concern.AfterSales,
        Signal.Hesitation => Concern.Hesitant,
        Signal.TechnicalQuestion => Concern.Technical,
        _ => null,
    };

    /// <summary>
    /// What <paramref name="action"/> does to the lead's log-odds of winning, in this state, and the state it leaves.
    /// The right answer to an open concern helps most (less when it comes after a stall: late); offering an answer to
    /// a worry the customer does not have, quoting before the demo or while a worry is open, and repeating
    /// yourself hurt; a supervisor helps a stalled lead and annoys a flowing one.
    /// </summary>
    public static double Effect(string action, LeadState state, bool stalled, SimulatorFamily family)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(family);
        var done = state.Done(action);
        foreach (var concern in state.Concerns)
        {
            if (concern != Concern.None && !state.Resolved(concern) && ActionFor(concern, state.DemoDone) == action && (concern != Concern.Competitor || state.DemoDone))
            {
                return 0.8 * (1 - (family.Drift * state.YearsIn)) * (stalled ? 0.6 : 1);
            }
        }

        switch (action)
        {
            case "schedule-demo":
                return done == 0 ? 0.3 + (state.HighIntent ? 0.2 : 0) : -0.1;
            case "send-quote":
                return !state.DemoDone ? -0.3 : done > 0 ? -0.1 : 0.2 + (state.HighIntent ? 0.4 : 0) - (0.3 * state.OpenConcerns);
            case "call-back":
                return 0.1;
            case "escalate-supervisor":
                return stalled ? (done == 0 ? 0.6 : 0.2) : -0.2;
            case "send-case-study" when !state.Concerns.Contains(Concern.Technical):
                return state.DemoDone ? -0.05 : 0.05;
            case "competitor-comparison" when state.Concerns.Contains(Concern.Competitor):
                return 0.2;
        }

        // A concern-specific answer: to a worry already answered (repetition) or to one the customer does not have.
        return ConcernActions.Contains(action) && state.Concerns.Any(c => ActionFor(c, true) == action || ActionFor(c, false) == action) ? -0.05 : -0.25;
    }

    /// <summary>The log-odds of winning a lead when it arrives, before anything is done.</summary>
    public static double InitialLogit(bool highIntent, string industry, string channel, int budgetBand, int quality, double repSkill)
    {
        var logit = -3.7 + (highIntent ? 1.5 : 0) + (budgetBand == 0 ? -0.2 : 0.35 * (budgetBand - 1.5)) + repSkill;
        logit += quality > 0 ? 0.25 * (quality - 3) : 0;
        logit += channel switch { "referral" => 0.5, "trade-show" => 0.2, "wechat" => -0.1, _ => 0 };
        logit += industry switch { "hospital" => 0.2, "saas" => -0.1, _ => 0 };
        return logit;
    }

    /// <summary>The logistic function.</summary>
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}

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
/// The simulator's generative rules, in one place: the simulator draws from them and the oracle computes exact
/// posteriors with them. Every figure is documented in ml-models/README.md ("The simulator").
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

    /// <summary>The prior of each concern for a lead's industry and budget band (normalized).</summary>
    public static double[] ConcernPrior(string industry, int budgetBand)
    {
        double[] w = [0.20, 0.12, 0.15, 0.12, 0.13, 0.13, 0.15];
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
    public static double HighIntentPrior(string channel, int quality)
    {
        var p = Channels.FirstOrDefault(c => c.Name == channel).HighIntent;
        p = p == 0 ? 0.30 : p;
        if (quality > 0)
        {
            p += (quality - 3) * 0.08;
        }

        return Math.Clamp(p, 0.05, 0.95);
    }

    /// <summary>The chance one interaction shows <paramref name="signal"/> for a customer with this concern and intent.</summary>
    public static double Emission(Signal signal, Concern concern, bool highIntent, bool demoDone) => signal switch
    {
        Signal.PriceSensitive => concern == Concern.Price ? 0.45 : 0.06,
        Signal.DeliveryQuestion => concern == Concern.Delivery ? 0.45 : 0.06,
        Signal.Competitor => concern == Concern.Competitor ? (demoDone ? 0.50 : 0.15) : 0.06,
        Signal.AfterSalesView => concern == Concern.AfterSales ? 0.45 : 0.06,
        Signal.TechnicalQuestion => concern switch { Concern.Technical => 0.45, Concern.AfterSales => 0.12, _ => 0.06 },
        Signal.Hesitation => concern == Concern.Hesitant ? 0.40 : 0.06,
        Signal.PriceAsk => highIntent ? 0.30 : 0.07,
        Signal.PricingView => highIntent ? 0.35 : 0.10,
        Signal.Download => highIntent ? 0.30 : 0.08,
        _ => 0.06,
    };

    /// <summary>A gap longer than this (hours) since the last touch means the lead has stalled.</summary>
    public const double StallHours = FeatureExtractor.StallHours;

    /// <summary>
    /// The team's practice: the probability of each next action (catalogue order) for a customer with this concern
    /// and intent, given the visible stage and whether the lead has stalled.
    /// </summary>
    public static double[] ActionDistribution(Concern concern, bool highIntent, bool demoDone, bool quoteSent, bool stalled)
    {
        var p = new double[ActionCatalogue.Count];
        var stageDefault = quoteSent
            ? new[] { ("call-back", 0.7), ("escalate-supervisor", 0.3) }
            : demoDone
                ? [("send-quote", 0.6), ("call-back", 0.4)]
                : [("schedule-demo", 0.5), ("call-back", 0.3), ("send-case-study", 0.2)];
        string? primary = concern switch
        {
            Concern.Price => "installment-plan",
            Concern.Delivery => "contract-template",
            Concern.Competitor => demoDone ? "competitor-comparison" : "schedule-demo",
            Concern.AfterSales => "service-manager-call",
            Concern.Hesitant => "objection-handling",
            Concern.Technical => "send-case-study",
            _ => highIntent && !quoteSent ? "send-quote" : null,
        };
        var primaryWeight = primary is null ? 0 : concern == Concern.None ? 0.5 : 0.65;
        if (primary is not null)
        {
            p[ActionCatalogue.IndexOf(primary)] += primaryWeight;
        }

        foreach (var (action, share) in stageDefault)
        {
            p[ActionCatalogue.IndexOf(action)] += (1 - primaryWeight) * share;
        }

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

    /// <summary>The log-odds of winning the lead.</summary>
    public static double WinLogit(Concern concern, bool highIntent, string industry, string channel, int budgetBand, int quality)
    {
        var logit = -3.1 + (highIntent ? 1.5 : 0) + (budgetBand == 0 ? -0.2 : 0.35 * (budgetBand - 1.5));
        logit += quality > 0 ? 0.25 * (quality - 3) : 0;
        logit += channel switch { "referral" => 0.5, "trade-show" => 0.2, "wechat" => -0.1, _ => 0 };
        logit += industry switch { "hospital" => 0.2, "saas" => -0.1, _ => 0 };
        logit += concern switch
        {
            Concern.Price => -0.4,
            Concern.Hesitant => -0.6,
            Concern.Competitor => -0.3,
            Concern.Technical => 0.1,
            Concern.None => 0.2,
            _ => 0,
        };
        return logit;
    }

    /// <summary>The logistic function.</summary>
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}

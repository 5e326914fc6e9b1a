using System.Text.Json.Serialization;

namespace CrmActors.MlModels.Training;

/// <summary>One concern's fitted mixture (<see cref="ConcernModel"/>).</summary>
/// <param name="Signal">The signal the concern shows (<see cref="Signals"/>).</param>
/// <param name="Prior">The share of customers with the concern, per cell (industry, then low budget or not).</param>
/// <param name="Rates">
/// How often a customer with the concern shows its signal per interaction: unanswered before the demo, unanswered
/// after it, answered.
/// </param>
/// <param name="Noise">How often a customer without the concern shows the signal.</param>
public sealed record class ConcernParameters(
    [property: JsonConverter(typeof(JsonStringEnumConverter<Signal>))] Signal Signal, IReadOnlyList<double> Prior, IReadOnlyList<double> Rates, double Noise);

/// <summary>The intent mixture's fitted figures (<see cref="ConcernModel"/>).</summary>
/// <param name="Prior">The share of customers who mean business, per channel cell.</param>
/// <param name="High">How often such a customer asks for a price, views pricing, downloads, per interaction.</param>
/// <param name="Low">The same for the others.</param>
public sealed record class IntentParameters(IReadOnlyList<double> Prior, IReadOnlyList<double> High, IReadOnlyList<double> Low);

/// <summary>A fitted <see cref="ConcernModel"/>, as stored in the model's manifest.</summary>
/// <param name="Industries">The industries with a cell of their own; the rest share a last cell.</param>
/// <param name="Channels">The channels with a cell of their own; the rest share a last cell.</param>
/// <param name="Concerns">One mixture per concern, in the order of <see cref="ConcernModel.Concerns"/>.</param>
/// <param name="Intent">The intent mixture.</param>
public sealed record class ConcernModelParameters(
    IReadOnlyList<string> Industries, IReadOnlyList<string> Channels, IReadOnlyList<ConcernParameters> Concerns, IntentParameters Intent);

/// <summary>
/// What a customer is likely worried about, learned from the logs alone (signals and actions; outcomes unused). For
/// each concern an action answers (price, delivery, competitor, after-sales, hesitation, technical): a mixture of
/// customers with the worry and without it, fitted by expectation-maximization. A customer with the worry shows its
/// signal at one rate until it is answered (before and after the demo apart) and at another after; one without it
/// shows the signal at a noise rate. The prior depends on the lead's industry and on a low budget. Intent (price
/// asks, pricing views, downloads) is a mixture of its own, its prior by channel. Each concern is fitted on its own,
/// so a lead may carry several. Plain C#: fitting 15,500 leads takes about 0.5 s.
/// </summary>
public sealed class ConcernModel
{
    /// <summary>A value (industry, channel) needs this many leads for a cell of its own.</summary>
    public const int MinimumCellLeads = 50;

    private const int Iterations = 30;
    private const double Smoothing = 20;
    private const int MaximumCells = 24;
    private static readonly Signal[] IntentSignals = [Signal.PriceAsk, Signal.PricingView, Signal.Download];

    private readonly string[] industries;
    private readonly string[] channels;
    private readonly ConcernParameters[] concerns;
    private readonly IntentParameters intent;

    private ConcernModel(ConcernModelParameters parameters)
    {
        industries = [.. parameters.Industries];
        channels = [.. parameters.Channels];
        concerns = [.. parameters.Concerns];
        intent = parameters.Intent;
        Parameters = parameters;
    }

    /// <summary>The signal of each concern, in the order of every concern array.</summary>
    public static IReadOnlyList<Signal> Concerns { get; } =
        [Signal.PriceSensitive, Signal.DeliveryQuestion, Signal.Competitor, Signal.AfterSalesView, Signal.Hesitation, Signal.TechnicalQuestion];

    /// <summary>The fitted figures (stored in the model's manifest).</summary>
    public ConcernModelParameters Parameters { get; }

    /// <summary>The model the stored <paramref name="parameters"/> describe; throws <see cref="ArgumentException"/> when they do not fit together.</summary>
    public static ConcernModel From(ConcernModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var cells = (parameters.Industries.Count + 1) * 2;
        if (parameters.Concerns.Count != Concerns.Count
            || parameters.Concerns.Where((c, i) => c.Signal != Concerns[i] || c.Prior.Count != cells || c.Rates.Count != 3).Any()
            || parameters.Intent.Prior.Count != parameters.Channels.Count + 1
            || parameters.Intent.High.Count != IntentSignals.Length || parameters.Intent.Low.Count != IntentSignals.Length)
        {
            throw new ArgumentException("The concern model's figures do not fit its concerns, cells and signals.", nameof(parameters));
        }

        var chances = parameters.Concerns.SelectMany(c => c.Prior.Concat(c.Rates).Append(c.Noise))
            .Concat(parameters.Intent.Prior).Concat(parameters.Intent.High).Concat(parameters.Intent.Low);
        if (chances.Any(p => !(p > 0 && p < 1)))
        {
            throw new ArgumentException("The concern model's chances must lie strictly between 0 and 1.", nameof(parameters));
        }

        return new ConcernModel(parameters);
    }

    /// <summary>Fits the mixtures on <paramref name="leads"/> (their profiles, actions and signals; outcomes unused).</summary>
    public static ConcernModel Fit(IReadOnlyList<LeadHistory> leads)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var industries = Vocabulary(leads.Select(l => l.Profile.Industry));
        var channels = Vocabulary(leads.Select(l => l.Profile.Channel));
        var cells = leads.Select(l => Cell(industries, l.Profile)).ToArray();
        var channelCells = leads.Select(l => IndexOf(channels, l.Profile.Channel)).ToArray();
        var mixtures = new ConcernParameters[Concerns.Count];
        for (var i = 0; i < mixtures.Length; i++)
        {
            mixtures[i] = FitConcern(i, leads, cells, (industries.Length + 1) * 2);
        }

        return new ConcernModel(new ConcernModelParameters(industries, channels, mixtures, FitIntent(leads, channelCells, channels.Length + 1)));
    }

    /// <summary>
    /// The chance the customer has each concern (order of <see cref="Concerns"/>) and it is still unanswered, given the
    /// logged history (oldest first); 0 for a concern whose answer was given.
    /// </summary>
    public double[] OpenConcerns(LeadProfile profile, IReadOnlyList<Interaction> history)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(history);
        var cell = Cell(industries, profile);
        var open = new double[concerns.Length];
        for (var i = 0; i < open.Length; i++)
        {
            var (codes, answered) = Observe(i, history);
            open[i] = answered ? 0 : Posterior(concerns[i], concerns[i].Prior[cell], codes);
        }

        return open;
    }

    /// <summary>The chance the customer means business, given the logged history.</summary>
    public double HighIntent(LeadProfile profile, IReadOnlyList<Interaction> history)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(history);
        return IntentPosterior(intent, intent.Prior[IndexOf(channels, profile.Channel)], ObserveIntent(history));
    }

    /// <summary>The action that answers concern <paramref name="index"/> now (a competitor: the demo first, the comparison after it).</summary>
    public static string AnswerOf(int index, bool demoDone) => Concerns[index] switch
    {
        Signal.Competitor => demoDone ? "competitor-comparison" : "schedule-demo",
        var signal => ActionCatalogue.All.First(a => a.Id != "send-quote" && ActionCatalogue.Answers(a.Id) == signal).Id,
    };

    /// <summary>The concern's name in advice reasons.</summary>
    public static string NameOf(int index) => Concerns[index] switch
    {
        Signal.PriceSensitive => "price",
        Signal.DeliveryQuestion => "delivery time",
        Signal.Competitor => "a competitor",
        Signal.AfterSalesView => "after-sales service",
        Signal.Hesitation => "hesitation",
        _ => "technical fit",
    };

    private static ConcernParameters FitConcern(int index, IReadOnlyList<LeadHistory> leads, int[] cells, int cellCount)
    {
        var prior = Enumerable.Repeat(0.2, cellCount).ToArray();
        double[] rates = [0.4, 0.4, 0.15];
        var noise = 0.06;
        var observed = leads.Select(l => Observe(index, l.Interactions).Codes).ToArray();
        if (!observed.Any(codes => codes.Any(code => (code & 1) == 1)))
        {
            // The signal never shows in these logs: nothing tells a worried customer apart, so none is assumed.
            return new ConcernParameters(Concerns[index], [.. prior.Select(_ => Clamp(0))], rates, noise);
        }

        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var current = new ConcernParameters(Concerns[index], prior, rates, noise);
            var priorSum = new double[cellCount];
            var priorCount = new double[cellCount];
            var shown = new double[3];
            var seen = new double[3];
            double noiseShown = 0, noiseSeen = 0;
            for (var l = 0; l < leads.Count; l++)
            {
                var w = Posterior(current, prior[cells[l]], observed[l]);
                priorSum[cells[l]] += w;
                priorCount[cells[l]]++;
                foreach (var code in observed[l])
                {
                    var (k, y) = (code >> 1, (code & 1) == 1);
                    shown[k] += y ? w : 0;
                    seen[k] += w;
                    noiseShown += y ? 1 - w : 0;
                    noiseSeen += 1 - w;
                }
            }

            var overall = priorSum.Sum() / Math.Max(1, priorCount.Sum());
            prior = [.. priorSum.Select((s, c) => Clamp((s + (Smoothing * overall)) / (priorCount[c] + Smoothing)))];
            rates = [.. rates.Select((r, k) => seen[k] < 1 ? r : Clamp(shown[k] / seen[k]))];
            noise = noiseSeen < 1 ? noise : Clamp(noiseShown / noiseSeen);
        }

        return new ConcernParameters(Concerns[index], prior, rates, noise);
    }

    private static IntentParameters FitIntent(IReadOnlyList<LeadHistory> leads, int[] cells, int cellCount)
    {
        var current = new IntentParameters([.. Enumerable.Repeat(0.3, cellCount)], [0.3, 0.3, 0.3], [0.08, 0.08, 0.08]);
        var observed = leads.Select(l => ObserveIntent(l.Interactions)).ToArray();
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var priorSum = new double[cellCount];
            var priorCount = new double[cellCount];
            var highShown = new double[IntentSignals.Length];
            var lowShown = new double[IntentSignals.Length];
            double highSeen = 0, lowSeen = 0;
            for (var l = 0; l < leads.Count; l++)
            {
                var w = IntentPosterior(current, current.Prior[cells[l]], observed[l]);
                priorSum[cells[l]] += w;
                priorCount[cells[l]]++;
                foreach (var bits in observed[l])
                {
                    highSeen += w;
                    lowSeen += 1 - w;
                    for (var s = 0; s < IntentSignals.Length; s++)
                    {
                        var y = (bits >> s) & 1;
                        highShown[s] += w * y;
                        lowShown[s] += (1 - w) * y;
                    }
                }
            }

            var overall = priorSum.Sum() / Math.Max(1, priorCount.Sum());
            current = new IntentParameters(
                [.. priorSum.Select((s, c) => Clamp((s + (Smoothing * overall)) / (priorCount[c] + Smoothing)))],
                [.. current.High.Select((r, s) => highSeen < 1 ? r : Clamp(highShown[s] / highSeen))],
                [.. current.Low.Select((r, s) => lowSeen < 1 ? r : Clamp(lowShown[s] / lowSeen))]);
        }

        return current;
    }

    /// <summary>P(the customer has the concern | its observations (<see cref="Observe"/>)).</summary>
    private static double Posterior(ConcernParameters concern, double prior, byte[] codes)
    {
        double present = 0, absent = 0;
        foreach (var code in codes)
        {
            var (k, y) = (code >> 1, (code & 1) == 1);
            present += Bernoulli(y, concern.Rates[k]);
            absent += Bernoulli(y, concern.Noise);
        }

        return Logistic(Math.Log(prior / (1 - prior)) + present - absent);
    }

    private static double IntentPosterior(IntentParameters intent, double prior, byte[] observed)
    {
        var logOdds = Math.Log(prior / (1 - prior));
        foreach (var bits in observed)
        {
            for (var s = 0; s < IntentSignals.Length; s++)
            {
                var y = ((bits >> s) & 1) == 1;
                logOdds += Bernoulli(y, intent.High[s]) - Bernoulli(y, intent.Low[s]);
            }
        }

        return Logistic(logOdds);
    }

    /// <summary>Per interaction, which intent signals it showed (bit s for <see cref="IntentSignals"/>[s]).</summary>
    private static byte[] ObserveIntent(IReadOnlyList<Interaction> history)
    {
        var observed = new byte[history.Count];
        for (var j = 0; j < observed.Length; j++)
        {
            for (var s = 0; s < IntentSignals.Length; s++)
            {
                observed[j] |= (byte)(Signals.Shows(history[j], IntentSignals[s]) ? 1 << s : 0);
            }
        }

        return observed;
    }

    /// <summary>
    /// Per interaction, the rate its signal is drawn at had the customer the concern (0 unanswered before the demo, 1
    /// unanswered after it, 2 answered; an interaction's signals come after its action), times 2, plus 1 when it
    /// showed; and whether the concern's answer was given.
    /// </summary>
    private static (byte[] Codes, bool Answered) Observe(int index, IReadOnlyList<Interaction> history)
    {
        var codes = new byte[history.Count];
        var demoDone = false;
        var answered = false;
        for (var j = 0; j < codes.Length; j++)
        {
            var interaction = history[j];
            answered |= interaction.Action is { } action && action == AnswerOf(index, demoDone) && (Concerns[index] != Signal.Competitor || demoDone);
            demoDone |= interaction.Action == "schedule-demo";
            codes[j] = (byte)(((answered ? 2 : demoDone ? 1 : 0) * 2) + (Signals.Shows(interaction, Concerns[index]) ? 1 : 0));
        }

        return (codes, answered);
    }

    private static string[] Vocabulary(IEnumerable<string> values) =>
        [.. values.Select(Normalize).GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() >= MinimumCellLeads)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(MaximumCells).Select(g => g.Key)];

    private static int Cell(string[] industries, LeadProfile profile) => (IndexOf(industries, profile.Industry) * 2) + (profile.BudgetBand == 1 ? 1 : 0);

    /// <summary>The value's cell: its place in <paramref name="names"/>, or the shared last cell.</summary>
    private static int IndexOf(string[] names, string? value) => Array.IndexOf(names, Normalize(value)) is var i and >= 0 ? i : names.Length;

    private static string Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? "unknown" : value.Trim().ToLowerInvariant();

    private static double Bernoulli(bool shown, double rate) => Math.Log(shown ? rate : 1 - rate);

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Clamp(double p) => Math.Clamp(p, 0.005, 0.995);
}

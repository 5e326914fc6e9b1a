namespace CrmActors.MlModels.Simulation;

/// <summary>
/// One world the simulator can draw: the knobs that differ between the world the models are tuned on
/// (<see cref="Base"/>) and the held-out worlds they are judged on without retuning. Every knob is said in
/// ml-models/README.md ("Held-out families").
/// </summary>
/// <param name="Name">Short name, used in reports.</param>
/// <param name="Description">What differs from the base world, in a sentence.</param>
public sealed record class SimulatorFamily(string Name, string Description)
{
    /// <summary>Multiplies how often a concern shows its own signal (0.45 in the base world).</summary>
    public double ConcernSignalScale { get; init; } = 1;

    /// <summary>Multiplies how often a signal shows without its concern (0.06 in the base world).</summary>
    public double NoiseSignalScale { get; init; } = 1;

    /// <summary>Added to every lead's chance of high intent (before clamping).</summary>
    public double IntentShift { get; init; }

    /// <summary>Concern prior weights replacing the base ones (catalogue order of <see cref="Concern"/>), or null.</summary>
    public IReadOnlyList<double>? ConcernPrior { get; init; }

    /// <summary>The chance a lead has a second concern besides its first.</summary>
    public double SecondConcern { get; init; }

    /// <summary>The chance a tag is not logged at all.</summary>
    public double TagDropout { get; init; }

    /// <summary>The chance a logged tag or phrase is misspelled (another spelling than the one features look for).</summary>
    public double Misspelling { get; init; }

    /// <summary>The spread (log-odds) of rep skill: each lead is worked by one of 12 reps with a fixed skill.</summary>
    public double RepSkillSpread { get; init; }

    /// <summary>
    /// How far the world drifts over a year of leads: the concern's own action loses this share of its effect and
    /// the price concern grows by it (leads later in time differ from those a model trained on).
    /// </summary>
    public double Drift { get; init; }

    /// <summary>The world the features and hyperparameters are chosen on.</summary>
    public static SimulatorFamily Base { get; } = new("base", "the world features and hyperparameters were tuned on");

    /// <summary>Held-out: other signal rates and priors.</summary>
    public static SimulatorFamily OtherRates { get; } = new("other-rates", "concerns show their signal 30% less, noise signals 50% more, other concern priors, intent -5 points")
    {
        ConcernSignalScale = 0.7,
        NoiseSignalScale = 1.5,
        IntentShift = -0.05,
        ConcernPrior = [0.10, 0.22, 0.10, 0.18, 0.20, 0.08, 0.12],
    };

    /// <summary>Held-out: several concerns per lead.</summary>
    public static SimulatorFamily SeveralConcerns { get; } = new("several-concerns", "60% of leads carry a second concern, each needing its own action")
    {
        SecondConcern = 0.6,
    };

    /// <summary>Held-out: sparse and misspelled tags.</summary>
    public static SimulatorFamily SparseTags { get; } = new("sparse-tags", "35% of tags never logged, 20% of the rest misspelled")
    {
        TagDropout = 0.35,
        Misspelling = 0.2,
    };

    /// <summary>Held-out: rep effects and drift over time.</summary>
    public static SimulatorFamily RepsAndDrift { get; } = new("reps-and-drift", "reps differ in skill (spread 0.6 log-odds); concern actions lose 40% of their effect over the year, price concerns grow 40%")
    {
        RepSkillSpread = 0.6,
        Drift = 0.4,
    };

    /// <summary>The held-out families, in report order.</summary>
    public static IReadOnlyList<SimulatorFamily> HeldOut { get; } = [OtherRates, SeveralConcerns, SparseTags, RepsAndDrift];

    /// <summary>Every family by name.</summary>
    public static SimulatorFamily ByName(string name) =>
        (IEnumerable<SimulatorFamily>)[Base, .. HeldOut] is var all && all.FirstOrDefault(f => f.Name == name) is { } found
            ? found
            : throw new ArgumentException($"No simulator family '{name}'; known: {string.Join(", ", new[] { Base }.Concat(HeldOut).Select(f => f.Name))}.", nameof(name));
}

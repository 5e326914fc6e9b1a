using CrmActors.MlModels.Simulation;

namespace CrmActors.MlModels.Tests;

/// <summary>The ceiling in advise-eval: the best guess a policy reading only the CRM makes, knowing the world's rules.</summary>
public sealed class ObservableBestPolicyTests
{
    private static readonly DateTimeOffset Created = SalesSimulator.Epoch.AddDays(40);

    private static readonly ObservableBestPolicy Policy = new(SimulatorFamily.Base);

    [Fact]
    public void Choose_AnswersAWorryItsSignalsMakeLikely()
    {
        List<Interaction> history = [Touch(1, "call-back", "price-sensitive"), Touch(2, "schedule-demo", "price-sensitive")];
        Assert.Equal("installment-plan", Choose(history, stalled: false));
    }

    [Fact]
    public void Choose_ReadsWhatWasLogged_NotTheHiddenState()
    {
        // The hidden state says price; nothing logged says so, and a demo helps any lead not yet shown one.
        var hidden = new LeadState([Concern.Price], highIntent: true, initialLogit: 0, yearsIn: 0.1);
        Assert.Equal("schedule-demo", Policy.Choose(Context([Touch(1, "call-back")], stalled: false, hidden)));
        Assert.Equal("installment-plan", new OraclePolicy().Choose(Context([Touch(1, "call-back")], stalled: false, hidden)));
    }

    [Fact]
    public void Choose_BringsInTheSupervisorOnAStall()
    {
        Assert.Equal("escalate-supervisor", Choose([Touch(1, "schedule-demo")], stalled: true));
    }

    private static string Choose(List<Interaction> history, bool stalled) =>
        Policy.Choose(Context(history, stalled, new LeadState([Concern.None], highIntent: false, initialLogit: 0, yearsIn: 0.1)));

    private static PolicyContext Context(List<Interaction> history, bool stalled, LeadState hidden) =>
        new(new LeadProfile("school", "web-form", 2, 3, Created), history, history[^1].At.AddHours(stalled ? 200 : 20), stalled, hidden, new Random(1));

    private static Interaction Touch(int day, string action, params string[] tags) => new(Created.AddDays(day), action, tags, "ok");
}

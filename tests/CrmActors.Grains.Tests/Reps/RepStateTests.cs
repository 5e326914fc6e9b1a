using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Reps;

namespace CrmActors.Grains.Tests.Reps;

/// <summary>The rep's fairness count (assignments in the last 24 h, by the hour) and win history, as plain state logic.</summary>
public sealed class RepStateTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 30, 0, TimeSpan.Zero);

    [Fact]
    public void RecentAssignments_CountsTheLast24HoursAndForgetsOlderHours()
    {
        var state = new RepState();
        state.RecordAssignment(Start);
        state.RecordAssignment(Start.AddMinutes(10));
        state.RecordAssignment(Start.AddHours(1));
        state.RecordAssignment(Start.AddHours(23));

        Assert.Equal(4, state.RecentAssignments(Start.AddHours(23)));
        Assert.Equal(2, state.RecentAssignments(Start.AddHours(24)));
        Assert.Equal(0, state.RecentAssignments(Start.AddHours(48)));

        state.RecordAssignment(Start.AddHours(30));
        Assert.Equal(2, state.AssignmentsByHour.Count);
    }

    [Fact]
    public void RecordWin_SameKindAnyCase_AddsToOneEntry()
    {
        var state = new RepState();

        state.RecordWin(new RepWin("finance", "core system", null, 1));
        state.RecordWin(new RepWin("Finance", "Core System", null, 1));
        state.RecordWin(new RepWin("finance", null, null, 1));

        Assert.Equal([2, 1], state.WonDeals.Select(w => w.Count));
    }
}

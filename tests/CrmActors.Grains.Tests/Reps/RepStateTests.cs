using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Reps;

namespace CrmActors.Grains.Tests.Reps;

/// <summary>The rep's fairness count (assignments in the last 24 h, by the hour), win history and open leads, as plain state logic.</summary>
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

    [Fact]
    public void OpenLeads_AddAndRemoveOnce_KeepTheOrderTheyCameIn()
    {
        var state = new RepState();

        Assert.True(state.AddOpenLead("lead-b"));
        Assert.True(state.AddOpenLead("lead-a"));
        Assert.False(state.AddOpenLead("lead-b"));
        Assert.True(state.AddOpenLead("lead-c"));
        Assert.True(state.RemoveOpenLead("lead-a"));
        Assert.False(state.RemoveOpenLead("lead-a"));

        Assert.Equal(["lead-b", "lead-c"], state.OpenLeadIds);
        Assert.True(state.HoldsLead("lead-c"));
        Assert.False(state.HoldsLead("lead-a"));
        Assert.False(state.HoldsLead("LEAD-C"));
    }

    [Fact]
    public void OpenLeads_ListReplacedAsByARead_AreAskedOfTheNewList()
    {
        var state = new RepState();
        state.AddOpenLead("lead-old");

        // Reading stored state (or a copy) sets the list as a whole; the set must follow it, not the list it was built from.
        state.OpenLeadIds = ["lead-1", "lead-2"];

        Assert.False(state.HoldsLead("lead-old"));
        Assert.True(state.HoldsLead("lead-2"));
        Assert.False(state.AddOpenLead("lead-1"));
        Assert.True(state.RemoveOpenLead("lead-1"));
        Assert.Equal(["lead-2"], state.OpenLeadIds);
    }
}

using CrmActors.Grains.Leads;

namespace CrmActors.Grains.Tests.Leads;

public sealed class FirstTouchDeadlineTests
{
    private static readonly DateTimeOffset Due = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsMissed_BeforeDue_IsFalse() =>
        Assert.False(FirstTouchDeadline.IsMissed(new LeadState { FirstTouchDueAt = Due }, Due.AddTicks(-1)));

    [Fact]
    public void IsMissed_AtDue_IsTrue() =>
        Assert.True(FirstTouchDeadline.IsMissed(new LeadState { FirstTouchDueAt = Due }, Due));

    [Fact]
    public void IsMissed_AlreadyTouched_IsFalse() =>
        Assert.False(FirstTouchDeadline.IsMissed(new LeadState { FirstTouchDueAt = Due, FirstTouchAt = Due.AddHours(-1) }, Due.AddDays(1)));

    [Fact]
    public void IsPending_AlreadyOverdue_IsFalse() =>
        Assert.False(FirstTouchDeadline.IsPending(new LeadState { FirstTouchDueAt = Due, OverdueAt = Due }));

    [Fact]
    public void IsPending_NoDeadline_IsFalse() =>
        Assert.False(FirstTouchDeadline.IsPending(new LeadState()));

    [Fact]
    public void Record_BeyondLimit_KeepsTheNewestEntries()
    {
        var state = new LeadState();
        for (var i = 0; i < LeadState.HistoryLimit + 5; i++)
        {
            state.Record(Due, "e", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(LeadState.HistoryLimit, state.History.Count);
        Assert.Equal("5", state.History[0].Detail);
    }
}

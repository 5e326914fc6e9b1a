using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Routing;

namespace CrmActors.Grains.Tests.Routing;

public sealed class RosterSnapshotTests
{
    private static readonly DateTimeOffset Leave = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void ToRouting_NoSchedule_HasNoWorkingHoursAndNoLeave()
    {
        var rep = RosterSnapshot.ToRouting("rep-li", Rep(null), []);

        Assert.Null(rep.WorkingHours);
        Assert.Null(rep.OnLeaveUntil);
    }

    [Fact]
    public void ToRouting_LeaveOnly_HasLeaveButNoWorkingHours()
    {
        var rep = RosterSnapshot.ToRouting("rep-li", Rep(RepSchedule.LeaveOnly(Leave)), []);

        Assert.Null(rep.WorkingHours);
        Assert.Equal(Leave, rep.OnLeaveUntil);
    }

    [Fact]
    public void ToRouting_LeaveStoredWithPlaceholderHours_HasNoWorkingHours()
    {
        // Profiles saved before leave-only schedules carried a placeholder zone and midnight hours with no days.
        var rep = RosterSnapshot.ToRouting("rep-li", Rep(new RepSchedule("Asia/Shanghai", TimeOnly.MinValue, TimeOnly.MinValue, [], Leave)), []);

        Assert.Null(rep.WorkingHours);
        Assert.Equal(Leave, rep.OnLeaveUntil);
    }

    [Fact]
    public void ToRouting_WorkingHours_AreKept()
    {
        var rep = RosterSnapshot.ToRouting("rep-li", Rep(new RepSchedule("Asia/Shanghai", new TimeOnly(9, 0), new TimeOnly(18, 0), [DayOfWeek.Monday], null)), []);

        Assert.Equal(("Asia/Shanghai", new TimeOnly(9, 0), new TimeOnly(18, 0)), (rep.WorkingHours!.TimeZoneId, rep.WorkingHours.Start, rep.WorkingHours.End));
        Assert.Equal([DayOfWeek.Monday], rep.WorkingHours.Days);
    }

    private static RepProfile Rep(RepSchedule? schedule) => new("Li", null, null, 10, true, ["sales"], null, schedule);
}

using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Reps;

namespace CrmActors.Grains.Tests.Reps;

/// <summary>A rep's recent data quality: the mean of key fields, evidence and on-time shares over 30 days, counted per day.</summary>
public sealed class RepDataQualityTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    private static ActivityRecord Logged(DateTimeOffset loggedAt, bool keyFields, bool evidence, double hoursLate = 0) =>
        new("lead-1", "act-1", loggedAt.AddHours(-hoursLate), loggedAt, keyFields, evidence);

    [Fact]
    public void Score_NoActivity_IsUnknown() => Assert.Null(RepDataQuality.Score([], Now));

    [Fact]
    public void Score_CleanRecords_IsOne_SloppyOnes_Zero()
    {
        var clean = new List<DailyRecords>();
        var sloppy = new List<DailyRecords>();
        RepDataQuality.Add(clean, Logged(Now, keyFields: true, evidence: true, hoursLate: 2));
        RepDataQuality.Add(sloppy, Logged(Now, keyFields: false, evidence: false, hoursLate: 72));

        Assert.Equal((1.0, 0.0), (RepDataQuality.Score(clean, Now), RepDataQuality.Score(sloppy, Now)));
    }

    [Fact]
    public void Score_MeanOfTheThreeShares_RoundedToHundredths()
    {
        var days = new List<DailyRecords>();
        RepDataQuality.Add(days, Logged(Now.AddDays(-1), keyFields: true, evidence: true));
        RepDataQuality.Add(days, Logged(Now, keyFields: true, evidence: false));
        RepDataQuality.Add(days, Logged(Now, keyFields: false, evidence: false, hoursLate: 30));

        // Key fields 2/3, evidence 1/3, on time 2/3: 5 of 9.
        Assert.Equal(0.56, RepDataQuality.Score(days, Now));
        Assert.Equal([new DailyRecords(20613, 1, 1, 1, 1), new DailyRecords(20614, 2, 1, 0, 1)], days);
    }

    [Fact]
    public void Score_ActivitiesOlderThanThirtyDays_NoLongerCountAndTheirDaysAreDropped()
    {
        var days = new List<DailyRecords>();
        RepDataQuality.Add(days, Logged(Now.AddDays(-40), keyFields: false, evidence: false));
        Assert.Null(RepDataQuality.Score(days, Now));

        RepDataQuality.Add(days, Logged(Now, keyFields: true, evidence: true));

        Assert.Equal(1.0, RepDataQuality.Score(days, Now));
        Assert.Single(days);
    }

    [Theory]
    [InlineData("Talked budget through", true, true)]
    [InlineData("Talked budget through", false, false)]
    [InlineData("  ", true, false)]
    [InlineData(null, true, false)]
    public void KeyFieldsComplete_ASummaryAndTheNextStep(string? summary, bool nextStep, bool expected) =>
        Assert.Equal(expected, RepDataQuality.KeyFieldsComplete(summary, nextStep ? Now.AddDays(2) : null));
}

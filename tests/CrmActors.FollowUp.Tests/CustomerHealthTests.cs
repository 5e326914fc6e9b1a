namespace CrmActors.FollowUp.Tests;

public sealed class CustomerHealthTests
{
    private static HealthVerdict Judge(double[]? late = null, double[]? hours = null, int[]? scores = null) =>
        CustomerHealth.Judge(new HealthInputs(late ?? [], hours ?? [], scores ?? []), new HealthPolicy());

    [Fact]
    public void Judge_NothingRecorded_IsGreenAndSaysSo()
    {
        var verdict = Judge();
        Assert.Equal(QualityLight.Green, verdict.Light);
        Assert.Contains("nothing recorded yet", Assert.Single(verdict.Reasons), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, QualityLight.Green)]
    [InlineData(7, QualityLight.Yellow)]
    [InlineData(30, QualityLight.Red)]
    public void Judge_LatePayment_ByDays(double days, QualityLight light) => Assert.Equal(light, Judge(late: [0, days]).Light);

    [Fact]
    public void Judge_SlowTicketsAndPoorFeedback_TheWorstWinsAndEveryReasonIsShown()
    {
        var verdict = Judge(hours: [60, 50], scores: [5, 5, 1, 2, 2, 1, 2]);
        Assert.Equal(QualityLight.Red, verdict.Light);
        Assert.Equal(["tickets take 55 h to resolve on average", "feedback averages 1.6 of 5"], verdict.Reasons);
    }
}

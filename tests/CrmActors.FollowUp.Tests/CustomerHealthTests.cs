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

    [Fact]
    public void Judge_LatePaymentFromAnotherSystem_ReasonNamesTheSource()
    {
        var verdict = CustomerHealth.Judge(new HealthInputs([3, 12], [], [], PaymentLabels: [null, "order SO-7 from kingdee-erp"]), new HealthPolicy());

        Assert.Equal(QualityLight.Yellow, verdict.Light);
        Assert.Equal("a payment 12 days late (order SO-7 from kingdee-erp)", Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void Judge_NoteAndVisitScores_RaiseTheLightNamingTheSource()
    {
        var verdict = CustomerHealth.Judge(
            new HealthInputs([], [], [2, 3], FeedbackSources: [null, "fx-service"], Notes: [new HealthNote(QualityLight.Yellow, "order SO-2: 4,000 of 10,000 returned (from kingdee-erp)")]),
            new HealthPolicy());

        Assert.Equal(QualityLight.Yellow, verdict.Light);
        Assert.Equal(["feedback averages 2.5 of 5 (scores from fx-service among them)", "order SO-2: 4,000 of 10,000 returned (from kingdee-erp)"], verdict.Reasons);
    }
}

namespace CrmActors.FollowUp.Tests;

public sealed class DashboardPolicyTests
{
    [Fact]
    public void Default_IsS7()
    {
        var metrics = FollowUpPolicy.Default.Dashboard.Metrics();

        Assert.Equal((85.0, (double?)60.0), (metrics.Single(m => m.Id == "evidence-rate").Healthy!.Value, metrics.Single(m => m.Id == "evidence-rate").Alarm));
        Assert.Equal(120, metrics.Single(m => m.Id == "first-response-median").Healthy);
        Assert.Equal(5, FollowUpPolicy.Default.Dashboard.StageOnTimeDays);
    }

    [Fact]
    public void Parse_TenantThresholds_ReplaceTheDefaultsForThatMetricOnly()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""{ "dashboard": { "thresholds": { "first-response-median": { "healthy": 15 } }, "stageOnTimeDays": 3 } }""");

        Assert.Empty(errors);
        var metrics = policy!.Dashboard.Metrics();
        Assert.Equal(15, metrics.Single(m => m.Id == "first-response-median").Healthy);
        Assert.Equal(85, metrics.Single(m => m.Id == "evidence-rate").Healthy);
        Assert.Equal(3, policy.Dashboard.StageOnTimeDays);
    }

    [Fact]
    public void Parse_BadThresholds_NameEveryField()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""
            { "dashboard": { "stageOnTimeDays": 0, "thresholds": {
                "no-such-metric": { "healthy": 1 },
                "evidence-rate": { "healthy": 120, "alarm": 90 },
                "coordination-latency": { "healthy": 240, "alarm": 100 } } } }
            """);

        Assert.Null(policy);
        Assert.Equal(
            ["dashboard.stageOnTimeDays", "dashboard.thresholds.coordination-latency.alarm", "dashboard.thresholds.evidence-rate.healthy", "dashboard.thresholds.no-such-metric"],
            errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }
}

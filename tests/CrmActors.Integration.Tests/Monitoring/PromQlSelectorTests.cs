namespace CrmActors.Integration.Tests.Monitoring;

/// <summary>The query reader the monitoring check relies on: it must find every metric, and nothing else.</summary>
public sealed class PromQlSelectorTests
{
    [Fact]
    public void Parse_QuantileOverARateWithLabels_FindsTheBucketMetricAndItsEqualityLabels()
    {
        var found = PromQlSelector.Parse(
            """histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{http_route="/api/v1/leads/",http_request_method="POST",code!="500"}[5m]))) > 0.05""");

        var selector = Assert.Single(found);
        Assert.Equal("http_server_request_duration_seconds_bucket", selector.Metric);
        Assert.Equal(new Dictionary<string, string> { ["http_route"] = "/api/v1/leads/", ["http_request_method"] = "POST" }, selector.Labels);
    }

    [Fact]
    public void Parse_ArithmeticSubqueryAndBareNames_FindsEachMetricOnce()
    {
        var found = PromQlSelector.Parse(
            "(sum(rate(a_count[10m])) - sum(rate(a_bucket{le=\"60\"}[10m]))) / sum(rate(a_count[10m])) > 0.05 or max(ring) < max_over_time(max(ring)[30m:1m]) and up{job=\"silo\"} == 0");

        Assert.Equal(["a_count", "a_bucket", "a_count", "ring", "ring", "up"], found.Select(s => s.Metric));
        Assert.Equal("60", found[1].Labels["le"]);
        Assert.Equal("silo", found[5].Labels["job"]);
    }

    [Fact]
    public void ScrapedSeries_Matches_NeedsTheNameAndEveryAskedLabelValue()
    {
        var series = ScrapedSeries.Parse(
            """
            # TYPE x_bucket histogram
            x_bucket{otel_scope_name="s",le="60"} 3
            y_total 7
            """);
        var targetLabels = new HashSet<string> { "job" };

        Assert.Equal(2, series.Count);
        Assert.True(series[0].Matches(new PromQlSelector("x_bucket", new Dictionary<string, string> { ["le"] = "60", ["job"] = "silo" }), targetLabels));
        Assert.False(series[0].Matches(new PromQlSelector("x_bucket", new Dictionary<string, string> { ["le"] = "30" }), targetLabels));
        Assert.True(series[1].Matches(new PromQlSelector("y_total", new Dictionary<string, string>()), targetLabels));
        Assert.False(series[1].Matches(new PromQlSelector("y", new Dictionary<string, string>()), targetLabels));
    }
}

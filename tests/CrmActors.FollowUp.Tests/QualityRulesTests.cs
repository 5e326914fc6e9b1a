namespace CrmActors.FollowUp.Tests;

public sealed class QualityRulesTests
{
    private static LeadFacts Facts(double? seconds = null, double? downloads = null, bool? homeOnly = null, bool validPhone = true, double? quality = null) =>
        new(seconds, seconds is null ? null : 3, downloads, homeOnly, validPhone, quality, "website");

    [Fact]
    public void Judge_FieldDefaults_GreenWhenStayedDownloadedAndValidPhone()
    {
        var verdict = FollowUpPolicy.Default.Quality.Judge(Facts(seconds: 180, downloads: 1, homeOnly: false));
        Assert.Equal(QualityLight.Green, verdict.Light);
        Assert.Equal(1, verdict.RuleIndex);
    }

    [Fact]
    public void Judge_FieldDefaults_RedWhenHomePageOnly()
    {
        var verdict = FollowUpPolicy.Default.Quality.Judge(Facts(seconds: 15, downloads: 0, homeOnly: true));
        Assert.Equal(QualityLight.Red, verdict.Light);
        Assert.Equal("viewed the home page only", verdict.Reason);
    }

    [Fact]
    public void Judge_ShortVisitWithoutDownload_FallsToTheDefaultYellow() =>
        Assert.Equal(QualityLight.Yellow, FollowUpPolicy.Default.Quality.Judge(Facts(seconds: 100, downloads: 1, homeOnly: false)).Light);

    [Fact]
    public void Judge_UnknownFacts_NeverMatch() =>
        Assert.Equal(QualityLight.Yellow, FollowUpPolicy.Default.Quality.Judge(Facts()).Light);

    [Fact]
    public void Judge_TenantRuleOnChannelList_Matches()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""
            { "quality": { "rules": [ { "light": "red", "reason": "bought list", "when": [ { "fact": "channel", "op": "in", "value": ["purchased-list", "website"] } ] } ] } }
            """);
        Assert.Empty(errors);
        Assert.Equal(QualityLight.Red, policy!.Quality.Judge(Facts()).Light);
    }

    [Fact]
    public void Parse_ConditionOfTheWrongType_NamesItsPath()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""
            { "quality": { "rules": [ { "light": "green", "reason": "ok", "when": [ { "fact": "secondsOnSite", "op": "gt", "value": "long" }, { "fact": "mood", "op": "eq", "value": 1 }, { "fact": "validPhone", "op": "gt", "value": true } ] } ] } }
            """);
        Assert.Null(policy);
        Assert.Equal(
            ["quality.rules[0].when[0].value", "quality.rules[0].when[1].fact", "quality.rules[0].when[2].op"],
            errors.Select(e => e.Path));
    }
}

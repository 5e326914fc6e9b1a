using CrmActors.GrainInterfaces.Intake;

namespace CrmActors.Grains.Tests.Intake;

public sealed class ChannelDictionaryTests
{
    [Theory]
    [InlineData("抖音广告", "douyin_ads")]
    [InlineData("douyin_ad", "douyin_ads")]
    [InlineData("dy_ads", "douyin_ads")]
    [InlineData("DY-ADS", "douyin_ads")]
    [InlineData("  Douyin Ad ", "douyin_ads")]
    [InlineData("抖音私信", "douyin_dm")]
    [InlineData("公众号", "official_account")]
    [InlineData("Website Form", "website_form")]
    [InlineData("ＷＥＣＨＡＴ", "wechat")]
    [InlineData("百度推广", "baidu_ads")]
    public void Map_KnownSpelling_GivesCanonicalChannel(string raw, string expected) =>
        Assert.Equal(expected, ChannelDictionary.Default.Map(raw));

    [Theory]
    [InlineData("unknown")]
    [InlineData("dy ads extra")]
    [InlineData("")]
    [InlineData(null)]
    public void Map_UnknownSpelling_IsNull(string? raw) =>
        Assert.Null(ChannelDictionary.Default.Map(raw));

    [Fact]
    public void Map_TenantAlias_IsHonoured()
    {
        var dictionary = new ChannelDictionary(new Dictionary<string, IReadOnlyList<string>> { ["xhs"] = ["小红书", "red_note"] });

        Assert.Equal("xhs", dictionary.Map("Red-Note"));
        Assert.Null(dictionary.Map("抖音广告"));
    }
}

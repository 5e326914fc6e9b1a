using CrmActors.GrainInterfaces.Intake;

namespace CrmActors.Grains.Tests.Intake;

/// <summary>The region dictionary: Chinese and pinyin names, suffixes, and landline area codes.</summary>
public sealed class ChinaRegionsTests
{
    [Theory]
    [InlineData("广东", "Guangdong")]
    [InlineData("广东省", "Guangdong")]
    [InlineData("Guangdong", "Guangdong")]
    [InlineData(" guangdong province ", "Guangdong")]
    [InlineData("ＧＵＡＮＧＤＯＮＧ", "Guangdong")]
    [InlineData("北京市", "Beijing")]
    [InlineData("Shanghai Municipality", "Shanghai")]
    [InlineData("内蒙古自治区", "Inner Mongolia")]
    [InlineData("Inner-Mongolia", "Inner Mongolia")]
    [InlineData("广西壮族自治区", "Guangxi")]
    [InlineData("新疆维吾尔自治区", "Xinjiang")]
    [InlineData("Xizang", "Tibet")]
    [InlineData("香港特别行政区", "Hong Kong")]
    [InlineData("Hong Kong SAR", "Hong Kong")]
    [InlineData("陕西", "Shaanxi")]
    [InlineData("山西", "Shanxi")]
    public void Province_ChineseOrPinyinWithSuffixes_IsTheCanonicalName(string name, string expected) =>
        Assert.Equal(expected, ChinaRegions.Province(name)?.Province);

    [Theory]
    [InlineData("深圳", "Guangdong", "Shenzhen")]
    [InlineData("深圳市", "Guangdong", "Shenzhen")]
    [InlineData("Shenzhen", "Guangdong", "Shenzhen")]
    [InlineData("shenzhen city", "Guangdong", "Shenzhen")]
    [InlineData("Xi'an", "Shaanxi", "Xi'an")]
    [InlineData("xian", "Shaanxi", "Xi'an")]
    [InlineData("乌鲁木齐", "Xinjiang", "Urumqi")]
    [InlineData("上海", "Shanghai", "Shanghai")]
    [InlineData("Suzhou", "Jiangsu", "Suzhou")]
    public void City_ChineseOrPinyin_IsTheCityWithItsProvince(string name, string province, string city)
    {
        var place = ChinaRegions.City(name);

        Assert.Equal((province, city), (place?.Province, place?.City));
    }

    [Theory]
    [InlineData("East China")]
    [InlineData("华南")]
    [InlineData("Atlantis")]
    [InlineData("")]
    [InlineData(null)]
    public void Place_TextNamingNoSinglePlace_IsNull(string? text) => Assert.Null(ChinaRegions.Place(text));

    [Fact]
    public void AllProvinces_TheThirtyFourProvinceLevelDivisions_EachFoundByBothNames()
    {
        Assert.Equal(34, ChinaRegions.AllProvinces.Count);
        Assert.All(ChinaRegions.AllProvinces, p =>
        {
            Assert.Equal(p, ChinaRegions.Province(p.Province));
            Assert.Equal(p, ChinaRegions.Province(p.ProvinceZh));
        });
    }

    [Theory]
    [InlineData("010-12345678", "Beijing", "Beijing")]
    [InlineData("021 6888 8888", "Shanghai", "Shanghai")]
    [InlineData("020-88886666", "Guangdong", "Guangzhou")]
    [InlineData("0755 8888 6666", "Guangdong", "Shenzhen")]
    [InlineData("0571-87654321", "Zhejiang", "Hangzhou")]
    [InlineData("029-88881234", "Shaanxi", "Xi'an")]
    [InlineData("0898-66661234", "Hainan", null)]
    public void FromPhone_ALandlineAreaCode_NamesItsPlace(string raw, string province, string? city)
    {
        Assert.True(PhoneNumber.TryNormalize(raw, out var e164, out var error), error);

        var place = ChinaRegions.FromPhone(e164);

        Assert.Equal((province, city), (place?.Province, place?.City));
    }

    [Theory]
    [InlineData("+8613800138000")]
    [InlineData("+8619912345678")]
    [InlineData("+14155550100")]
    [InlineData("+8608881234567")]
    [InlineData("+869991234567")]
    public void FromPhone_MobilesForeignOrUntabulatedCodes_AreUnknown(string e164) => Assert.Null(ChinaRegions.FromPhone(e164));
}

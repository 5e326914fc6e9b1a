using CrmActors.GrainInterfaces.Intake;

namespace CrmActors.Grains.Tests.Intake;

public sealed class NameKeyTests
{
    [Theory]
    [InlineData("Dr. Liu Wei", "liuwei")]
    [InlineData("ＬＩＵ　Ｗｅｉ", "liuwei")]
    [InlineData("王先生", "王")]
    [InlineData("张总", "张")]
    [InlineData("李娜 女士", "李娜")]
    public void Person_StripsHonorificsWidthAndBlanks(string name, string key) => Assert.Equal(key, NameKey.Person(name));

    [Theory]
    [InlineData("Ruijin Hospital Co., Ltd.", "ruijinhospital")]
    [InlineData("上海瑞金医疗器械有限公司", "上海瑞金医疗器械")]
    [InlineData("Acme GmbH", "acme")]
    public void Company_StripsLegalForms(string name, string key) => Assert.Equal(key, NameKey.Company(name));

    [Theory]
    [InlineData("liuwei", "liuwei", true)]
    [InlineData("liuwei", "liuwe", true)]
    [InlineData("李娜", "李娜", true)]
    [InlineData("李娜", "李那", false)]
    [InlineData("ruijinhospital", "ruijnhospitl", true)]
    [InlineData("liuwei", "zhangwei", false)]
    [InlineData("a", "a", false)]
    public void Similar_IsEqualOrWithinAFewEdits(string a, string b, bool similar) => Assert.Equal(similar, NameKey.Similar(a, b));

    [Fact]
    public void Bucket_FirstTwoCharacters_IsAValidIdPart()
    {
        Assert.Equal("6c_69", NameKey.Bucket("liuwei"));
        Assert.Equal("738b_82b3", NameKey.Bucket("王芳"));
        Assert.Equal("738b", NameKey.Bucket("王"));
        Assert.Equal("20000_61", NameKey.Bucket("\U00020000a"));
        Assert.True(CrmActors.GrainInterfaces.Common.Identifier.IsValid("dir-p-" + NameKey.Bucket("王芳")));
    }
}

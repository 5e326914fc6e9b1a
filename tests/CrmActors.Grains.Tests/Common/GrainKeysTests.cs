using CrmActors.GrainInterfaces.Common;

namespace CrmActors.Grains.Tests.Common;

public sealed class GrainKeysTests
{
    [Fact]
    public void For_ThenParse_RoundTrips()
    {
        var key = GrainKeys.For("acme", "L123");

        Assert.Equal("acme/L123", key);
        Assert.Equal(("acme", "L123"), GrainKeys.Parse(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("has space")]
    [InlineData("' OR 1=1 --")]
    [InlineData("ünïcode")]
    public void For_MalformedId_Throws(string id) =>
        Assert.Throws<ArgumentException>(() => GrainKeys.For("acme", id));

    [Fact]
    public void IsValid_TooLong_IsFalse() =>
        Assert.False(Identifier.IsValid(new string('a', Identifier.MaxLength + 1)));

    [Theory]
    [InlineData("noslash")]
    [InlineData("/x")]
    [InlineData("x/")]
    public void Parse_NotTenantScoped_Throws(string key) =>
        Assert.Throws<FormatException>(() => GrainKeys.Parse(key));
}

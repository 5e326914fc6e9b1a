using CrmActors.GrainInterfaces.Intake;

namespace CrmActors.Grains.Tests.Intake;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("li.na@Example.COM", "li.na@example.com")]
    [InlineData("  zhang+crm@ruijin.com.cn ", "zhang+crm@ruijin.com.cn")]
    [InlineData("o'brien@acme.de", "o'brien@acme.de")]
    public void TryNormalize_ValidAddress_LowerCasesTheDomainOnly(string raw, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(raw, out var normalized, out _));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("li@localhost")]
    [InlineData("Li Na <li@example.com>")]
    [InlineData("li@@example.com")]
    [InlineData("li na@example.com")]
    [InlineData("li@example..com")]
    [InlineData("li@.example.com")]
    [InlineData("@example.com")]
    [InlineData("li@")]
    [InlineData("")]
    public void TryNormalize_NotAnAddress_IsRefusedWithAReason(string raw)
    {
        Assert.False(EmailAddress.TryNormalize(raw, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}

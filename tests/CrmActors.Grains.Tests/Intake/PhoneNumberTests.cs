using CrmActors.GrainInterfaces.Intake;

namespace CrmActors.Grains.Tests.Intake;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13800138000", "+8613800138000")]
    [InlineData("138 0013 8000", "+8613800138000")]
    [InlineData("138-0013-8000", "+8613800138000")]
    [InlineData("+86 138 0013 8000", "+8613800138000")]
    [InlineData("+86-138-0013-8000", "+8613800138000")]
    [InlineData("0086 13800138000", "+8613800138000")]
    [InlineData("8613800138000", "+8613800138000")]
    [InlineData("（+86）13800138000", "+8613800138000")]
    [InlineData("１３８００１３８０００", "+8613800138000")]
    [InlineData("19912345678", "+8619912345678")]
    [InlineData("010-12345678", "+861012345678")]
    [InlineData("0755 8888 6666", "+8675588886666")]
    [InlineData("+4915112345678", "+4915112345678")]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    [InlineData("+86 10 1234 5678", "+861012345678")]
    public void TryNormalize_Accepted_IsE164(string raw, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(raw, out var normalized, out var error), error);
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("call me")]
    [InlineData("12345")]
    [InlineData("12800138000")]
    [InlineData("1380013800")]
    [InlineData("138001380001")]
    [InlineData("+86 128 0013 8000")]
    [InlineData("+86 139 1234 567")]
    [InlineData("+86 139 1234 56789")]
    [InlineData("+1234")]
    [InlineData("+1234567890123456")]
    [InlineData("13800138000; DROP TABLE leads")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("138\t0013 8000")]
    [InlineData("13800138000\n")]
    [InlineData("138\u00000138000")]
    [InlineData("1380013\u00858000")]
    public void TryNormalize_Rejected_SaysWhy(string raw)
    {
        Assert.False(PhoneNumber.TryNormalize(raw, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}

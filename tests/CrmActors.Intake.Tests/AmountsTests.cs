namespace CrmActors.Intake.Tests;

public sealed class AmountsTests
{
    [Theory]
    [InlineData("800000", 800000)]
    [InlineData("800,000", 800000)]
    [InlineData(" 800000.50 ", 800000.5)]
    [InlineData("80万", 800000)]
    [InlineData("1.2亿", 120000000)]
    [InlineData("500k", 500000)]
    [InlineData("80万元", 800000)]
    [InlineData("¥12,000", 12000)]
    [InlineData("RMB 3000", 3000)]
    public void TryParse_AmountsAsWritten_AreRead(string text, double expected)
    {
        Assert.True(Amounts.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a lot")]
    [InlineData("TBD")]
    [InlineData("万")]
    [InlineData("1e5")]
    [InlineData("79228162514264337593543950335亿")]
    public void TryParse_NotAnAmount_IsFalse(string? text)
    {
        Assert.False(Amounts.TryParse(text, out _));
    }
}

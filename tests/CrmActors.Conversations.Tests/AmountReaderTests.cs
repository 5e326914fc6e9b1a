namespace CrmActors.Conversations.Tests;

public sealed class AmountReaderTests
{
    [Theory]
    [InlineData("预算大概80万", null, 800_000, "CNY")]
    [InlineData("120万元以内", null, 1_200_000, "CNY")]
    [InlineData("预算一百二十万", null, 1_200_000, "CNY")]
    [InlineData("预算伍拾万", null, 500_000, "CNY")]
    [InlineData("预算的话80w左右", null, 800_000, "CNY")]
    [InlineData("五万块钱以内", null, 50_000, "CNY")]
    [InlineData("经费大概在50到60万之间", 500_000d, 600_000, "CNY")]
    [InlineData("九十万到一百一十万之间", 900_000d, 1_100_000, "CNY")]
    [InlineData("预算¥800,000", null, 800_000, "CNY")]
    [InlineData("Budget is $50,000 a year", null, 50_000, "USD")]
    [InlineData("Budget is 1.2 million", null, 1_200_000, "CNY")]
    [InlineData("about 800k RMB", null, 800_000, "CNY")]
    [InlineData("Budget RMB 3m", null, 3_000_000, "CNY")]
    [InlineData("between 1 and 1.5 million RMB", 1_000_000d, 1_500_000, "CNY")]
    [InlineData("100-150k", 100_000d, 150_000, "CNY")]
    [InlineData("200 to 250 thousand", 200_000d, 250_000, "CNY")]
    [InlineData("half a million is the budget", null, 500_000, "CNY")]
    [InlineData("a hundred and eighty thousand budget", null, 180_000, "CNY")]
    [InlineData("one point two million", null, 1_200_000, "CNY")]
    public void Find_SaidAmount_ReadsFigureRangeAndCurrency(string text, double? min, double max, string currency)
    {
        var amount = Assert.Single(AmountReader.Find(text));

        Assert.Equal(min is null ? null : (decimal)min.Value, amount.Min);
        Assert.Equal((decimal)max, amount.Max);
        Assert.Equal(currency, amount.Currency);
    }

    [Theory]
    [InlineData("ICU要采购20台监护仪")]
    [InlineData("250 tons, two machines")]
    [InlineData("我们想买一台6千瓦的激光切割机")]
    [InlineData("医院打算二季度采购一台64排CT")]
    public void Find_CountsAndSizes_AreNotMoney(string text)
    {
        Assert.Empty(AmountReader.Find(text));
    }

    [Fact]
    public void Find_AmountInText_PointsAtItsWords()
    {
        const string text = "纷享销客报了12万，我们预算只有8万";

        var amounts = AmountReader.Find(text);

        Assert.Equal(["12万", "8万"], amounts.Select(a => text.Substring(a.Index, a.Length)));
    }
}

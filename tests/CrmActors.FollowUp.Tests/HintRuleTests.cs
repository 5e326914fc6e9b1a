namespace CrmActors.FollowUp.Tests;

public sealed class HintRuleTests
{
    private static HintActivity A(string type, string text = "", params string[] tags) => new(type, tags, text);

    private static IReadOnlyList<string> Fired(params HintActivity[] history) =>
        [.. HintRule.Evaluate(HintRule.FieldDefaults, history).Select(h => h.Id)];

    [Fact]
    public void Evaluate_TwoPriceSensitiveTags_DoesNotFire() =>
        Assert.Empty(Fired(A("call", "", "price-sensitive"), A("call", "", "price-sensitive")));

    [Fact]
    public void Evaluate_ThreePriceSensitiveTags_SuggestsTheInstallmentPlan() =>
        Assert.Equal(["installment-plan"], Fired(A("call", "", "price-sensitive"), A("wechat-chat", "", "price-sensitive", "x"), A("call", "", "Price-Sensitive")));

    [Fact]
    public void Evaluate_ThreeDeliveryQuestions_SuggestsTheContractTemplate() =>
        Assert.Equal(["contract-template"], Fired(A("call", "", "delivery-time"), A("call", "", "delivery-time"), A("email", "", "delivery-time")));

    [Fact]
    public void Evaluate_CompetitorQuestionsBeforeTheDemo_DoNotCount()
    {
        Assert.Empty(Fired(A("call", "", "competitor"), A("call", "", "competitor"), A("solution-demo"), A("call", "", "competitor")));
        Assert.Equal(["competitor-comparison"], Fired(A("solution-demo"), A("call", "", "competitor"), A("technical-qa", "", "competitor")));
    }

    [Fact]
    public void Evaluate_PhraseInTheLatestActivity_Fires()
    {
        var hints = HintRule.Evaluate(HintRule.FieldDefaults, [A("call", "Customer: let me think about it until Friday")]);
        Assert.Equal("objection-handling", Assert.Single(hints).Id);
        Assert.Contains("let me think", hints[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PhraseOnlyInAnOlderActivity_DoesNotFire() =>
        Assert.Empty(Fired(A("call", "多少钱?"), A("call", "Booked the demo")));

    [Fact]
    public void Evaluate_TenantEditedRule_IsUsed()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""{ "hints": [ { "id": "trial", "card": "Offer a 30-day trial", "whenTag": "budget-frozen", "atLeast": 1 } ] }""");
        Assert.Empty(errors);
        Assert.Equal("trial", Assert.Single(HintRule.Evaluate(policy!.Hints, [A("call", "", "budget-frozen")])).Id);
    }
}

namespace CrmActors.FollowUp.Tests;

public sealed class ActivityValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);

    private static ActivityInput Input(string type, Dictionary<string, string?>? fields = null, IReadOnlyList<EvidenceInput>? evidence = null) =>
        new(type, fields, evidence, null, null, null, null, null);

    private static IReadOnlyList<string> Paths(ActivityInput input, FollowUpPolicy? policy = null) =>
        [.. ActivityValidator.Validate(input, policy ?? FollowUpPolicy.Default, Now).Select(e => e.Path)];

    [Fact]
    public void Validate_ObjectionHandlingWithoutItsFields_NamesEachMissingField() =>
        Assert.Equal(
            ["fields.customerWords", "fields.ourResponse", "fields.toVerify"],
            Paths(Input("objection-handling", new() { ["customerWords"] = "  " })));

    [Fact]
    public void Validate_QuoteSentWithBoth_IsValid() =>
        Assert.Empty(Paths(Input("quote-sent", new() { ["products"] = "CT-500 x2", ["quoteDocument"] = "doc-17" })));

    [Fact]
    public void Validate_TechnicalQaWithoutAnswer_NamesAnswer() =>
        Assert.Equal(["fields.answer"], Paths(Input("technical-qa", new() { ["question"] = "Does it support DICOM?" })));

    [Theory]
    [InlineData("contacted, awaiting feedback")]
    [InlineData("已联系，等待反馈。")]
    [InlineData("Contacted")]
    public void Validate_CallThatSaysNothing_IsRefused(string outcome) =>
        Assert.Equal(["fields.outcome"], Paths(Input("call", new() { ["outcome"] = outcome })));

    [Fact]
    public void Validate_CallWithARealOutcome_IsValid() =>
        Assert.Empty(Paths(Input("call", new() { ["outcome"] = "Wants a demo for the radiology head next week" })));

    [Fact]
    public void Validate_UnknownType_NamesType() =>
        Assert.Equal(["type"], Paths(Input("lunch")));

    [Fact]
    public void Validate_EvidenceRequiredByTenant_MissingIsNamed()
    {
        var policy = new FollowUpPolicy { EvidenceRequiredFor = ["call"] };
        Assert.Equal(["evidence"], Paths(Input("call", new() { ["outcome"] = "Agreed to a visit" }), policy));
        Assert.Empty(Paths(Input("call", new() { ["outcome"] = "Agreed to a visit" }, [new("recording", "rec://42")]), policy));
    }

    [Fact]
    public void Validate_BadEvidence_NamesKindAndRef() =>
        Assert.Equal(
            ["evidence[0].kind", "evidence[1].ref"],
            Paths(Input("call", new() { ["outcome"] = "Agreed to a visit" }, [new("selfie", "x"), new("screenshot", " ")])));

    [Fact]
    public void Validate_FollowUpInThePast_IsNamed()
    {
        var input = Input("call", new() { ["outcome"] = "Agreed to a visit" }) with { NextFollowUpAt = Now.AddMinutes(-1) };
        Assert.Equal(["nextFollowUpAt"], Paths(input));
    }

    [Fact]
    public void Validate_ActivityDatedInTheFuture_IsNamed()
    {
        var input = Input("call", new() { ["outcome"] = "Agreed to a visit" }) with { At = Now.AddHours(1) };
        Assert.Equal(["at"], Paths(input));
    }

    [Theory]
    [InlineData(120, false)]
    [InlineData(121, true)]
    [InlineData(-121, true)]
    public void IsOffCalendar_BeyondTwoHours_IsOff(int minutes, bool off) =>
        Assert.Equal(off, ActivityValidator.IsOffCalendar(Now.AddMinutes(minutes), Now, FollowUpPolicy.Default));

    [Fact]
    public void Validate_OversizedFieldNameOrValue_IsNamed() =>
        Assert.Equal(
            ["fields.outcome", "fields"],
            Paths(Input("call", new() { ["outcome"] = new string('x', ActivityValidator.MaxFieldLength + 1), [new string('k', 65)] = "v" })));
}

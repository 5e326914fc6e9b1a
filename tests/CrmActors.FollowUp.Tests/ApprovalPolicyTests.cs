namespace CrmActors.FollowUp.Tests;

public sealed class ApprovalPolicyTests
{
    [Fact]
    public void AutomaticUpTo_DefaultTiers_IsFivePercent()
    {
        Assert.Equal(5m, new ApprovalPolicy().AutomaticUpTo());
    }

    [Fact]
    public void AutomaticUpTo_SeveralAutomaticTiersFirst_IsTheLastOfThem()
    {
        var policy = new ApprovalPolicy
        {
            Tiers = [new() { UpToPercent = 3, Approver = ApprovalPolicy.Automatic }, new() { UpToPercent = 6, Approver = ApprovalPolicy.Automatic }, new() { UpToPercent = 100, Approver = "finance" }],
        };

        Assert.Equal(6m, policy.AutomaticUpTo());
    }

    [Fact]
    public void AutomaticUpTo_FirstTierNeedsAnApprover_IsZeroEvenWithALaterAutomaticTier()
    {
        var policy = new ApprovalPolicy
        {
            Tiers = [new() { UpToPercent = 10, Approver = ApprovalPolicy.Supervisor }, new() { UpToPercent = 20, Approver = ApprovalPolicy.Automatic }],
        };

        Assert.Equal(0m, policy.AutomaticUpTo());
    }

    [Fact]
    public void ToJson_DoesNotCarryTheDerivedAutomaticLimit()
    {
        Assert.DoesNotContain("automaticUpTo", FollowUpPolicy.Default.ToJson(), StringComparison.OrdinalIgnoreCase);
    }
}

using CrmActors.Grains.NextActions;

namespace CrmActors.Grains.Tests.NextActions;

/// <summary>When a tenant's journal is due a training.</summary>
public sealed class TenantTrainingRuleTests
{
    [Theory]
    [InlineData(199, null, false)] // below the threshold
    [InlineData(200, null, true)] // the first training
    [InlineData(239, 200, false)] // grown by less than a fifth
    [InlineData(240, 200, true)]
    [InlineData(250, 260, false)] // shrank (leads deleted): no new training
    public void IsDue_ThresholdThenGrowthByAFifth(int closed, int? atLastTraining, bool due) =>
        Assert.Equal(due, TenantTrainingRule.IsDue(closed, atLastTraining, minimum: 200, growth: 0.2));
}

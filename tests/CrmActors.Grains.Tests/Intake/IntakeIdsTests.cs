using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Intake;

namespace CrmActors.Grains.Tests.Intake;

public sealed class IntakeIdsTests
{
    [Fact]
    public void CustomerForPhone_E164_IsAValidIdThatIsNotHexLooking()
    {
        var id = IntakeIds.CustomerForPhone("+8613912345678");

        Assert.Equal("P8613912345678", id);
        Assert.True(Identifier.IsValid(id));
    }

    [Fact]
    public void LeadForKey_SameInput_SameIdAndScopedByTenant()
    {
        var a = IntakeIds.LeadForKey("acme", "api", "k-1");

        Assert.Equal(a, IntakeIds.LeadForKey("acme", "api", "k-1"));
        Assert.NotEqual(a, IntakeIds.LeadForKey("other", "api", "k-1"));
        Assert.NotEqual(a, IntakeIds.LeadForKey("acme", "import", "k-1"));
        Assert.True(Identifier.IsValid(a));
        Assert.StartsWith("L", a, StringComparison.Ordinal);
    }
}

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
    public void LeadForPhone_RoundTripsToItsCustomer()
    {
        var lead = IntakeIds.LeadForPhone("+8613912345678", 2);

        Assert.Equal("L8613912345678-2", lead);
        Assert.True(Identifier.IsValid(lead));
        Assert.True(IntakeIds.TryCustomerOfLead(lead, out var customer));
        Assert.Equal("P8613912345678", customer);
    }

    [Theory]
    [InlineData("L01a209b045af7798b8e60dd8a574663c")]
    [InlineData("L-1")]
    [InlineData("L86139-")]
    [InlineData("L86x39-1")]
    [InlineData("C8613912345678-1")]
    public void TryCustomerOfLead_IdNotDerivedByIntake_IsFalse(string leadId)
    {
        Assert.False(IntakeIds.TryCustomerOfLead(leadId, out _));
    }

    [Fact]
    public void SubmissionKey_SameInput_SameKeyAndScoped()
    {
        var a = IntakeIds.SubmissionKey("api", "k-1");

        Assert.Equal(a, IntakeIds.SubmissionKey("api", "k-1"));
        Assert.NotEqual(a, IntakeIds.SubmissionKey("import", "k-1"));
        Assert.Equal(32, a.Length);
    }
}

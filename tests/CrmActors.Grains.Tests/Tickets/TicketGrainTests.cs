using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Tickets;

namespace CrmActors.Grains.Tests.Tickets;

[Collection(ClusterCollection.Name)]
public sealed class TicketGrainTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    [Fact]
    public async Task Create_UnknownCustomer_IsRefusedAndNothingIsStored()
    {
        var ticket = fixture.Grains.GetGrain<ITicketGrain>(_data.Key("t-1"));

        var ex = await Assert.ThrowsAsync<CrmException>(() => ticket.CreateAsync(new NewTicket("ghost", "Broken", null, "svc")));

        Assert.Equal(CrmErrorCode.NotFound, ex.Code);
        Assert.Equal("customerId", ex.Field);
        Assert.Null(await ticket.GetAsync());
    }

    [Fact]
    public async Task Create_KnownCustomer_IsOpenAndLinkedToTheCustomer()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(_data.Key("c-1"));
        await customer.CreateAsync(new NewCustomer("Ruijin Hospital", "Ruijin", null, null, "svc"));
        var ticket = fixture.Grains.GetGrain<ITicketGrain>(_data.Key("t-1"));

        var created = await ticket.CreateAsync(new NewTicket("c-1", "Probe fault", "no image", "svc"));

        Assert.Equal(TicketStatus.Open, created.Status);
        Assert.Equal(["t-1"], (await customer.GetAsync())!.TicketIds);
    }
}

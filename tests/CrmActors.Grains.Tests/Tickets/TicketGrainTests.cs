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

    private async Task<(ITicketGrain Ticket, GrainInterfaces.Leads.ILeadGrain Lead)> TicketOnACustomerWithAnOwnedLeadAsync()
    {
        await _data.TeamAsync();
        var customerId = GrainInterfaces.Intake.IntakeIds.CustomerForPhone("+8613800138000");
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(_data.Key(customerId));
        var captured = await customer.CaptureLeadAsync(new GrainInterfaces.Intake.LeadSubmission(
            new GrainInterfaces.Leads.NewLead("Dr. Liu", "+8613800138000", "website_form", "CT-500", null, null, "Ruijin", "mkt-1"), null));
        var lead = _data.Lead(captured.Lead.Id);
        await lead.AssignAsync(new GrainInterfaces.Leads.AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
        var ticket = fixture.Grains.GetGrain<ITicketGrain>(_data.Key("t-1"));
        await ticket.CreateAsync(new NewTicket(customerId, "Probe fault after installation", null, "svc-1"));
        return (ticket, lead);
    }

    [Fact]
    public async Task Lifecycle_MovesForwardAndReopensFromResolved_OtherMovesAreRefusedNamingStatus()
    {
        var (ticket, _) = await TicketOnACustomerWithAnOwnedLeadAsync();

        var ex = await Assert.ThrowsAsync<CrmException>(() => ticket.ChangeStatusAsync(TicketStatus.Closed, "svc-1", null));
        Assert.Equal(("status", CrmErrorCode.Conflict), (ex.Field, ex.Code));
        await ticket.ChangeStatusAsync(TicketStatus.InProgress, "svc-1", null);
        var resolved = await ticket.ChangeStatusAsync(TicketStatus.Resolved, "svc-1", "probe replaced");
        Assert.NotNull(resolved.ResolvedAt);
        var reopened = await ticket.ChangeStatusAsync(TicketStatus.InProgress, "svc-1", "fault came back");
        Assert.Null(reopened.ResolvedAt);
        await ticket.ChangeStatusAsync(TicketStatus.Resolved, "svc-1", null);
        var closed = await ticket.ChangeStatusAsync(TicketStatus.Closed, "svc-1", null);

        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(5, closed.History!.Count(e => e.Type == "status"));
        await Assert.ThrowsAsync<CrmException>(() => ticket.ChangeStatusAsync(TicketStatus.InProgress, "svc-1", null));
    }

    [Fact]
    public async Task AffectsSales_AlertsTheOwnerAtOnce_AndTheFirstSalesActivityStopsTheClockWithItsLatency()
    {
        var (ticket, lead) = await TicketOnACustomerWithAnOwnedLeadAsync();
        await using var receiver = new Notifications.WebhookReceiver();
        await fixture.Grains.GetGrain<GrainInterfaces.Notifications.INotificationChannelGrain>(GrainInterfaces.Notifications.NotificationChannels.GrainKey(_data.Tenant, "weCom"))
            .ConfigureAsync(new GrainInterfaces.Notifications.NotificationChannelConfig(GrainInterfaces.Notifications.WebhookFormat.WeCom, receiver.Url, "secret", "sup-wang", "admin-1"));
        var policy = fixture.Grains.GetGrain<GrainInterfaces.FollowUp.IFollowUpPolicyGrain>(_data.Key(GrainInterfaces.FollowUp.IFollowUpPolicyGrain.Id));
        Assert.Empty((await policy.SaveAsync("""{ "alertChannels": ["weCom"] }""", "admin-1")).Errors);

        var flagged = await ticket.FlagAffectsSalesAsync("Pause the renewal pitch; schedule a diagnosis first", "svc-1");
        await ticket.FlagAffectsSalesAsync("Pause the renewal pitch; schedule a diagnosis first", "svc-1");

        Assert.Equal(("rep-li", (await lead.GetAsync())!.Id), (flagged.Coordination!.RepId, flagged.Coordination.LeadId));
        var alert = Assert.Single(await _data.Rep("rep-li").GetInboxAsync(), i => i.Kind == "needs-coordination");
        Assert.Equal(GrainInterfaces.Reps.InboxItem.Red, alert.Severity);
        Assert.Equal("Suggested sales action: Pause the renewal pitch; schedule a diagnosis first", alert.Detail);
        Assert.Equal("t-1", Assert.Single((await lead.GetAsync())!.NeedsCoordination!).TicketId);
        await Eventually.MatchAsync(() => Task.FromResult(receiver.Requests.Count), c => c == 1, "the WeCom alert");
        Assert.Contains("Pause the renewal pitch", Assert.Single(receiver.Requests).Body, StringComparison.Ordinal);

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(22));
        await lead.LogActivityAsync(new GrainInterfaces.Leads.NewActivity(
            "call", new Dictionary<string, string?> { ["outcome"] = "Agreed to pause the renewal until the diagnosis" }, null, null, null, null, null, null, "rep-li"));

        var stopped = await Eventually.MatchAsync(ticket.GetAsync, t => t!.Coordination!.StoppedAt is not null, "the coordination clock to stop");
        Assert.Equal(TimeSpan.FromMinutes(22), stopped!.Coordination!.Latency);
        Assert.Empty((await lead.GetAsync())!.NeedsCoordination!);
    }

    [Fact]
    public async Task ResolutionSla_Missed_EscalatesToTheAssigneeAndTheirSupervisorOnce_ResolvedInTime_Never()
    {
        var (late, _) = await TicketOnACustomerWithAnOwnedLeadAsync();
        await _data.Rep("svc-2").SaveProfileAsync(new GrainInterfaces.Reps.RepProfile("Service 2", null, "sup-wang", 10, true));
        await late.ChangeStatusAsync(TicketStatus.InProgress, "svc-2", null);
        var onTime = fixture.Grains.GetGrain<ITicketGrain>(_data.Key("t-2"));
        await onTime.CreateAsync(new NewTicket((await late.GetAsync())!.Reported.CustomerId, "Software update", null, "svc-2"));

        ClusterFixture.Clock.Advance(TimeSpan.FromHours(47));
        await onTime.ChangeStatusAsync(TicketStatus.Resolved, "svc-2", "updated");
        Assert.Null((await late.GetAsync())!.OverdueAt);

        ClusterFixture.Clock.Advance(TimeSpan.FromHours(1));
        var overdue = await Eventually.MatchAsync(late.GetAsync, t => t!.OverdueAt is not null, "the resolution SLA to fire", ClusterFixture.Clock);
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Single(await _data.Rep("svc-2").GetInboxAsync(), i => i.Kind == "ticket-overdue");
        var escalated = Assert.Single(await _data.Rep("sup-wang").GetInboxAsync(), i => i.Kind == "ticket-overdue");
        Assert.Contains("(assignee svc-2)", escalated.Title, StringComparison.Ordinal);
        Assert.Single(overdue!.History!, e => e.Type == "resolution-overdue");
        Assert.Null((await onTime.GetAsync())!.OverdueAt);
    }
}

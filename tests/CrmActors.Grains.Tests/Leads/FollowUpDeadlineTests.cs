using System.Text.Json;
using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.FollowUp;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;

namespace CrmActors.Grains.Tests.Leads;

/// <summary>
/// Every deadline kind of issue 5, driven by the real reminder service on a moved clock: the escalation chain,
/// planned follow-ups, promise countdowns, the 3-minute rule, customer silence, the return of red leads, business
/// hours, and completed actions cancelling what they settle.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FollowUpDeadlineTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    private static Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => ClusterFixture.Clock;

    private static NewActivity Call(string outcome, DateTimeOffset? next = null, DateTimeOffset? appointment = null, params string[] tags) =>
        new("call", new Dictionary<string, string?> { ["outcome"] = outcome }, null, tags, null, null, next, appointment, "rep-li");

    private static NewActivity QuoteSent() =>
        new("quote-sent", new Dictionary<string, string?> { ["products"] = "CT-500 x1", ["quoteDocument"] = "quote-2026-031" }, null, null, null, null, null, null, "rep-li");

    private async Task<ILeadGrain> AssignedLeadAsync(string? customerId = null)
    {
        await _data.TeamAsync();
        var lead = _data.Lead("lead-1");
        await lead.CreateAsync(new NewLead("Dr. Liu", "13800138000", "website_form", "implants", null, null, "Ruijin", "rep-li", customerId));
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
        return lead;
    }

    private async Task<IReadOnlyList<InboxItem>> InboxAsync(string rep, string kind) =>
        [.. (await _data.Rep(rep).GetInboxAsync()).Where(i => i.Kind == kind)];

    private Task<IReadOnlyList<InboxItem>> WaitForAsync(string rep, string kind, int count = 1) =>
        Eventually.MatchAsync(() => InboxAsync(rep, kind), i => i.Count >= count, $"{count} '{kind}' item(s) for {rep}", Clock);

    private async Task SavePolicyAsync(string json)
    {
        var check = await fixture.Grains.GetGrain<IFollowUpPolicyGrain>(_data.Key(IFollowUpPolicyGrain.Id)).SaveAsync(json, "admin-1");
        Assert.Empty(check.Errors);
    }

    [Fact]
    public async Task Escalation_NoActivity_RemindsDay3_CopiesSupervisorDay5_ReassignsThroughTheRouterDay7()
    {
        await _data.Rep("sup-wang").SaveProfileAsync(new RepProfile("Wang", null, null, 10, true));
        await _data.Rep("rep-li").SaveProfileAsync(new RepProfile("Li", null, "sup-wang", 10, true, ["sales"]));
        await _data.Rep("rep-zhang").SaveProfileAsync(new RepProfile("Zhang", null, "sup-wang", 10, true, ["sales"]));
        var rules = fixture.Grains.GetGrain<IRoutingRulesGrain>(_data.Key(IRoutingRulesGrain.Id));
        Assert.Empty((await rules.SaveDraftAsync("""{"rules":[],"fallback":{"target":{"kind":"group","id":"sales"}}}""", "admin-1")).Errors);
        Assert.Empty((await rules.PublishAsync("admin-1")).Errors);
        var lead = _data.Lead("lead-1");
        await lead.CreateAsync(new NewLead("Dr. Liu", "13800138000", "website_form", "implants", null, null, "Ruijin", "rep-li"));
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
        await lead.RecordTouchAsync(new LeadTouch("call", "hello", "rep-li"));

        Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await lead.EvaluateDeadlinesAsync();
        Assert.Empty(await InboxAsync("rep-li", "escalation-reminder"));

        Clock.Advance(TimeSpan.FromMinutes(1));
        await WaitForAsync("rep-li", "escalation-reminder");
        Assert.Empty(await InboxAsync("sup-wang", "escalation-copy"));

        Clock.Advance(TimeSpan.FromDays(2));
        var copy = Assert.Single(await WaitForAsync("sup-wang", "escalation-copy"));
        Assert.Equal(InboxItem.Yellow, copy.Severity);
        Assert.Equal(2, (await InboxAsync("rep-li", "escalation-reminder")).Count);

        Clock.Advance(TimeSpan.FromDays(2));
        var moved = await Eventually.MatchAsync(lead.GetAsync, l => l!.OwnerRepId == "rep-zhang", "the day-7 reassignment", Clock);
        Assert.Equal(
            ["day 3: reminded rep-li", "day 5: reminded rep-li, copied sup-wang", "day 7: reassigned from rep-li to rep-zhang"],
            moved!.History.Where(e => e.Type == "escalation").Select(e => e.Detail[..e.Detail.IndexOf(" (", StringComparison.Ordinal)]));
        Assert.DoesNotContain("lead-1", (await _data.Rep("rep-li").GetAsync())!.OpenLeadIds);
        Assert.Contains("lead-1", (await _data.Rep("rep-zhang").GetAsync())!.OpenLeadIds);

        // The new owner starts a fresh chain from the reassignment.
        Assert.Equal(3, moved.Deadlines!.Count(d => d.Kind == LeadDeadline.Escalation));
        Assert.All(moved.Deadlines!.Where(d => d.Kind == LeadDeadline.Escalation), d => Assert.True(d.DueAt >= moved.AssignedAt!.Value.AddDays(3)));
    }

    [Fact]
    public async Task Escalation_NobodyCanTakeIt_FlagsRedOnTheSupervisorsBoard()
    {
        var lead = await AssignedLeadAsync();
        Clock.Advance(TimeSpan.FromDays(7));
        var flag = Assert.Single(await WaitForAsync("sup-wang", "escalation-flag"));
        Assert.Equal(InboxItem.Red, flag.Severity);
        var read = (await lead.GetAsync())!;
        Assert.Equal("rep-li", read.OwnerRepId);
        Assert.Contains("nobody could take it over", read.Flag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalation_ActivityLogged_RestartsTheChainFromIt()
    {
        var lead = await AssignedLeadAsync();
        Clock.Advance(TimeSpan.FromDays(2));
        Assert.Empty((await lead.LogActivityAsync(Call("Wants a demo next month"))).Errors);

        Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(12));
        await lead.EvaluateDeadlinesAsync();
        Assert.Empty(await InboxAsync("rep-li", "escalation-reminder"));

        Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(12));
        await WaitForAsync("rep-li", "escalation-reminder");
    }

    [Fact]
    public async Task FollowUp_PlannedTime_RemindsTheRepThen()
    {
        var lead = await AssignedLeadAsync();
        var planned = Clock.GetUtcNow().AddHours(20);
        var result = await lead.LogActivityAsync(Call("Will send the budget on Thursday", planned));
        Assert.Contains(result.Lead!.Deadlines!, d => d.Kind == LeadDeadline.FollowUp && d.DueAt == planned);

        Clock.Advance(TimeSpan.FromHours(19));
        await lead.EvaluateDeadlinesAsync();
        Assert.Empty(await InboxAsync("rep-li", "follow-up-due"));
        Clock.Advance(TimeSpan.FromHours(1));
        await WaitForAsync("rep-li", "follow-up-due");
        Assert.DoesNotContain((await lead.GetAsync())!.Deadlines!, d => d.Kind == LeadDeadline.FollowUp);
    }

    [Fact]
    public async Task FollowUp_StateWriteFailsAfterTheFiring_TheNextTickRecordsItOnceNotTheNextDeadline()
    {
        var lead = await AssignedLeadAsync();
        var due = Clock.GetUtcNow().AddHours(2);
        await lead.LogActivityAsync(Call("Will send the budget on Thursday", due));
        Common.FaultyStorage.FailNextWrites(_data.Key("lead-1"));

        // The firing delivers the reminder (idempotent by id) but cannot record it: a silo dying there looks the same.
        Clock.Advance(TimeSpan.FromHours(2));
        await WaitForAsync("rep-li", "follow-up-due");

        // The reminder was not moved on to the next deadline (the escalation chain's day 3) before the write that
        // failed: it ticks again within its retry period and the step is recorded then.
        var recorded = await Eventually.MatchAsync(
            () => lead.GetAsync(), l => l!.History.Any(e => e.Type == "follow-up-due"), "the follow-up recorded by the next tick", Clock);
        // (Within two periods: the waiting loop lets fake time flow while the tick is processed; the old order recorded it on day 3.)
        Assert.InRange(recorded!.History.Single(e => e.Type == "follow-up-due").At - due, TimeSpan.Zero, 2 * Grains.Common.DurableReminders.RetryPeriod);
        Assert.Single(recorded.History, e => e.Type == "follow-up-due");
        Assert.Single(await InboxAsync("rep-li", "follow-up-due"));
        Assert.DoesNotContain(recorded.Deadlines!, d => d.Kind == LeadDeadline.FollowUp);
    }

    [Fact]
    public async Task FollowUp_ANewActivityBeforeIt_CancelsThePendingReminder()
    {
        var lead = await AssignedLeadAsync();
        await lead.LogActivityAsync(Call("Will send the budget on Thursday", Clock.GetUtcNow().AddHours(20)));
        Clock.Advance(TimeSpan.FromHours(5));
        var done = await lead.LogActivityAsync(Call("Budget received: 800k, decision in May"));

        Assert.DoesNotContain(done.Lead!.Deadlines!, d => d.Kind == LeadDeadline.FollowUp);
        Clock.Advance(TimeSpan.FromHours(20));
        await lead.EvaluateDeadlinesAsync();
        Assert.Empty(await InboxAsync("rep-li", "follow-up-due"));
    }

    [Fact]
    public async Task Promise_QuoteNotOpened_NudgesAt72h_NotRead_GoesRedAfter7Days()
    {
        var lead = await AssignedLeadAsync();
        Assert.Empty((await lead.LogActivityAsync(QuoteSent())).Errors);

        Clock.Advance(TimeSpan.FromHours(72));
        await WaitForAsync("rep-li", "promise-nudge");
        Assert.Empty(await InboxAsync("sup-wang", "promise-broken"));

        Clock.Advance(TimeSpan.FromDays(4));
        var red = Assert.Single(await WaitForAsync("sup-wang", "promise-broken"));
        Assert.Equal(InboxItem.Red, red.Severity);
        var read = (await lead.GetAsync())!;
        Assert.Contains("unread", read.Flag, StringComparison.Ordinal);
        Assert.Equal(FunnelStage.Proposal, read.Funnel);
    }

    [Fact]
    public async Task Promise_OpenedCancelsTheNudge_ReadCancelsTheRed()
    {
        var lead = await AssignedLeadAsync();
        var sent = await lead.LogActivityAsync(QuoteSent());
        Clock.Advance(TimeSpan.FromHours(10));
        var opened = await lead.ReportSignalAsync(new LeadSignal(LeadSignal.DocumentOpened, null, ActivityId: sent.ActivityId));
        Assert.DoesNotContain(opened.Deadlines!, d => d.Kind == LeadDeadline.PromiseNotOpened);
        Assert.Contains(opened.Deadlines!, d => d.Kind == LeadDeadline.PromiseNotRead);

        Clock.Advance(TimeSpan.FromDays(2));
        await lead.ReportSignalAsync(new LeadSignal(LeadSignal.DocumentRead, null, ActivityId: sent.ActivityId));

        // Past the 7 days (a call in between keeps the escalation chain from flagging the lead for silence).
        Clock.Advance(TimeSpan.FromDays(3));
        await lead.LogActivityAsync(Call("They are reviewing the proposal with finance"));
        Clock.Advance(TimeSpan.FromDays(3));
        await lead.EvaluateDeadlinesAsync();

        Assert.Empty(await InboxAsync("rep-li", "promise-nudge"));
        Assert.Empty(await InboxAsync("sup-wang", "promise-broken"));
        Assert.Null((await lead.GetAsync())!.Flag);
    }

    [Fact]
    public async Task ThreeMinuteRule_ContactWithNothingLogged_RemindsWithAPrefilledSummary()
    {
        var lead = await AssignedLeadAsync();
        await lead.ReportSignalAsync(new LeadSignal(LeadSignal.Contact, Clock.GetUtcNow(), "call", 372, "asked about delivery in June"));

        Clock.Advance(TimeSpan.FromMinutes(2));
        await lead.EvaluateDeadlinesAsync();
        Assert.Empty(await InboxAsync("rep-li", "log-contact"));

        Clock.Advance(TimeSpan.FromMinutes(1));
        var reminder = Assert.Single(await WaitForAsync("rep-li", "log-contact"));
        Assert.StartsWith("call with Dr. Liu at ", reminder.Detail, StringComparison.Ordinal);
        Assert.EndsWith(", 0:06:12: asked about delivery in June", reminder.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreeMinuteRule_ActivityLoggedInTime_CancelsTheReminder()
    {
        var lead = await AssignedLeadAsync();
        await lead.ReportSignalAsync(new LeadSignal(LeadSignal.Contact, Clock.GetUtcNow(), "wechat", 60));
        Clock.Advance(TimeSpan.FromMinutes(2));
        var logged = await lead.LogActivityAsync(new NewActivity("wechat-chat", new Dictionary<string, string?> { ["outcome"] = "Sent the brochure, meeting Tuesday" }, null, null, null, null, null, null, "rep-li"));

        Assert.DoesNotContain(logged.Lead!.Deadlines!, d => d.Kind == LeadDeadline.ContactLog);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await lead.EvaluateDeadlinesAsync();
        Assert.Empty(await InboxAsync("rep-li", "log-contact"));
    }

    [Fact]
    public async Task CustomerSilence_SevenDaysWithoutActivity_ToDoForRepAndSupervisorOnce()
    {
        var lead = await AssignedLeadAsync();
        Clock.Advance(TimeSpan.FromDays(2));
        await lead.LogActivityAsync(Call("Needs the board's approval"));

        Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await lead.EvaluateDeadlinesAsync();
        Assert.Empty(await InboxAsync("rep-li", "customer-silent"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await WaitForAsync("rep-li", "customer-silent");
        var supervisor = Assert.Single(await WaitForAsync("sup-wang", "customer-silent"));
        Assert.Contains("(owner rep-li)", supervisor.Title, StringComparison.Ordinal);
        Assert.Equal(InboxItem.Yellow, supervisor.Severity);

        // Once per silence: nothing more until a new activity starts a new one.
        Clock.Advance(TimeSpan.FromDays(8));
        await lead.EvaluateDeadlinesAsync();
        Assert.Single(await InboxAsync("rep-li", "customer-silent"));
        Assert.DoesNotContain((await lead.GetAsync())!.Deadlines!, d => d.Kind == LeadDeadline.CustomerSilence);
    }

    [Fact]
    public async Task CustomerSilence_CustomerWorkedThroughAnotherLead_IsNotSilentUntilThatGoesQuiet()
    {
        await _data.TeamAsync();
        var customer = fixture.Grains.GetGrain<GrainInterfaces.Customers.ICustomerGrain>(_data.Key("cust-1"));
        await customer.CreateAsync(new GrainInterfaces.Customers.NewCustomer("Ruijin Hospital", "Ruijin", "13800138000", null, "rep-li"));
        var first = _data.Lead("lead-a");
        var second = _data.Lead("lead-b");
        foreach (var lead in new[] { first, second })
        {
            await lead.CreateAsync(new NewLead("Dr. Liu", "13800138000", "website_form", "implants", null, null, "Ruijin", "rep-li", "cust-1"));
            await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
        }

        Clock.Advance(TimeSpan.FromDays(2));
        await first.LogActivityAsync(Call("Radiology wants a demo"));
        Clock.Advance(TimeSpan.FromDays(3));
        await second.LogActivityAsync(Call("Purchasing asked for the price list"));

        // Day 9: the first lead's clock fires, but the customer had contact on day 5 through the second lead.
        Clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        await first.EvaluateDeadlinesAsync();
        Assert.Empty(await InboxAsync("rep-li", "customer-silent"));
        Assert.Contains((await first.GetAsync())!.Deadlines!, d => d.Kind == LeadDeadline.CustomerSilence && d.DueAt == (Clock.GetUtcNow() - TimeSpan.FromDays(4) - TimeSpan.FromMinutes(1)).AddDays(7));

        // Day 12: both leads' clocks fire for the same silence; the owner gets one to-do.
        Clock.Advance(TimeSpan.FromDays(3));
        await WaitForAsync("rep-li", "customer-silent");
        await first.EvaluateDeadlinesAsync();
        await second.EvaluateDeadlinesAsync();
        Assert.Single(await InboxAsync("rep-li", "customer-silent"));
        Assert.Single(await InboxAsync("sup-wang", "customer-silent"));
    }

    [Fact]
    public async Task Quality_RedLead_ReturnsToMarketingWithTheReason()
    {
        await SavePolicyAsync("""{ "quality": { "returnWithinMinutes": 30, "marketingRepId": "mkt-zhou" } }""");
        var lead = await AssignedLeadAsync();
        var judged = await lead.ReportSignalAsync(new LeadSignal(LeadSignal.SiteVisit, null, SecondsOnSite: 12, Pages: ["/"], Downloads: 0));
        Assert.Equal(QualityLight.Red, judged.Quality!.Light);

        Clock.Advance(TimeSpan.FromMinutes(30));
        var returned = Assert.Single(await WaitForAsync("mkt-zhou", "lead-returned"));
        Assert.Equal("Red lead: viewed the home page only", returned.Detail);
        var read = (await lead.GetAsync())!;
        Assert.Equal(LeadStage.Returned, read.Stage);
        Assert.Null(read.OwnerRepId);
        Assert.NotNull(read.Quality!.ReturnedAt);
        Assert.Empty(read.Deadlines!);
        Assert.DoesNotContain("lead-1", (await _data.Rep("rep-li").GetAsync())!.OpenLeadIds);
    }

    [Fact]
    public async Task Quality_RedThenGreenBeforeTheReturn_StaysWithSales()
    {
        await SavePolicyAsync("""{ "quality": { "returnWithinMinutes": 60 } }""");
        var lead = await AssignedLeadAsync();
        await lead.ReportSignalAsync(new LeadSignal(LeadSignal.SiteVisit, null, SecondsOnSite: 12, Pages: ["/"]));
        var green = await lead.ReportSignalAsync(new LeadSignal(LeadSignal.SiteVisit, null, SecondsOnSite: 300, Pages: ["/products/ct-500", "/downloads"], Downloads: 1));

        Assert.Equal(QualityLight.Green, green.Quality!.Light);
        Clock.Advance(TimeSpan.FromHours(2));
        await lead.EvaluateDeadlinesAsync();
        Assert.Equal("rep-li", (await lead.GetAsync())!.OwnerRepId);
    }

    [Fact]
    public async Task FirstTouch_InBusinessHours_FridayEveningWindowEndsMondayMorning()
    {
        await SavePolicyAsync("""
            { "calendar": { "timeZone": "Asia/Shanghai", "hours": { "mon": ["09:00-18:00"], "tue": ["09:00-18:00"], "wed": ["09:00-18:00"], "thu": ["09:00-18:00"], "fri": ["09:00-18:00"] } } }
            """);

        // The shared clock only moves forward: go to the next Friday 17:00 in Shanghai (09:00 UTC).
        var now = Clock.GetUtcNow();
        var friday = new DateTimeOffset(now.Date, TimeSpan.Zero).AddHours(9);
        while (friday.DayOfWeek != DayOfWeek.Friday || friday <= now)
        {
            friday = friday.AddDays(1);
        }

        Clock.SetUtcNow(friday);
        await _data.TeamAsync();
        var lead = await _data.NewLeadAsync();
        var assigned = await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(2), "sup-wang"));

        Assert.Equal(friday.AddDays(3).AddHours(-7), assigned.FirstTouchDueAt);
    }

    [Fact]
    public async Task Activity_MissingItsTypesFields_IsRefusedNamingThemAndChangesNothing()
    {
        var lead = await AssignedLeadAsync();
        var before = (await lead.GetAsync())!;
        var result = await lead.LogActivityAsync(new NewActivity(
            "objection-handling", new Dictionary<string, string?> { ["customerWords"] = "too expensive" }, null, null, null, null, null, null, "rep-li"));

        Assert.Null(result.Lead);
        Assert.Equal(["fields.ourResponse", "fields.toVerify"], result.Errors.Select(e => e.Field));
        var after = (await lead.GetAsync())!;
        Assert.Equal(before.History.Count, after.History.Count);
        Assert.Empty(after.Activities!);
        Assert.Null(after.FirstTouchAt);
    }

    [Fact]
    public async Task Activity_FunnelMovesByActionsOnlyForward_AndCountsAsTheFirstTouch()
    {
        var lead = await AssignedLeadAsync();
        var called = (await lead.LogActivityAsync(Call("Interested in the CT-500"))).Lead!;
        Assert.Equal(FunnelStage.Contacted, called.Funnel);
        Assert.NotNull(called.FirstTouchAt);
        Assert.Equal(FunnelStage.Proposal, (await lead.LogActivityAsync(QuoteSent())).Lead!.Funnel);
        Assert.Equal(FunnelStage.Proposal, (await lead.LogActivityAsync(Call("Asked for the warranty terms"))).Lead!.Funnel);
    }

    [Fact]
    public async Task Activity_FollowUpOffTheAppointmentByMoreThan2h_WarnsTheSupervisorYellow()
    {
        var lead = await AssignedLeadAsync();
        var appointment = Clock.GetUtcNow().AddDays(2);
        await lead.LogActivityAsync(Call("Visit agreed", appointment.AddHours(1), appointment));
        Assert.Empty(await InboxAsync("sup-wang", "calendar-mismatch"));

        await lead.LogActivityAsync(Call("Visit moved", appointment.AddHours(3), appointment));
        var warning = Assert.Single(await InboxAsync("sup-wang", "calendar-mismatch"));
        Assert.Equal(InboxItem.Yellow, warning.Severity);
    }

    [Fact]
    public async Task Hints_ThreePriceSensitiveTags_SuggestTheInstallmentPlan()
    {
        var lead = await AssignedLeadAsync();
        await lead.LogActivityAsync(Call("Asked for a discount", null, null, "price-sensitive"));
        await lead.LogActivityAsync(Call("Compared with a cheaper brand", null, null, "price-sensitive"));
        Assert.Empty(await lead.GetHintsAsync());

        await lead.LogActivityAsync(Call("Budget is tight this year", null, null, "price-sensitive"));
        var hint = Assert.Single(await lead.GetHintsAsync());
        Assert.Equal("installment-plan", hint.Id);
        Assert.Equal("'price-sensitive' seen 3 times", hint.Reason);
    }

    [Fact]
    public async Task Outcome_ClosingTheLead_CancelsEveryPendingDeadline()
    {
        var lead = await AssignedLeadAsync();
        await lead.LogActivityAsync(QuoteSent());
        var closed = await lead.RecordOutcomeAsync(new LeadOutcome(true, "signed", "rep-li"));

        Assert.Empty(closed.Deadlines!);
        Clock.Advance(TimeSpan.FromDays(8));
        await lead.EvaluateDeadlinesAsync();
        Assert.Empty(await InboxAsync("rep-li", "promise-nudge"));
        Assert.Empty(await InboxAsync("rep-li", "escalation-reminder"));
    }

    [Fact]
    public async Task Policy_Invalid_IsRefusedWithEveryFieldAndKeepsTheCurrentVersion()
    {
        var grain = fixture.Grains.GetGrain<IFollowUpPolicyGrain>(_data.Key(IFollowUpPolicyGrain.Id));
        var check = await grain.SaveAsync("""{ "contactLogMinutes": 0, "escalation": [ { "afterDays": 3, "action": "shout" } ] }""", "admin-1");

        Assert.NotEmpty(check.Errors);
        Assert.Equal(0, (await grain.GetAsync()).Version);
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(FollowUpPolicy.Default.ToJson())), JsonSerializer.Serialize(JsonDocument.Parse((await grain.GetAsync()).PolicyJson)));
    }

    [Fact]
    public void AlertChannels_ThePolicyAcceptsExactlyTheProductsWebhookChannels() =>
        Assert.Equal(GrainInterfaces.Notifications.NotificationChannels.Webhooks, FollowUpPolicy.WebhookChannels);
}

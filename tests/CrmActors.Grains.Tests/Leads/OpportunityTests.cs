using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.Grains.Tests.Leads;

/// <summary>An opportunity counts only when it passes the tenant's checks; failing ones are listed with why.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OpportunityTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    private async Task<ILeadGrain> LeadAsync(string id, decimal? budget)
    {
        await _data.TeamAsync();
        var lead = _data.Lead(id);
        await lead.CreateAsync(new NewLead("Dr. Liu", "13800138000", "website_form", "CT-500", null, null, "Ruijin", "rep-li",
            Qualification: new LeadQualification("healthcare", null, "Shanghai", null, budget, null)));
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
        return lead;
    }

    private static NewActivity Activity(string type, Dictionary<string, string?> fields) => new(type, fields, null, null, null, null, null, null, "rep-li");

    [Fact]
    public async Task Checks_NothingDone_EveryCheckFailsWithItsReason()
    {
        var lead = await LeadAsync("lead-1", budget: null);
        var view = await lead.GetOpportunityAsync();

        Assert.False(view.Counts);
        Assert.Equal(
            [("meeting", "no visit or solution demo logged"), ("budget", "the budget is unknown or TBD"), ("document", "no quote or document attached"), ("supervisor-confirmed", "not claimed as an opportunity yet")],
            view.Checks.Select(c => (c.Name, c.Detail)));
        await Assert.ThrowsAsync<CrmException>(() => lead.ConfirmOpportunityAsync("sup-wang"));
    }

    [Fact]
    public async Task Checks_MeetingBudgetDocumentAndTimelyConfirmation_Counts_ALateConfirmationDoesNot()
    {
        var timely = await LeadAsync("lead-1", budget: null);
        await timely.LogActivityAsync(Activity("visit", new() { ["attendees"] = "radiology head", ["outcome"] = "wants a quote", ["budget"] = "TBD" }));
        Assert.False((await timely.GetOpportunityAsync()).Checks.Single(c => c.Name == "budget").Passed);
        await timely.LogActivityAsync(Activity("quote-sent", new() { ["products"] = "CT-500", ["quoteDocument"] = "Q-031.pdf", ["budget"] = "800000" }));
        await timely.ClaimOpportunityAsync("rep-li");
        Assert.Single(await _data.Rep("sup-wang").GetInboxAsync(), i => i.Kind == "opportunity-to-confirm");
        ClusterFixture.Clock.Advance(TimeSpan.FromHours(71));
        var counted = await timely.ConfirmOpportunityAsync("sup-wang");

        var late = await LeadAsync("lead-2", budget: 600_000);
        await late.LogActivityAsync(Activity("solution-demo", new() { ["attendees"] = "CFO", ["customerFeedback"] = "positive" }));
        await late.LogActivityAsync(Activity("quote-sent", new() { ["products"] = "CT-500", ["quoteDocument"] = "Q-032.pdf" }));
        await late.ClaimOpportunityAsync("rep-li");
        ClusterFixture.Clock.Advance(TimeSpan.FromHours(73));
        var notCounted = await late.ConfirmOpportunityAsync("sup-wang");

        Assert.True(counted.Counts);
        Assert.Equal("document Q-031.pdf", counted.Checks.Single(c => c.Name == "document").Detail);
        Assert.False(notCounted.Counts);
        Assert.Equal("confirmed 73 h after the claim, later than 72 h", Assert.Single(notCounted.Checks, c => !c.Passed).Detail);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>Ticket lifecycle and the "affects sales" flag through the HTTP API.</summary>
[Collection(ApiCollection.Name)]
public sealed class TicketsApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Manager => api.As(_tenant, "mgr-1", CrmRoles.Manager);

    private HttpClient Service => api.As(_tenant, "svc-1", CrmRoles.Service);

    private async Task<(string Ticket, string Lead)> TicketAsync()
    {
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "A" })).EnsureSuccessStatusCode();
        var created = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Dr. Qian", phone = "13900002222", channel = "website_form" });
        var lead = await created.Content.ReadFromJsonAsync<JsonElement>();
        var leadId = lead.GetProperty("id").GetString()!;
        (await Manager.PostAsJsonAsync($"/api/v1/leads/{leadId}/assignment", new { repId = "rep-a" })).EnsureSuccessStatusCode();
        var ticket = await Service.PostAsJsonAsync("/api/v1/tickets", new { customerId = lead.GetProperty("customerId").GetString(), title = "Probe fault" });
        ticket.EnsureSuccessStatusCode();
        return ((await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, leadId);
    }

    [Fact]
    public async Task Status_UnknownOrNotAllowed_Is400Or409NamingStatus()
    {
        var (ticket, _) = await TicketAsync();

        await Problems.AssertFieldErrorsAsync(await Service.PostAsJsonAsync($"/api/v1/tickets/{ticket}/status", new { status = "fixed" }), "status");
        var skip = await Service.PostAsJsonAsync($"/api/v1/tickets/{ticket}/status", new { status = "closed" });
        var problem = await Problems.AssertProblemAsync(skip, HttpStatusCode.Conflict);
        Assert.Contains("open ticket cannot become closed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var moved = await Service.PostAsJsonAsync($"/api/v1/tickets/{ticket}/status", new { status = "in-progress" });
        moved.EnsureSuccessStatusCode();
        Assert.Equal("in-progress", (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AffectsSales_TheOwningRepSeesItOnTheLeadAndInTheInbox()
    {
        var (ticket, lead) = await TicketAsync();
        await Problems.AssertFieldErrorsAsync(await Service.PostAsJsonAsync($"/api/v1/tickets/{ticket}/affects-sales", new { suggestedAction = " " }), "suggestedAction");

        var flagged = await Service.PostAsJsonAsync($"/api/v1/tickets/{ticket}/affects-sales", new { suggestedAction = "Schedule a diagnosis before the renewal" });

        flagged.EnsureSuccessStatusCode();
        var coordination = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("coordination");
        Assert.Equal("rep-a", coordination.GetProperty("repId").GetString());
        var onLead = (await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}")).GetProperty("needsCoordination");
        Assert.Equal("Schedule a diagnosis before the renewal", Assert.Single(onLead.EnumerateArray()).GetProperty("suggestedAction").GetString());
        var inbox = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/reps/rep-a/inbox");
        Assert.Contains(inbox.EnumerateArray(), i => i.GetProperty("kind").GetString() == "needs-coordination" && i.GetProperty("severity").GetString() == "red");
    }
}

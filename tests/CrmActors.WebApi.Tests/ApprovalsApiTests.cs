using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>Discount approvals through the HTTP API: validation, routing by tier, who may decide.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApprovalsApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Manager => api.As(_tenant, "mgr-1", CrmRoles.Manager);

    private async Task<string> LeadOfRepAAsync()
    {
        (await Manager.PutAsJsonAsync("/api/v1/reps/sup-wang", new { displayName = "Wang" })).EnsureSuccessStatusCode();
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "A", supervisorId = "sup-wang" })).EnsureSuccessStatusCode();
        var created = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Dr. Qian", phone = "13900003333", channel = "website_form" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await Manager.PostAsJsonAsync($"/api/v1/leads/{id}/assignment", new { repId = "rep-a" })).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task Request_BadPercentOrNoReason_Is400NamingThem()
    {
        var lead = await LeadOfRepAAsync();
        var response = await api.As(_tenant, "rep-a", CrmRoles.Rep).PostAsJsonAsync($"/api/v1/leads/{lead}/discount-requests", new { percent = 0 });
        await Problems.AssertFieldErrorsAsync(response, "percent", "reason");
    }

    [Fact]
    public async Task Request_SevenPercent_GoesToTheSupervisor_OnlyTheApproverDecides()
    {
        var lead = await LeadOfRepAAsync();
        var requested = await api.As(_tenant, "rep-a", CrmRoles.Rep).PostAsJsonAsync($"/api/v1/leads/{lead}/discount-requests", new { percent = 7, reason = "competitor quote 7% lower" });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var approval = await requested.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("pending", "sup-wang", 2), (approval.GetProperty("status").GetString(), approval.GetProperty("approver").GetString(), approval.GetProperty("tier").GetInt32()));
        var id = approval.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Forbidden, (await api.As(_tenant, "svc-1", CrmRoles.Service).GetAsync($"/api/v1/approvals/{id}")).StatusCode);
        var byRep = await api.As(_tenant, "rep-a", CrmRoles.Rep).PostAsJsonAsync($"/api/v1/approvals/{id}/decision", new { decision = "approve" });
        await Problems.AssertProblemAsync(byRep, HttpStatusCode.Forbidden);
        await Problems.AssertFieldErrorsAsync(await api.As(_tenant, "sup-wang", CrmRoles.Supervisor).PostAsJsonAsync($"/api/v1/approvals/{id}/decision", new { decision = "maybe" }), "decision");

        var decided = await api.As(_tenant, "sup-wang", CrmRoles.Supervisor).PostAsJsonAsync($"/api/v1/approvals/{id}/decision", new { decision = "approve", comment = "ok, volume order" });
        decided.EnsureSuccessStatusCode();
        var body = await decided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("approved", "sup-wang", "ok, volume order"), (body.GetProperty("status").GetString(), body.GetProperty("decidedBy").GetString(), body.GetProperty("comment").GetString()));
    }
}

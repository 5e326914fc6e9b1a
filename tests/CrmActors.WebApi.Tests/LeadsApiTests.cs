using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

[Collection(ApiCollection.Name)]
public sealed class LeadsApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    [Fact]
    public async Task CreateLead_FiveFields_Is201AndReadableAtLocation()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/leads", new { name = "Dr. Liu", phone = "+86 138-0013-8000", channel = "website_form", productInterest = "implants", note = "class-3 hospital" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var read = await Admin.GetFromJsonAsync<JsonElement>(response.Headers.Location!);
        Assert.Equal(created.GetProperty("id").GetString(), read.GetProperty("id").GetString());
        Assert.Equal("Dr. Liu", read.GetProperty("name").GetString());
        Assert.Equal("New", read.GetProperty("stage").GetString());
        Assert.Equal("admin-1", read.GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task CreateLead_MissingRequiredFields_Is400NamingEachField()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/leads", new { note = "only a note" });

        await Problems.AssertFieldErrorsAsync(response, "name", "phone", "channel");
    }

    [Fact]
    public async Task CreateLead_BadPhoneAndEmail_Is400NamingThem()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/leads", new { name = "x", phone = "call me maybe", channel = "web", email = "not-an-email" });

        await Problems.AssertFieldErrorsAsync(response, "phone", "email");
    }

    [Fact]
    public async Task CreateLead_MalformedJson_Is400Problem()
    {
        using var content = new StringContent("{\"name\": \"x\", \"phone\": ", Encoding.UTF8, "application/json");

        var response = await Admin.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), content);

        var body = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateLead_WrongJsonType_Is400Problem()
    {
        using var content = new StringContent("{\"name\": \"x\", \"phone\": 13800138000, \"channel\": \"web\"}", Encoding.UTF8, "application/json");

        var response = await Admin.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), content);

        var body = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("phone", body.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetLead_UnknownId_Is404Problem()
    {
        var response = await Admin.GetAsync(new Uri("/api/v1/leads/Lnothere", UriKind.Relative));

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetLead_MalformedId_Is400NamingId()
    {
        var response = await Admin.GetAsync(new Uri("/api/v1/leads/bad%20id%27--", UriKind.Relative));

        await Problems.AssertFieldErrorsAsync(response, "id");
    }

    [Fact]
    public async Task AnotherTenant_ReadsAndAssignsNothing()
    {
        var leadId = await CreateLeadAsync();
        await SaveRepAsync("rep-li", null);
        var intruder = api.As("other" + _tenant, "admin-9", CrmRoles.Admin);

        var read = await intruder.GetAsync(new Uri($"/api/v1/leads/{leadId}", UriKind.Relative));
        var assign = await intruder.PostAsJsonAsync($"/api/v1/leads/{leadId}/assignment", new { repId = "rep-li" });
        var inbox = await intruder.GetAsync(new Uri("/api/v1/reps/rep-li/inbox", UriKind.Relative));

        await Problems.AssertProblemAsync(read, HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(assign, HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(inbox, HttpStatusCode.NotFound);
        var mine = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{leadId}");
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("ownerRepId").ValueKind);
    }

    [Fact]
    public async Task Assign_UnknownRep_Is404NamingRepIdAndLeadUnchanged()
    {
        var leadId = await CreateLeadAsync();

        var response = await Admin.PostAsJsonAsync($"/api/v1/leads/{leadId}/assignment", new { repId = "ghost" });

        var body = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("repId", body.GetProperty("field").GetString());
        var lead = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{leadId}");
        Assert.Equal("New", lead.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Assign_BadWindow_Is400NamingTheField()
    {
        var leadId = await CreateLeadAsync();
        await SaveRepAsync("rep-li", null);

        var response = await Admin.PostAsJsonAsync($"/api/v1/leads/{leadId}/assignment", new { repId = "rep-li", firstTouchWithinSeconds = 0 });

        await Problems.AssertFieldErrorsAsync(response, "firstTouchWithinSeconds");
    }

    [Fact]
    public async Task AssignThenTouch_ByOwner_MovesStageAndListsUnderRep()
    {
        var leadId = await CreateLeadAsync();
        await SaveRepAsync("sup-wang", null);
        await SaveRepAsync("rep-li", "sup-wang");

        var assigned = await api.As(_tenant, "sup-wang", CrmRoles.Supervisor).PostAsJsonAsync($"/api/v1/leads/{leadId}/assignment", new { repId = "rep-li", firstTouchWithinSeconds = 7200 });
        var touched = await api.As(_tenant, "rep-li", CrmRoles.Rep).PostAsJsonAsync($"/api/v1/leads/{leadId}/touches", new { kind = "call", note = "budget confirmed" });

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, touched.StatusCode);
        var lead = await touched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Contacted", lead.GetProperty("stage").GetString());
        var repLeads = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/reps/rep-li/leads");
        Assert.Equal(leadId, Assert.Single(repLeads.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Touch_ByAnotherRep_Is403AndNotRecorded()
    {
        var leadId = await CreateLeadAsync();
        await SaveRepAsync("rep-li", null);
        await Admin.PostAsJsonAsync($"/api/v1/leads/{leadId}/assignment", new { repId = "rep-li" });

        var response = await api.As(_tenant, "rep-zhang", CrmRoles.Rep).PostAsJsonAsync($"/api/v1/leads/{leadId}/touches", new { kind = "call" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        var lead = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{leadId}");
        Assert.Equal(JsonValueKind.Null, lead.GetProperty("firstTouchAt").ValueKind);
    }

    [Fact]
    public async Task Touch_UnknownKind_Is400NamingKind()
    {
        var leadId = await CreateLeadAsync();

        var response = await Admin.PostAsJsonAsync($"/api/v1/leads/{leadId}/touches", new { kind = "telepathy" });

        await Problems.AssertFieldErrorsAsync(response, "kind");
    }

    private async Task<string> CreateLeadAsync()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/leads", new { name = "Ms. Huang", phone = "13912345678", channel = "douyin_dm" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task SaveRepAsync(string id, string? supervisorId)
    {
        var response = await Admin.PutAsJsonAsync($"/api/v1/reps/{id}", new { displayName = id, supervisorId, capacity = 10 });
        response.EnsureSuccessStatusCode();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

[Collection(ApiCollection.Name)]
public sealed class RepsAndServiceApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    [Fact]
    public async Task PutRep_UnknownSupervisor_Is404NamingSupervisorIdAndNoRep()
    {
        var response = await Admin.PutAsJsonAsync("/api/v1/reps/rep-li", new { displayName = "Li", supervisorId = "ghost" });

        var body = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("supervisorId", body.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(new Uri("/api/v1/reps/rep-li", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task PutRep_BadFields_Is400NamingEach()
    {
        var response = await Admin.PutAsJsonAsync("/api/v1/reps/rep-li", new { displayName = "", capacity = 0, email = "nope" });

        await Problems.AssertFieldErrorsAsync(response, "displayName", "capacity", "email");
    }

    [Fact]
    public async Task PutRep_MalformedJson_Is400AndNoRep()
    {
        using var content = new StringContent("{\"displayName\": [", Encoding.UTF8, "application/json");

        var response = await Admin.PutAsync(new Uri("/api/v1/reps/rep-li", UriKind.Relative), content);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(new Uri("/api/v1/reps/rep-li", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ListReps_AfterSaving_ListsTheTeam()
    {
        await Admin.PutAsJsonAsync("/api/v1/reps/sup-wang", new { displayName = "Wang" });
        await Admin.PutAsJsonAsync("/api/v1/reps/rep-li", new { displayName = "Li", supervisorId = "sup-wang" });

        var reps = await api.As(_tenant, "rep-li", CrmRoles.Rep).GetFromJsonAsync<JsonElement>("/api/v1/reps");

        Assert.Equal(new[] { "sup-wang", "rep-li" }, reps.EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Inbox_OfAnotherRep_Is403ForARep()
    {
        await Admin.PutAsJsonAsync("/api/v1/reps/rep-li", new { displayName = "Li" });

        var response = await api.As(_tenant, "rep-zhang", CrmRoles.Rep).GetAsync(new Uri("/api/v1/reps/rep-li/inbox", UriKind.Relative));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Ticket_ForKnownCustomer_IsCreatedAndLinked()
    {
        var customer = await Admin.PostAsJsonAsync("/api/v1/customers", new { name = "Ruijin Hospital", company = "Ruijin" });
        var customerId = (await customer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var ticket = await api.As(_tenant, "svc-1", CrmRoles.Service).PostAsJsonAsync("/api/v1/tickets", new { customerId, title = "Probe fault" });

        Assert.Equal(HttpStatusCode.Created, ticket.StatusCode);
        var ticketId = (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var read = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customerId}");
        Assert.Equal(ticketId, Assert.Single(read.GetProperty("ticketIds").EnumerateArray()).GetString());
        var readTicket = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}");
        Assert.Equal("open", readTicket.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ticket_ForUnknownCustomer_Is404NamingCustomerId()
    {
        var response = await api.As(_tenant, "svc-1", CrmRoles.Service).PostAsJsonAsync("/api/v1/tickets", new { customerId = "Cghost", title = "x" });

        var body = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("customerId", body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Ticket_MissingFields_Is400NamingEach()
    {
        var response = await api.As(_tenant, "svc-1", CrmRoles.Service).PostAsJsonAsync("/api/v1/tickets", new { });

        await Problems.AssertFieldErrorsAsync(response, "customerId", "title");
    }

    [Fact]
    public async Task Customer_MissingName_Is400()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/customers", new { company = "x" });

        await Problems.AssertFieldErrorsAsync(response, "name");
    }
}

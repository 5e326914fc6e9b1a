using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>The customer 360 view and its decision chain through the HTTP API.</summary>
[Collection(ApiCollection.Name)]
public sealed class Customer360ApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Manager => api.As(_tenant, "mgr-1", CrmRoles.Manager);

    [Fact]
    public async Task Contact_BadAttitudePhoneOrMissingName_Is400NamingEach()
    {
        var created = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Ruijin Hospital", phone = "13900004444", channel = "website_form" });
        var customer = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString();

        var response = await Manager.PutAsJsonAsync($"/api/v1/customers/{customer}/contacts/cfo", new { role = "CFO", attitude = "hostile", phone = "12" });

        await Problems.AssertFieldErrorsAsync(response, "name", "attitude", "phone");
        var view = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/360");
        Assert.Equal(0, view.GetProperty("decisionChain").GetArrayLength());
    }

    [Fact]
    public async Task View_ShowsTheDecisionChainLeadsActivitiesTicketsAndOpenAlerts()
    {
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "A" })).EnsureSuccessStatusCode();
        var created = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Ruijin Hospital", phone = "13900005555", channel = "website_form", productInterest = "CT-500" });
        var lead = await created.Content.ReadFromJsonAsync<JsonElement>();
        var leadId = lead.GetProperty("id").GetString();
        var customer = lead.GetProperty("customerId").GetString();
        (await Manager.PostAsJsonAsync($"/api/v1/leads/{leadId}/assignment", new { repId = "rep-a" })).EnsureSuccessStatusCode();
        (await Manager.PostAsJsonAsync($"/api/v1/leads/{leadId}/activities", new { type = "solution-demo", fields = new { attendees = "radiology head, CFO", customerFeedback = "likes the image quality" } })).EnsureSuccessStatusCode();
        (await Manager.PutAsJsonAsync($"/api/v1/customers/{customer}/contacts/cfo", new { name = "Ms. Gao", role = "CFO", attitude = "opposes", decides = true })).EnsureSuccessStatusCode();
        (await Manager.PutAsJsonAsync($"/api/v1/customers/{customer}/contacts/cto", new { name = "Dr. Fang", role = "Head of radiology", attitude = "supports" })).EnsureSuccessStatusCode();
        var ticket = await api.As(_tenant, "svc-1", CrmRoles.Service).PostAsJsonAsync("/api/v1/tickets", new { customerId = customer, title = "Old scanner down" });
        var ticketId = (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await api.As(_tenant, "svc-1", CrmRoles.Service).PostAsJsonAsync($"/api/v1/tickets/{ticketId}/affects-sales", new { suggestedAction = "Fix the old scanner before the CT-500 pitch" })).EnsureSuccessStatusCode();

        var view = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/360");

        Assert.Equal(["Ms. Gao"], view.GetProperty("deciders").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["opposes", "supports"], view.GetProperty("decisionChain").EnumerateArray().Select(c => c.GetProperty("attitude").GetString()));
        var onlyLead = Assert.Single(view.GetProperty("leads").EnumerateArray());
        Assert.Equal(("demonstrated", "rep-a", 1), (onlyLead.GetProperty("funnel").GetString(), onlyLead.GetProperty("ownerRepId").GetString(), onlyLead.GetProperty("needsCoordination").GetInt32()));
        Assert.Equal("solution-demo", Assert.Single(view.GetProperty("activities").EnumerateArray()).GetProperty("activity").GetProperty("type").GetString());
        Assert.Equal(ticketId, Assert.Single(view.GetProperty("tickets").EnumerateArray()).GetProperty("id").GetString());
        var alert = Assert.Single(view.GetProperty("openAlerts").EnumerateArray());
        Assert.Equal(("needs-coordination", ticketId), (alert.GetProperty("kind").GetString(), alert.GetProperty("ticketId").GetString()));
    }

    private async Task<string> CustomerAsync(string phone)
    {
        var created = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Ruijin Hospital", phone, channel = "website_form" });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString()!;
    }

    [Fact]
    public async Task Orders_ServiceNeverReceivesCostMarginOrDiscount_SalesDoes()
    {
        var customer = await CustomerAsync("13900006666");
        var order = new { number = "SO-2026-031", product = "CT-500", amount = 800_000, cost = 520_000, discountPercent = 4.5, paymentDueAt = DateTimeOffset.UtcNow.AddDays(30), deliveryEta = DateTimeOffset.UtcNow.AddDays(14) };
        (await Manager.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", order)).EnsureSuccessStatusCode();

        var asService = await api.As(_tenant, "svc-1", CrmRoles.Service).GetStringAsync($"/api/v1/customers/{customer}/360");
        var asManager = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/360");

        var serviceOrder = Assert.Single(JsonDocument.Parse(asService).RootElement.GetProperty("orders").EnumerateArray());
        Assert.Equal("SO-2026-031", serviceOrder.GetProperty("number").GetString());
        Assert.True(serviceOrder.TryGetProperty("deliveryEta", out _));
        foreach (var secret in new[] { "commercial", "cost", "margin", "discount", "520000" })
        {
            Assert.DoesNotContain(secret, asService, StringComparison.OrdinalIgnoreCase);
        }

        var commercial = Assert.Single(asManager.GetProperty("orders").EnumerateArray()).GetProperty("commercial");
        Assert.Equal((520_000m, 280_000m, 4.5m), (commercial.GetProperty("cost").GetDecimal(), commercial.GetProperty("margin").GetDecimal(), commercial.GetProperty("discountPercent").GetDecimal()));
    }

    [Fact]
    public async Task Health_LatePaymentAndPoorFeedback_TurnTheLightWithTheirReasons()
    {
        var customer = await CustomerAsync("13900007777");
        Assert.Equal("green", (await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/360")).GetProperty("health").GetProperty("light").GetString());

        await Problems.AssertFieldErrorsAsync(await Manager.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", new { number = "SO-1", product = "CT-500", amount = 0 }), "amount", "paymentDueAt");
        (await Manager.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", new { number = "SO-1", product = "CT-500", amount = 100_000, paymentDueAt = DateTimeOffset.UtcNow.AddDays(-10).AddHours(-1) })).EnsureSuccessStatusCode();
        var late = (await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/360")).GetProperty("health");
        Assert.Equal("yellow", late.GetProperty("light").GetString());
        Assert.Equal("a payment 10 days late", Assert.Single(late.GetProperty("reasons").EnumerateArray()).GetString());

        await Problems.AssertFieldErrorsAsync(await api.As(_tenant, "svc-1", CrmRoles.Service).PostAsJsonAsync($"/api/v1/customers/{customer}/feedback", new { score = 6 }), "score");
        var poor = await api.As(_tenant, "svc-1", CrmRoles.Service).PostAsJsonAsync($"/api/v1/customers/{customer}/feedback", new { score = 1, comment = "scanner down twice" });
        var health = await poor.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("red", health.GetProperty("light").GetString());
        Assert.Equal(["a payment 10 days late", "feedback averages 1.0 of 5"], health.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task View_TicketAffectingSalesWithNoOwnerToTell_StillMarksTheCustomer()
    {
        var customer = await CustomerAsync("13900008888");
        var service = api.As(_tenant, "svc-1", CrmRoles.Service);
        var ticket = await service.PostAsJsonAsync("/api/v1/tickets", new { customerId = customer, title = "Probe fault" });
        var ticketId = (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var flagged = await service.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/affects-sales", new { suggestedAction = "Hold the upgrade offer" });
        Assert.Equal(JsonValueKind.Null, (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("coordination").GetProperty("repId").ValueKind);

        var alert = Assert.Single((await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/360")).GetProperty("openAlerts").EnumerateArray());
        Assert.Equal(("needs-coordination", ticketId), (alert.GetProperty("kind").GetString(), alert.GetProperty("ticketId").GetString()));
    }
}

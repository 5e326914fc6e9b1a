using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Security;
using CrmActors.WebApi.Intake;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// Orders: a discount above the tenant's automatic tier needs an approved discount request of the customer that covers
/// it; an order is stored once per Idempotency-Key or external id, a retry answered with the first order.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OrdersApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    private HttpClient Rep => api.As(_tenant, "rep-a", CrmRoles.Rep);

    [Fact]
    public async Task Order_DiscountAboveTheAutomaticTierWithoutApproval_Is409NamingDiscountPercentAndStoresNothing()
    {
        var (customer, _) = await CustomerWithLeadAsync("13911110001");

        var refused = await Rep.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", Order(discountPercent: 6m));
        var atTheTier = await Rep.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", Order(discountPercent: 5m, number: "SO-5"));

        var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("discountPercent", problem.GetProperty("field").GetString());
        Assert.Contains("above the 5% this organisation approves automatically", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, atTheTier.StatusCode);
        Assert.Equal(["SO-5"], await OrderNumbersAsync(customer));
    }

    [Fact]
    public async Task Order_TenantAutomaticTierIsHigher_DiscountUpToItNeedsNoApproval()
    {
        (await Admin.PutAsJsonAsync("/api/v1/follow-up/policy", new { approvals = new { tiers = new object[] { new { upToPercent = 8, approver = "auto" }, new { upToPercent = 100, approver = "fin-1" } } } })).EnsureSuccessStatusCode();
        var (customer, _) = await CustomerWithLeadAsync("13911110002");

        var recorded = await Rep.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", Order(discountPercent: 8m));
        var refused = await Rep.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", Order(discountPercent: 8.5m, number: "SO-2"));

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("discountPercent", (await Problems.AssertProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Order_ApprovedRequestCoveringTheDiscount_IsRecordedWithItsReference()
    {
        var (customer, lead) = await CustomerWithLeadAsync("13911110003");
        var approval = await ApprovedAsync(lead, 8m);

        var recorded = await Rep.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", Order(discountPercent: 7.5m, approvalId: approval));
        var beyond = await Rep.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", Order(discountPercent: 9m, approvalId: approval, number: "SO-2"));

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var commercial = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commercial");
        Assert.Equal((7.5m, approval), (commercial.GetProperty("discountPercent").GetDecimal(), commercial.GetProperty("discountApprovalId").GetString()));
        var problem = await Problems.AssertProblemAsync(beyond, HttpStatusCode.Conflict);
        Assert.Equal("discountPercent", problem.GetProperty("field").GetString());
        Assert.Contains("approved 8%", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["SO-1"], await OrderNumbersAsync(customer));
    }

    [Fact]
    public async Task Order_ApprovalPendingRejectedOfAnotherCustomerOrUnknown_IsRefusedNamingTheReferenceAndStoresNothing()
    {
        var (customer, lead) = await CustomerWithLeadAsync("13911110004");
        var (_, otherLead) = await CustomerWithLeadAsync("13911110005");
        var pending = await RequestAsync(lead, 9m);
        var rejected = await RequestAsync(lead, 9m);
        (await api.As(_tenant, "fin-1", CrmRoles.Manager).PostAsJsonAsync($"/api/v1/approvals/{rejected}/decision", new { decision = "reject", comment = "too much" })).EnsureSuccessStatusCode();
        var otherCustomers = await ApprovedAsync(otherLead, 9m);
        var otherTenants = await OtherTenantApprovalAsync();

        foreach (var (approval, status, message) in new[]
        {
            (pending, HttpStatusCode.Conflict, "still waits for fin-1"),
            (rejected, HttpStatusCode.Conflict, "was rejected"),
            (otherCustomers, HttpStatusCode.Conflict, "not this customer's"),
            (otherTenants, HttpStatusCode.NotFound, "does not exist"),
            ("A-no-such-request", HttpStatusCode.NotFound, "does not exist"),
        })
        {
            var response = await Rep.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", Order(discountPercent: 9m, approvalId: approval));

            var problem = await Problems.AssertProblemAsync(response, status);
            Assert.Equal("discountApprovalId", problem.GetProperty("field").GetString());
            Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(await OrderNumbersAsync(customer));
    }

    [Fact]
    public async Task Order_RetriedWithTheSameIdempotencyKey_IsStoredOnceAndAnsweredWithTheFirst()
    {
        var (customer, _) = await CustomerWithLeadAsync("13911110006");
        var key = Guid.NewGuid().ToString();

        var first = await PostKeyedAsync(customer, key, Order());
        var retry = await PostKeyedAsync(customer, key, Order());
        var otherBody = await PostKeyedAsync(customer, key, Order(number: "SO-OTHER"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues(IdempotencyKey.ReplayedHeader).Single());
        Assert.False(first.Headers.Contains(IdempotencyKey.ReplayedHeader));
        Assert.Equal(await IdAsync(first), await IdAsync(retry));
        var problem = await Problems.AssertProblemAsync(otherBody, HttpStatusCode.Conflict);
        Assert.Equal(IdempotencyKey.Header, problem.GetProperty("field").GetString());
        Assert.StartsWith("This Idempotency-Key was already used with another body", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["SO-1"], await OrderNumbersAsync(customer));
    }

    [Fact]
    public async Task Order_SentAgainWithTheSameExternalId_IsStoredOnce_OtherDetailsAre409NamingExternalId()
    {
        var (customer, _) = await CustomerWithLeadAsync("13911110007");

        var first = await Rep.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", Order(externalId: "ERP-2026-0042"));
        var again = await Admin.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", Order(externalId: "ERP-2026-0042"));
        var changed = await Rep.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", Order(externalId: "ERP-2026-0042", amount: 99_000m));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues(IdempotencyKey.ReplayedHeader).Single());
        var replayed = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((await IdAsync(first), "ERP-2026-0042"), (replayed.GetProperty("id").GetString(), replayed.GetProperty("externalId").GetString()));
        Assert.Equal("externalId", (await Problems.AssertProblemAsync(changed, HttpStatusCode.Conflict)).GetProperty("field").GetString());
        Assert.Equal(["SO-1"], await OrderNumbersAsync(customer));
    }

    [Fact]
    public async Task Order_BadKeyOrReferences_Are400NamingEach()
    {
        var (customer, _) = await CustomerWithLeadAsync("13911110008");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/customers/{customer}/orders")
        {
            Content = JsonContent.Create(Order(externalId: "  ", approvalId: "a b")),
        };
        request.Headers.TryAddWithoutValidation(IdempotencyKey.Header, "key with spaces");

        await Problems.AssertFieldErrorsAsync(await Rep.SendAsync(request), IdempotencyKey.Header, "externalId", "discountApprovalId");
        Assert.Empty(await OrderNumbersAsync(customer));
    }

    [Fact]
    public async Task Order_AtTheCap_ARetryIsStillAnswered_ANewOneIs409()
    {
        var (customer, _) = await CustomerWithLeadAsync("13911110009");
        var grain = api.Cluster.Client.GetGrain<ICustomerGrain>(GrainKeys.For(_tenant, customer));
        var due = DateTimeOffset.UtcNow.AddDays(30);
        for (var i = 0; i < 1000; i++)
        {
            await grain.RecordOrderAsync(new NewOrder($"O-{i}", $"SO-{i}", "CT-500", 10m, null, null, null, due, null, $"ERP-{i}", null, null, "admin-1"));
        }

        var retry = await Rep.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", new { number = "SO-7", product = "CT-500", amount = 10, paymentDueAt = due, externalId = "ERP-7" });
        var extra = await Rep.PostAsJsonAsync($"/api/v1/customers/{customer}/orders", Order(number: "SO-1000"));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("O-7", await IdAsync(retry));
        Assert.Contains("at most 1,000 orders", (await Problems.AssertProblemAsync(extra, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static object Order(decimal? discountPercent = null, string? approvalId = null, string number = "SO-1", string? externalId = null, decimal amount = 100_000m) => new
    {
        number,
        product = "CT-500",
        amount,
        cost = 60_000,
        discountPercent,
        paymentDueAt = new DateTimeOffset(2030, 1, 31, 0, 0, 0, TimeSpan.FromHours(8)),
        externalId,
        discountApprovalId = approvalId,
    };

    /// <summary>A customer with a lead owned by rep-a (supervised by sup-1); discounts above 5% go to fin-1.</summary>
    private async Task<(string Customer, string Lead)> CustomerWithLeadAsync(string phone)
    {
        (await Admin.PutAsJsonAsync("/api/v1/reps/sup-1", new { displayName = "Sup" })).EnsureSuccessStatusCode();
        (await Admin.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "A", supervisorId = "sup-1" })).EnsureSuccessStatusCode();
        var created = await (await Admin.PostAsJsonAsync("/api/v1/leads", new { name = "Dr. Fang", phone, channel = "website_form" })).Content.ReadFromJsonAsync<JsonElement>();
        var lead = created.GetProperty("id").GetString()!;
        (await Admin.PostAsJsonAsync($"/api/v1/leads/{lead}/assignment", new { repId = "rep-a" })).EnsureSuccessStatusCode();
        return (created.GetProperty("customerId").GetString()!, lead);
    }

    private async Task<string> RequestAsync(string lead, decimal percent)
    {
        var policy = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/follow-up/policy");
        if (policy.GetProperty("version").GetInt32() == 0)
        {
            (await Admin.PutAsJsonAsync("/api/v1/follow-up/policy", new { approvals = new { tiers = new object[] { new { upToPercent = 5, approver = "auto" }, new { upToPercent = 100, approver = "fin-1" } } } })).EnsureSuccessStatusCode();
        }

        var requested = await Rep.PostAsJsonAsync($"/api/v1/leads/{lead}/discount-requests", new { percent, reason = "competitor quote" });
        requested.EnsureSuccessStatusCode();
        return (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<string> ApprovedAsync(string lead, decimal percent)
    {
        var approval = await RequestAsync(lead, percent);
        (await api.As(_tenant, "fin-1", CrmRoles.Manager).PostAsJsonAsync($"/api/v1/approvals/{approval}/decision", new { decision = "approve" })).EnsureSuccessStatusCode();
        return approval;
    }

    private async Task<string> OtherTenantApprovalAsync()
    {
        var other = "o" + Guid.NewGuid().ToString("N")[..10];
        var admin = api.As(other, "admin-1", CrmRoles.Admin);
        var lead = (await (await admin.PostAsJsonAsync("/api/v1/leads", new { name = "Other", phone = "13911119999", channel = "website_form" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var requested = await admin.PostAsJsonAsync($"/api/v1/leads/{lead}/discount-requests", new { percent = 3, reason = "automatic" });
        requested.EnsureSuccessStatusCode();
        return (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> PostKeyedAsync(string customer, string key, object order)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/customers/{customer}/orders") { Content = JsonContent.Create(order) };
        request.Headers.TryAddWithoutValidation(IdempotencyKey.Header, key);
        return await Rep.SendAsync(request);
    }

    private static async Task<string> IdAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

    private async Task<string[]> OrderNumbersAsync(string customer) =>
        [.. (await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/360")).GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("number").GetString()!)];
}

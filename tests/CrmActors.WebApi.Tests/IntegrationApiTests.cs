using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using CrmActors.Ctl;
using CrmActors.GrainInterfaces.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmActors.WebApi.Tests;

/// <summary>Other systems feeding in through the integration API: keys, signed events one by one and in bulk, settlement and the 360 view.</summary>
[Collection(ApiCollection.Name)]
public sealed class IntegrationApiTests(ApiFixture api)
{
    private const string Erp = "kingdee-erp";
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly string _tenant = "i" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    private async Task<(string Id, string Secret)> KeyAsync(string source = Erp)
    {
        var created = await Admin.PostAsJsonAsync("/api/v1/integration-keys", new { source });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (key.GetProperty("id").GetString()!, key.GetProperty("secret").GetString()!);
    }

    private async Task<HttpClient> SourceAsync(string source = Erp)
    {
        var (id, secret) = await KeyAsync(source);
        return api.Signed(id, secret);
    }

    private async Task<string> CustomerAsync(string phone)
    {
        var created = await Admin.PostAsJsonAsync("/api/v1/customers", new { name = "Zhongshan Hospital " + phone, phone });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static object Order(string customerId, string id, decimal amount, DateTimeOffset dueAt) =>
        new { kind = "order", id, customerId, amount, at = T0, dueAt, number = id, product = "CT-500" };

    private static object Money(string kind, string customerId, string id, string orderId, decimal amount, int day) =>
        new { kind, id, customerId, orderId, amount, at = T0.AddDays(day) };

    /// <summary>A well-signed token whose role claim says "integration": not a role a token may carry.</summary>
    private string TokenNamingTheIntegrationRole()
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenMinter.DefaultIssuer,
            Audience = TokenMinter.DefaultAudience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Subject = new ClaimsIdentity([new Claim(CrmClaimTypes.Subject, "erp-bot"), new Claim(CrmClaimTypes.Tenant, _tenant), new Claim(CrmClaimTypes.Role, "integration"), new Claim("crm_source", Erp)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ApiFixture.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<JsonElement> View360Async(string customerId) => await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customerId}/360");

    [Fact]
    public async Task Bulk_ThreeHundredEvents_StoredOnce_ARetryIsAllDuplicates()
    {
        var erp = await SourceAsync();
        var customers = new List<string>();
        for (var c = 0; c < 10; c++)
        {
            customers.Add(await CustomerAsync("1390000" + (3000 + c).ToString(CultureInfo.InvariantCulture)));
        }

        var events = new List<object>();
        for (var i = 0; i < 150; i++)
        {
            var customer = customers[i % customers.Count];
            events.Add(Order(customer, $"O{i}", 10_000m, T0.AddYears(2)));
            events.Add(Money("payment", customer, $"P{i}", $"O{i}", i % 2 == 0 ? 10_000m : 4_000m, 1));
        }

        var first = await (await erp.PostAsJsonAsync("/api/v1/integration/events/bulk", new { events })).Content.ReadFromJsonAsync<JsonElement>();
        using var retried = await erp.PostAsJsonAsync("/api/v1/integration/events/bulk", new { events });
        var second = await retried.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((300, 0, 0), (first.GetProperty("stored").GetInt32(), first.GetProperty("duplicates").GetInt32(), first.GetProperty("rejected").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal((0, 300, 0), (second.GetProperty("stored").GetInt32(), second.GetProperty("duplicates").GetInt32(), second.GetProperty("rejected").GetInt32()));
        Assert.Equal(Enumerable.Range(0, 300), second.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        var view = await View360Async(customers[1]);
        var orders = view.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(15, orders.Count);
        Assert.All(orders, o => Assert.Equal(Erp, o.GetProperty("source").GetString()));
        Assert.All(orders, o => Assert.Equal("partially-paid", o.GetProperty("payment").GetProperty("state").GetString()));
        Assert.Equal(90_000m, view.GetProperty("payments").GetProperty("outstanding").GetDecimal());
        Assert.Equal("open", view.GetProperty("payments").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Event_PaymentBeforeItsOrder_WaitsThenSettles_HealthAndPaymentStateNameTheSource()
    {
        var erp = await SourceAsync();
        var customer = await CustomerAsync("13900004100");

        using var payment = await erp.PostAsJsonAsync("/api/v1/integration/events", Money("payment", customer, "PAY-1", "SO-1", 30_000m, 2));
        var waiting = await payment.Content.ReadFromJsonAsync<JsonElement>();
        var whileWaiting = await View360Async(customer);
        using var order = await erp.PostAsJsonAsync("/api/v1/integration/events", Order(customer, "SO-1", 100_000m, DateTimeOffset.UtcNow.AddDays(-40)));
        var settled = await View360Async(customer);

        Assert.Equal(HttpStatusCode.Created, payment.StatusCode);
        Assert.Equal("order 'SO-1' from kingdee-erp", waiting.GetProperty("waitingFor").GetString());
        Assert.Equal("payment 'PAY-1' from kingdee-erp waits for order 'SO-1' from kingdee-erp", Assert.Single(whileWaiting.GetProperty("payments").GetProperty("waiting").EnumerateArray()).GetString());
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        var paid = Assert.Single(settled.GetProperty("orders").EnumerateArray()).GetProperty("payment");
        Assert.Equal(("partially-paid", 30_000m, 70_000m), (paid.GetProperty("state").GetString(), paid.GetProperty("paid").GetDecimal(), paid.GetProperty("outstanding").GetDecimal()));
        Assert.Empty(settled.GetProperty("payments").GetProperty("waiting").EnumerateArray());
        Assert.Equal("overdue", settled.GetProperty("payments").GetProperty("state").GetString());
        Assert.Contains("order SO-1 from kingdee-erp: 30,000.00 of 100,000.00 paid", settled.GetProperty("payments").GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("red", settled.GetProperty("health").GetProperty("light").GetString());
        Assert.StartsWith("a payment 40 days late (order SO-1 from kingdee-erp)", settled.GetProperty("health").GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_InEveryOrderOfArrival_SettleTheSame()
    {
        var erp = await SourceAsync();
        var due = DateTimeOffset.UtcNow.AddDays(-10);
        object[] Events(string customer) =>
        [
            Order(customer, "SO-7", 50_000m, due),
            new { kind = "invoice", id = "INV-7", customerId = customer, orderId = "SO-7", amount = 50_000m, at = T0.AddDays(1), dueAt = due.AddDays(5) },
            new { kind = "payment", id = "PAY-7", customerId = customer, invoiceId = "INV-7", amount = 50_000m, at = T0.AddDays(3) },
            Money("return", customer, "RET-7", "SO-7", 20_000m, 6),
        ];
        var orders = new[] { 0, 1, 2, 3 };
        var arrivals = (from a in orders from b in orders from c in orders from d in orders
                        where new[] { a, b, c, d }.Distinct().Count() == 4
                        select new[] { a, b, c, d }).ToList();

        var views = new List<string>();
        foreach (var (arrival, n) in arrivals.Select((a, n) => (a, n)))
        {
            var customer = await CustomerAsync("1390000" + (5000 + n).ToString(CultureInfo.InvariantCulture));
            var events = Events(customer);
            foreach (var i in arrival)
            {
                (await erp.PostAsJsonAsync("/api/v1/integration/events", events[i])).EnsureSuccessStatusCode();
            }

            var order = Assert.Single((await View360Async(customer)).GetProperty("orders").EnumerateArray());
            views.Add($"{order.GetProperty("paidAt")} {order.GetProperty("paymentDueAt")} {order.GetProperty("payment")}");
        }

        Assert.Equal(24, views.Count);
        Assert.Single(views.Distinct());
        Assert.Contains("\"state\":\"overpaid\"", views[0], StringComparison.Ordinal);
        Assert.Contains("\"outstanding\":-20000", views[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_BadFieldsUnknownCustomerAndChangedRetry_RejectedPerItemNamingTheField_OthersStored()
    {
        var erp = await SourceAsync();
        var customer = await CustomerAsync("13900004200");
        (await erp.PostAsJsonAsync("/api/v1/integration/events", Order(customer, "SO-1", 8_000m, T0.AddYears(2)))).EnsureSuccessStatusCode();
        object?[] events =
        [
            new { kind = "payment", id = "P-bad", customerId = customer, orderId = "SO-1", amount = -5, at = T0 },
            Money("payment", "P8613900009999", "P-unknown", "SO-1", 100m, 1),
            new { kind = "payment", id = "P-phone", phone = "139-0000-4200", orderId = "SO-1", amount = 3_000m, at = T0.AddDays(2) },
            Order(customer, "SO-1", 9_000m, T0.AddYears(2)),
            new { kind = "refund", id = "F-1", customerId = customer, amount = 100m, at = T0 },
            new { kind = "shipment", id = "X-1", customerId = customer, at = T0 },
            null,
        ];

        var answer = await (await erp.PostAsJsonAsync("/api/v1/integration/events/bulk", new { events })).Content.ReadFromJsonAsync<JsonElement>();

        var results = answer.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("outcome").GetString(), r.GetProperty("field").GetString())).ToList();
        Assert.Equal(
            [("rejected", "events[0].amount"), ("rejected", "events[1].customerId"), ("stored", null), ("rejected", "events[3].id"), ("rejected", "events[4].orderId"), ("rejected", "events[5].kind"), ("rejected", "events[6]")],
            results);
        var order = Assert.Single((await View360Async(customer)).GetProperty("orders").EnumerateArray());
        Assert.Equal((8_000m, 3_000m), (order.GetProperty("amount").GetDecimal(), order.GetProperty("payment").GetProperty("paid").GetDecimal()));
    }

    [Fact]
    public async Task Event_Retried_Is200Replayed_ChangedDetailsAre409_UnknownCustomer404_BadField400()
    {
        var erp = await SourceAsync();
        var customer = await CustomerAsync("13900004300");
        var order = Order(customer, "SO-1", 8_000m, T0.AddYears(2));

        using var first = await erp.PostAsJsonAsync("/api/v1/integration/events", order);
        using var retry = await erp.PostAsJsonAsync("/api/v1/integration/events", order);
        using var changed = await erp.PostAsJsonAsync("/api/v1/integration/events", Order(customer, "SO-1", 9_000m, T0.AddYears(2)));
        using var unknown = await erp.PostAsJsonAsync("/api/v1/integration/events", Order("P404", "SO-2", 9_000m, T0.AddYears(2)));
        using var bad = await erp.PostAsJsonAsync("/api/v1/integration/events", new { kind = "order", id = "SO-3", customerId = customer, amount = 5 });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("id", (await Problems.AssertProblemAsync(changed, HttpStatusCode.Conflict)).GetProperty("field").GetString());
        Assert.Equal("customerId", (await Problems.AssertProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("field").GetString());
        await Problems.AssertFieldErrorsAsync(bad, "at", "dueAt");
        Assert.Single((await View360Async(customer)).GetProperty("orders").EnumerateArray());
    }

    [Fact]
    public async Task Bulk_OverTheItemOrByteLimit_IsAProblem_NothingStored()
    {
        var erp = await SourceAsync();
        var customer = await CustomerAsync("13900004400");
        var tooMany = Enumerable.Range(0, 501).Select(i => Order(customer, $"O{i}", 1m, T0.AddYears(2))).ToList();
        var tooLarge = Enumerable.Range(0, 500).Select(i => new { kind = "order", id = $"O{i}", customerId = customer, amount = 1, at = T0, dueAt = T0, note = new string('x', 2000) }).ToList();

        using var many = await erp.PostAsJsonAsync("/api/v1/integration/events/bulk", new { events = tooMany });
        using var large = await erp.PostAsJsonAsync("/api/v1/integration/events/bulk", new { events = tooLarge });

        await Problems.AssertFieldErrorsAsync(many, "events");
        await Problems.AssertProblemAsync(large, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await View360Async(customer)).GetProperty("orders").EnumerateArray());
    }

    [Fact]
    public async Task SignedRequest_BadStaleOrMissingSignature_Is401Problem_NothingStored()
    {
        var (id, secret) = await KeyAsync();
        var customer = await CustomerAsync("13900004500");
        var order = Order(customer, "SO-1", 8_000m, T0.AddYears(2));

        using var wrongSecret = await api.Signed(id, secret + "x").PostAsJsonAsync("/api/v1/integration/events", order);
        using var stale = await api.Signed(new SigningHandler(id, secret) { SignedAt = DateTimeOffset.UtcNow.AddMinutes(-6) }).PostAsJsonAsync("/api/v1/integration/events", order);
        using var unsigned = await api.Signed(new SigningHandler(id, secret) { Unsigned = true }).PostAsJsonAsync("/api/v1/integration/events", order);
        using var unknownKey = await api.Signed("ik-nosuchkey", secret).PostAsJsonAsync("/api/v1/integration/events", order);

        Assert.Contains("does not match", (await Problems.AssertProblemAsync(wrongSecret, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("stale", (await Problems.AssertProblemAsync(stale, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problems.AssertProblemAsync(unsigned, HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(unknownKey, HttpStatusCode.Unauthorized);
        Assert.Empty((await View360Async(customer)).GetProperty("orders").EnumerateArray());
    }

    [Fact]
    public async Task Key_RevokedIsRefusedAtOnce_ListShowsNoSecret_CreateAndRevokeAudited()
    {
        var (id, secret) = await KeyAsync("fx-aftersales");
        var source = api.Signed(id, secret);
        var customer = await CustomerAsync("13900004600");
        (await source.PostAsJsonAsync("/api/v1/integration/events", Order(customer, "SO-1", 8_000m, T0.AddYears(2)))).EnsureSuccessStatusCode();

        using var revoked = await Admin.DeleteAsync($"/api/v1/integration-keys/{id}");
        using var after = await source.PostAsJsonAsync("/api/v1/integration/events", Order(customer, "SO-2", 8_000m, T0.AddYears(2)));
        using var otherTenant = await api.As("other" + _tenant, "admin-1", CrmRoles.Admin).DeleteAsync($"/api/v1/integration-keys/{id}");
        var listed = await Admin.GetStringAsync("/api/v1/integration-keys");
        var audit = await Admin.GetStringAsync("/api/v1/audit");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Contains("revoked", (await Problems.AssertProblemAsync(after, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problems.AssertProblemAsync(otherTenant, HttpStatusCode.NotFound);
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.Contains("\"revokedBy\":\"admin-1\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Contains("POST /api/v1/integration-keys", audit, StringComparison.Ordinal);
        Assert.Contains($"DELETE /api/v1/integration-keys/{id}", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
        Assert.Single((await View360Async(customer)).GetProperty("orders").EnumerateArray());
    }

    [Fact]
    public async Task Key_CannotReadLeadsOrCustomers_TokensEvenNamingTheIntegrationRoleCannotSendEvents()
    {
        var erp = await SourceAsync();
        var customer = await CustomerAsync("13900004700");

        using var leads = await erp.GetAsync("/api/v1/leads/L1");
        using var view = await erp.GetAsync($"/api/v1/customers/{customer}/360");
        using var keys = await erp.GetAsync("/api/v1/integration-keys");
        using var byAdminToken = await Admin.PostAsJsonAsync("/api/v1/integration/events", Order(customer, "SO-1", 8_000m, T0.AddYears(2)));
        using var forgedRoleToken = api.Anonymous();
        forgedRoleToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenNamingTheIntegrationRole());
        using var byForgedRole = await forgedRoleToken.PostAsJsonAsync("/api/v1/integration/events", Order(customer, "SO-1", 8_000m, T0.AddYears(2)));
        using var forgedRoleReads = await forgedRoleToken.GetAsync($"/api/v1/customers/{customer}/360");

        await Problems.AssertProblemAsync(leads, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(view, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(keys, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(byAdminToken, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(byForgedRole, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(forgedRoleReads, HttpStatusCode.Forbidden);
        Assert.Empty((await View360Async(customer)).GetProperty("orders").EnumerateArray());
    }

    [Fact]
    public async Task ServiceVisit_LowScoresAndAReturn_TurnHealthYellowNamingTheSources()
    {
        var erp = await SourceAsync();
        var service = await SourceAsync("fx-aftersales");
        var customer = await CustomerAsync("13900004800");
        (await erp.PostAsJsonAsync("/api/v1/integration/events/bulk", new
        {
            events = new object[] { Order(customer, "SO-1", 10_000m, T0.AddYears(2)), Money("return", customer, "RET-1", "SO-1", 4_000m, 3) },
        })).EnsureSuccessStatusCode();
        (await service.PostAsJsonAsync("/api/v1/integration/events", new { kind = "service-visit", id = "V-1", customerId = customer, at = T0.AddDays(4), score = 3, note = "probe noisy" })).EnsureSuccessStatusCode();

        var health = (await View360Async(customer)).GetProperty("health");

        Assert.Equal("yellow", health.GetProperty("light").GetString());
        Assert.Equal(
            ["feedback averages 3.0 of 5 (scores from fx-aftersales among them)", "order SO-1: 4,000 of 10,000 returned (from kingdee-erp)"],
            health.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Events_NamedByTheSourcesCustomerRef_FindTheLinkedCustomer_UnlinkedOrConflictingRefsRejected()
    {
        var erp = await SourceAsync();
        var customer = await CustomerAsync("13900004900");
        var other = await CustomerAsync("13900004901");
        object[] events =
        [
            new { kind = "order", id = "SO-1", customerRef = "K-0099", amount = 1_000m, at = T0, dueAt = T0.AddYears(2) },
            new { kind = "order", id = "SO-2", customerId = customer, customerRef = "K-0042", amount = 1_000m, at = T0, dueAt = T0.AddYears(2) },
            new { kind = "payment", id = "P-2", customerRef = "K-0042", orderId = "SO-2", amount = 1_000m, at = T0.AddDays(1) },
            new { kind = "order", id = "SO-3", customerId = other, customerRef = "K-0042", amount = 1_000m, at = T0, dueAt = T0.AddYears(2) },
        ];

        var answer = await (await erp.PostAsJsonAsync("/api/v1/integration/events/bulk", new { events })).Content.ReadFromJsonAsync<JsonElement>();
        using var later = await erp.PostAsJsonAsync("/api/v1/integration/events", new { kind = "service-visit", id = "V-1", customerRef = "K-0042", at = T0.AddDays(9), score = 5 });

        Assert.Equal(
            [("rejected", "events[0].customerRef"), ("stored", null), ("stored", null), ("rejected", "events[3].customerRef")],
            answer.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("outcome").GetString(), r.GetProperty("field").GetString())));
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        var view = await View360Async(customer);
        Assert.Equal("paid", Assert.Single(view.GetProperty("orders").EnumerateArray()).GetProperty("payment").GetProperty("state").GetString());
        Assert.Empty((await View360Async(other)).GetProperty("orders").EnumerateArray());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;
using CrmActors.WebApi.Intake;
using Microsoft.Extensions.DependencyInjection;

namespace CrmActors.WebApi.Tests;

/// <summary>Lead intake through the API: normalization, channel dictionary, duplicates, idempotency, backpressure.</summary>
[Collection(ApiCollection.Name)]
public sealed class IntakeApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    private static object Lead(string phone, string channel = "website_form", string name = "Ms. Huang", string? note = null, string? email = null) =>
        new { name, phone, channel, productInterest = "trial class", note, email };

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Theory]
    [InlineData("13912345678", "+8613912345678")]
    [InlineData("+86 139 1234 5679", "+8613912345679")]
    [InlineData("139-1234-5670", "+8613912345670")]
    [InlineData("0086 139 1234 5671", "+8613912345671")]
    [InlineData("+49 151 1234 5678", "+4915112345678")]
    public async Task CreateLead_PhoneSpellings_AreStoredAsE164(string phone, string expected)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/leads", Lead(phone));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal(expected, body.GetProperty("phone").GetString());
        Assert.Equal("Created", body.GetProperty("intakeOutcome").GetString());
        Assert.Equal("P" + expected[1..], body.GetProperty("customerId").GetString());
    }

    [Theory]
    [InlineData("抖音广告", "douyin_ads")]
    [InlineData("DY-ADS", "douyin_ads")]
    [InlineData("douyin_ad", "douyin_ads")]
    [InlineData("百度推广", "baidu_ads")]
    public async Task CreateLead_ChannelAlias_IsStoredCanonical(string raw, string canonical)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/leads", Lead("1380013" + Random.Shared.Next(1000, 9999), raw));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(canonical, (await BodyAsync(response)).GetProperty("channel").GetString());
    }

    [Fact]
    public async Task CreateLead_UnknownChannelAndBadEmail_Is400NamingBothAndStoresNothing()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/leads", Lead("13700001111", "carrier_pigeon", email: "li@localhost"));

        await Problems.AssertFieldErrorsAsync(response, "channel", "email");
        var customer = await Admin.GetAsync("/api/v1/customers/P8613700001111");
        Assert.Equal(HttpStatusCode.NotFound, customer.StatusCode);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("23912345678")]
    [InlineData("+86 139 1234 567")]
    [InlineData("phone: ask")]
    public async Task CreateLead_BadPhone_Is400NamingPhone(string phone)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/leads", Lead(phone));

        await Problems.AssertFieldErrorsAsync(response, "phone");
    }

    [Theory]
    [InlineData("name")]
    [InlineData("channel")]
    [InlineData("phone")]
    [InlineData("note")]
    public async Task Create_TextThatIsNotWellFormedUnicode_Is400NamingTheFieldAndStoresNothing(string field)
    {
        // U+FFFE is a non-character: .NET refuses to normalize it, which once surfaced as a 500.
        var body = new Dictionary<string, string> { ["name"] = "Li", ["phone"] = "13700002222", ["channel"] = "website_form", ["note"] = "ok" };
        body[field] = field == "phone" ? "1370000\ufffe2222" : "web\ufffesite";
        var json = "{" + string.Join(",", body.Select(kv => $"\"{kv.Key}\":\"{kv.Value}\"")) + "}";
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        await Problems.AssertFieldErrorsAsync(await Admin.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), content), field);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(new Uri("/api/v1/customers/P8613700002222", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task CreateLead_SamePhoneAgain_LinksToTheFirstLeadAndSaysSo()
    {
        var first = await BodyAsync(await Admin.PostAsJsonAsync("/api/v1/leads", Lead("13600001111", "website_form")));

        var again = await Admin.PostAsJsonAsync("/api/v1/leads", Lead("136-0000-1111", "抖音", name: "Huang Li", note: "asked again via douyin"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await BodyAsync(again);
        Assert.Equal("Duplicate", body.GetProperty("intakeOutcome").GetString());
        Assert.Equal(first.GetProperty("id").GetString(), body.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("customerId").GetString(), body.GetProperty("customerId").GetString());
        var history = body.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToArray();
        Assert.Equal(new string?[] { "created", "duplicate-submission" }, history);
        var customer = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{body.GetProperty("customerId").GetString()}");
        Assert.Equal(1, customer.GetProperty("leadIds").GetArrayLength());
    }

    [Fact]
    public async Task CreateLead_ConcurrentBurstOfOnePhone_YieldsOneCustomerAndOneLead()
    {
        var client = Admin;
        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            client.PostAsJsonAsync("/api/v1/leads", Lead(i % 2 == 0 ? "13500002222" : "+86 135 0000 2222", note: $"scan {i}"))));

        var bodies = await Task.WhenAll(responses.Select(BodyAsync));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(24, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Single(bodies.Select(b => b.GetProperty("id").GetString()).Distinct());
        var customer = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers/P8613500002222");
        Assert.Equal(1, customer.GetProperty("leadIds").GetArrayLength());
        var lead = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{bodies[0].GetProperty("id").GetString()}");
        Assert.Equal(24, lead.GetProperty("history").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "duplicate-submission"));
    }

    [Fact]
    public async Task CreateLead_RetriedWithIdempotencyKey_ReturnsTheOriginalAndStoresNothingNew()
    {
        var key = Guid.NewGuid().ToString();
        var first = await PostKeyedAsync(key, Lead("13400003333"));
        var retry = await PostKeyedAsync(key, Lead("13400003333"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues(IdempotencyKey.ReplayedHeader).Single());
        var a = await BodyAsync(first);
        var b = await BodyAsync(retry);
        Assert.Equal(a.GetProperty("id").GetString(), b.GetProperty("id").GetString());
        Assert.Equal("Replayed", b.GetProperty("intakeOutcome").GetString());
        Assert.Equal(1, b.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task CreateLead_KeyedDuplicateRetried_IsRecordedOnce()
    {
        await Admin.PostAsJsonAsync("/api/v1/leads", Lead("13300004444"));
        var key = Guid.NewGuid().ToString();

        await PostKeyedAsync(key, Lead("13300004444", note: "second form"));
        var retry = await PostKeyedAsync(key, Lead("13300004444", note: "second form"));

        var body = await BodyAsync(retry);
        Assert.Equal("Duplicate", body.GetProperty("intakeOutcome").GetString());
        Assert.Equal(1, body.GetProperty("history").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "duplicate-submission"));
    }

    [Fact]
    public async Task CreateLead_KeyReusedWithAnotherBody_Is409NamingTheHeaderAndChangesNothing()
    {
        var key = Guid.NewGuid().ToString();
        var first = await BodyAsync(await PostKeyedAsync(key, Lead("13200005555", name: "Mr. Gao")));

        var reused = await PostKeyedAsync(key, Lead("13200005555", name: "Someone else"));

        var problem = await Problems.AssertProblemAsync(reused, HttpStatusCode.Conflict);
        Assert.StartsWith("This Idempotency-Key was already used with another body", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(IdempotencyKey.Header, problem.GetProperty("field").GetString());
        var lead = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{first.GetProperty("id").GetString()}");
        Assert.Equal("Mr. Gao", lead.GetProperty("name").GetString());
        Assert.Equal(1, lead.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task CreateLead_BadIdempotencyKey_Is400NamingTheHeader()
    {
        var response = await PostKeyedAsync(new string('k', 300), Lead("13100007777"));

        await Problems.AssertFieldErrorsAsync(response, IdempotencyKey.Header);
    }

    [Fact]
    public async Task Channels_NewAlias_IsAcceptedAtOnceAndConflictsAreRefused()
    {
        var put = await Admin.PutAsJsonAsync("/api/v1/channels/xiaohongshu", new { aliases = new[] { "小红书", "xhs", "RED" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var lead = await Admin.PostAsJsonAsync("/api/v1/leads", Lead("13000008888", "小红书"));
        Assert.Equal("xiaohongshu", (await BodyAsync(lead)).GetProperty("channel").GetString());

        var conflict = await Admin.PutAsJsonAsync("/api/v1/channels/my_ads", new { aliases = new[] { "抖音广告" } });
        await Problems.AssertProblemAsync(conflict, HttpStatusCode.Conflict);
        var channels = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/channels");
        Assert.DoesNotContain(channels.GetProperty("channels").EnumerateArray(), c => c.GetProperty("channel").GetString() == "my_ads");
    }

    [Fact]
    public async Task Channels_EditByARep_Is403()
    {
        var rep = api.As(_tenant, "rep-1", CrmRoles.Rep);

        var response = await rep.PutAsJsonAsync("/api/v1/channels/xhs", new { aliases = Array.Empty<string>() });

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateCustomer_WithAPhone_IsThePhonesCustomerThatIntakeUses()
    {
        var created = await Admin.PostAsJsonAsync("/api/v1/customers", new { name = "Ruijin Hospital", phone = "021-6437-0045", company = "Ruijin" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = await BodyAsync(created);
        Assert.Equal("P862164370045", customer.GetProperty("id").GetString());

        var lead = await BodyAsync(await Admin.PostAsJsonAsync("/api/v1/leads", Lead("+86 21 6437 0045", name: "Ruijin purchasing")));

        Assert.Equal("P862164370045", lead.GetProperty("customerId").GetString());
        var again = await Admin.PostAsJsonAsync("/api/v1/customers", new { name = "Someone else", phone = "02164370045" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Ruijin Hospital", (await BodyAsync(again)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task CreateLead_Qualification_IsStoredAndBadValuesAreNamed()
    {
        var created = await Admin.PostAsJsonAsync("/api/v1/leads", new
        {
            name = "Dr. Liu", phone = "13911112222", channel = "website_form",
            industry = "hospital", institutionLevel = "class-3", region = "Shanghai", language = "zh", budget = 800000, quality = 85,
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lead = await Admin.GetFromJsonAsync<JsonElement>(created.Headers.Location!);
        Assert.Equal(("hospital", "class-3", "Shanghai"), (lead.GetProperty("industry").GetString(), lead.GetProperty("institutionLevel").GetString(), lead.GetProperty("region").GetString()));
        Assert.Equal(800000m, lead.GetProperty("budget").GetDecimal());
        Assert.Equal(85, lead.GetProperty("quality").GetInt32());

        var bad = await Admin.PostAsJsonAsync("/api/v1/leads", new { name = "x", phone = "13911113333", channel = "website_form", budget = -1, quality = 101 });
        await Problems.AssertFieldErrorsAsync(bad, "budget", "quality");
    }

    [Fact]
    public async Task CreateLead_IntakeSaturated_Is503WithRetryAfterAndRecovers()
    {
        await using var limited = api.CreateApi(new Dictionary<string, string> { ["Intake:MaxConcurrent"] = "1", ["Intake:QueueLimit"] = "0", ["Intake:RetryAfterSeconds"] = "3" });
        var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Minter.Mint(_tenant, "admin-1", CrmRoles.Admin, TimeSpan.FromHours(1)));
        var gate = limited.Services.GetRequiredService<IntakeGate>();

        // Another submission holds the only permit.
        using (var held = await gate.EnterAsync(CancellationToken.None))
        {
            Assert.True(held.IsAcquired);
            var refused = await client.PostAsJsonAsync("/api/v1/leads", Lead("13900009999"));

            await Problems.AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/customers/P8613900009999")).StatusCode);
        var accepted = await client.PostAsJsonAsync("/api/v1/leads", Lead("13900009999"));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    private async Task<HttpResponseMessage> PostKeyedAsync(string key, object lead)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads") { Content = JsonContent.Create(lead) };
        request.Headers.TryAddWithoutValidation(IdempotencyKey.Header, key);
        return await Admin.SendAsync(request);
    }
}

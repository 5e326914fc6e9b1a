using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// Bodies that cannot be read: every answer is problem details naming the field as the client spells it, never a .NET
/// type; an empty or null body names the body; a body over the limit is the same 413 whether it was sized or chunked.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<long?> _seen = [];

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    /// <summary>Malformed requests: method, path, body, content type, the status and the field the answer must name.</summary>
    public static TheoryData<string, string, string, string, int, string> Malformed => new()
    {
        { "POST", "/api/v1/leads", """{"name":123,"phone":"13900000001","channel":"website_form"}""", "application/json", 400, "name" },
        { "POST", "/api/v1/leads", """{"name":"A","phone":"13900000001","channel":"website_form","budget":"lots"}""", "application/json", 400, "budget" },
        { "POST", "/api/v1/leads", """{"name":"A","phone":"13900000001","channel":"website_form","quality":1.5}""", "application/json", 400, "quality" },
        { "POST", "/api/v1/leads", """{"name":"A","phone":"13900000001","channel":"website_form","budget":1e999}""", "application/json", 400, "budget" },
        { "POST", "/api/v1/leads", "[1,2,3]", "application/json", 400, "$" },
        { "POST", "/api/v1/leads", "\"just a string\"", "application/json", 400, "$" },
        { "POST", "/api/v1/leads", """{"name":"A",""", "application/json", 400, "$" },
        { "POST", "/api/v1/leads", """{"name":"A"}{"name":"B"}""", "application/json", 400, "$" },
        { "POST", "/api/v1/leads", """{"name":"A"}""", "text/plain", 415, "" },
        { "POST", "/api/v1/leads/L1-1/activities", """{"type":"call","at":"yesterday"}""", "application/json", 400, "at" },
        { "POST", "/api/v1/leads/L1-1/activities", """{"type":"call","fields":{"outcome":["a"]}}""", "application/json", 400, "fields.outcome" },
        { "POST", "/api/v1/leads/L1-1/signals", """{"kind":"site-visit","pages":"/pricing"}""", "application/json", 400, "pages" },
        { "POST", "/api/v1/customers/C1/orders", """{"number":"SO-1","product":"CT","amount":"ten"}""", "application/json", 400, "amount" },
        { "POST", "/api/v1/customers/C1/orders", """{"number":"SO-1","product":"CT","amount":10,"paymentDueAt":"next week"}""", "application/json", 400, "paymentDueAt" },
        { "PUT", "/api/v1/reps/rep-x", """{"displayName":"X","workingHours":"9-5"}""", "application/json", 400, "workingHours" },
        { "PUT", "/api/v1/reps/rep-x", """{"displayName":"X","wins":[{"industry":"finance","count":"many"}]}""", "application/json", 400, "wins[0].count" },
        { "PUT", "/api/v1/reps/rep-x", """{"displayName":"X","active":"yes"}""", "application/json", 400, "active" },
        { "POST", "/api/v1/tickets/T1/status", """{"status":["open"]}""", "application/json", 400, "status" },
        { "POST", "/api/v1/routing/rules/draft/test", """{"leads":"x"}""", "application/json", 400, "leads" },
        { "POST", "/api/v1/routing/rules/draft/test", """{"leadIds":[1,2]}""", "application/json", 400, "leadIds[0]" },
        { "PUT", "/api/v1/follow-up/policy", """{"escalation":"often"}""", "application/json", 400, "escalation" },
        { "PUT", "/api/v1/follow-up/policy", """{"escalations":[]}""", "application/json", 400, "escalations" },
        { "PUT", "/api/v1/follow-up/policy", """{"contactLogMinutes":"three"}""", "application/json", 400, "contactLogMinutes" },
        { "PUT", "/api/v1/routing/rules/draft", """{"rules":[{"id":"r1","name":"x","conditions":[],"action":{}}],"fallback":{"target":{"kind":"group","id":"sales"}}}""", "application/json", 400, "rules[0].action.target" },
        { "PUT", "/api/v1/routing/rules/draft", """{"rules":[],"fallback":{"target":{"kind":"everyone","id":"sales"}}}""", "application/json", 400, "fallback.target.kind" },
        { "GET", "/api/v1/audit?limit=abc", "", "", 400, "limit" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedRequest_AnyEndpoint_NamesTheFieldAndNoDotNetType(string method, string path, string body, string contentType, int status, string field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        var response = await Admin.SendAsync(request);

        var problem = await Problems.AssertProblemAsync(response, (HttpStatusCode)status);
        var text = problem.GetRawText();
        foreach (var code in new[] { "CrmActors.", "System.", "Microsoft.", "Orleans.", "Nullable", "Int32", "Decimal", "parameter \"" })
        {
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        }

        if (field.Length > 0)
        {
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"'{field}' is not named in {text}");
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }
    }

    [Fact]
    public async Task MalformedRequest_WrongTypes_SayWhatTheFieldMustBe()
    {
        var lead = await Admin.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), Json("""{"name":"A","phone":"13900000002","channel":"website_form","budget":"lots","quality":true}"""));
        var activity = await Admin.PostAsync(new Uri("/api/v1/leads/L1-1/activities", UriKind.Relative), Json("""{"type":"call","at":"yesterday"}"""));

        Assert.Equal("'budget' must be a number within range.", await FirstErrorAsync(lead, "budget"));
        Assert.Contains("date and time in ISO 8601 form", await FirstErrorAsync(activity, "at"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(new Uri("/api/v1/customers/P8613900000002", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task DraftTest_SampleLeadWithoutCreatedAt_IsRoutedAsOfNow()
    {
        await DraftAsync();

        var response = await Admin.PostAsJsonAsync("/api/v1/routing/rules/draft/test", new
        {
            leads = new object[] { new { id = "s1", channel = "website_form", industry = "finance" }, new { channel = "douyin_dm" } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decisions = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions");
        Assert.Equal(2, decisions.GetArrayLength());
        Assert.Equal("rep-wu", decisions[0].GetProperty("chosenRepId").GetString());
        Assert.Equal("leads[1]", decisions[1].GetProperty("leadId").GetString());
    }

    [Fact]
    public async Task DraftTest_BadSampleLeads_NameTheSampleAndTheField()
    {
        await DraftAsync();

        var badDate = await Admin.PostAsync(new Uri("/api/v1/routing/rules/draft/test", UriKind.Relative), Json("""{"leads":[{"channel":"website_form"},{"channel":"website_form","createdAt":"tomorrow morning"}]}"""));
        var noChannel = await Admin.PostAsync(new Uri("/api/v1/routing/rules/draft/test", UriKind.Relative), Json("""{"leads":[{"industry":"finance"}]}"""));
        var notAnObject = await Admin.PostAsync(new Uri("/api/v1/routing/rules/draft/test", UriKind.Relative), Json("""{"leads":[42]}"""));
        var badQuality = await Admin.PostAsync(new Uri("/api/v1/routing/rules/draft/test", UriKind.Relative), Json("""{"leads":[{"channel":"website_form","quality":"high"}]}"""));

        Assert.Contains("date and time", await FirstErrorAsync(badDate, "leads[1].createdAt"), StringComparison.Ordinal);
        Assert.Contains("required", await FirstErrorAsync(noChannel, "leads[0].channel"), StringComparison.Ordinal);
        Assert.Contains("object", await FirstErrorAsync(notAnObject, "leads[0]"), StringComparison.Ordinal);
        Assert.Contains("whole number", await FirstErrorAsync(badQuality, "leads[0].quality"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/v1/leads")]
    [InlineData("POST", "/api/v1/customers")]
    [InlineData("PUT", "/api/v1/reps/rep-empty")]
    [InlineData("POST", "/api/v1/leads/L1-1/touches")]
    [InlineData("POST", "/api/v1/routing/rules/draft/test")]
    [InlineData("PUT", "/api/v1/routing/rules/draft")]
    [InlineData("PUT", "/api/v1/follow-up/policy")]
    [InlineData("PUT", "/api/v1/channels/wechat_ads")]
    public async Task EmptyOrNullBody_AnyJsonEndpoint_Is400NamingTheBody(string method, string path)
    {
        foreach (var body in new HttpContent?[] { null, new StringContent(string.Empty, Encoding.UTF8, "application/json"), Json("null"), Json("  null \n") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body };

            var response = await Admin.SendAsync(request);

            var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("A JSON body is required.", problem.GetProperty("detail").GetString());
            Assert.Equal(["$"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.DoesNotContain("Implicit body", problem.GetRawText(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(new Uri("/api/v1/reps/rep-empty", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task BodyOverTheLimit_ChunkedOrSized_GetsTheSame413AndStoresNothing()
    {
        var huge = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { name = "Huge", phone = "13900007779", channel = "website_form", note = new string('x', 300_000) }));
        await using var server = api.CreateApi(new Dictionary<string, string>(), services => services.AddSingleton<IStartupFilter>(new BodyLengthSpy(_seen)));
        using var client = ChunkingClient(server);

        var chunked = await client.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), new ChunkedJson(huge));
        var sized = await client.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), new ByteArrayContent(huge) { Headers = { { "Content-Type", "application/json" } } });

        var fromChunked = await Problems.AssertProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
        var fromSized = await Problems.AssertProblemAsync(sized, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal([null, huge.Length], _seen);
        Assert.Equal(fromSized.GetProperty("title").GetString(), fromChunked.GetProperty("title").GetString());
        Assert.Contains("at most 262144", fromChunked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("at most 262144", fromSized.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/v1/customers/P8613900007779", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ChunkedBody_WithinTheLimit_IsAccepted()
    {
        var lead = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { name = "Chunked", phone = "13900007780", channel = "website_form", note = new string('x', 1_900) }));
        await using var server = api.CreateApi(new Dictionary<string, string>(), services => services.AddSingleton<IStartupFilter>(new BodyLengthSpy(_seen)));
        using var client = ChunkingClient(server);

        var response = await client.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), new ChunkedJson(lead));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal([null], _seen);
        Assert.Equal(1_900, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("note").GetString()!.Length);
    }

    // The factory's default client buffers bodies (to follow redirects) and so always sends a length; this one does not.
    private HttpClient ChunkingClient(WebApplicationFactory<CrmActors.WebApi.Errors.GrainReads> server)
    {
        var client = new HttpClient(server.Server.CreateHandler()) { BaseAddress = server.Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Minter.Mint(_tenant, "admin-1", CrmRoles.Admin, TimeSpan.FromHours(1)));
        return client;
    }

    private async Task DraftAsync()
    {
        (await Admin.PutAsJsonAsync("/api/v1/reps/rep-wu", new { displayName = "Wu", groups = new[] { "sales" }, industries = new[] { "finance" } })).EnsureSuccessStatusCode();
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "sales" } } })).EnsureSuccessStatusCode();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<string> FirstErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"'{field}' is not named in {problem.GetRawText()}");
        return messages[0].GetString()!;
    }

    /// <summary>Records the Content-Length each request reached the server with.</summary>
    private sealed class BodyLengthSpy(List<long?> seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, then) =>
            {
                if (HttpMethods.IsPost(http.Request.Method))
                {
                    seen.Add(http.Request.ContentLength);
                }

                await then(http);
            });
            next(app);
        };
    }

    /// <summary>A JSON body sent without a Content-Length (chunked).</summary>
    private sealed class ChunkedJson : HttpContent
    {
        private readonly byte[] _body;

        public ChunkedJson(byte[] body)
        {
            _body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var at = 0; at < _body.Length; at += 512)
            {
                await stream.WriteAsync(_body.AsMemory(at, Math.Min(512, _body.Length - at)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

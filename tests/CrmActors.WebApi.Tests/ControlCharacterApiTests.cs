using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// Control characters in any text field of any write endpoint: refused with a 400 naming the field, and nothing is
/// stored (read back). Multi-line fields keep tabs and line breaks; single-line fields refuse them too.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ControlCharacterApiTests(ApiFixture api)
{
    /// <summary>Never accepted: NUL and the C0 range, DEL, the C1 range.</summary>
    private static readonly string[] Controls = ["\u0000", "\u0001", "\u0007", "\u001B", "\u001F", "\u007F", "\u0080", "\u0085", "\u009F"];

    /// <summary>Refused in single-line fields only.</summary>
    private static readonly string[] LineBreaks = ["\t", "\r", "\n"];

    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    /// <summary>
    /// Endpoint, a valid body (ids filled in: {lead}, {customer}, {ticket}, {n} a number unique to each try), the field
    /// spoiled, whether it is multi-line, and where to read back that nothing was stored (a path and the member to compare).
    /// </summary>
    public static TheoryData<string, string, string, bool, string> Fields => new()
    {
        { "POST /api/v1/leads", """{"name":"Li","phone":"1370000{n}","channel":"website_form","note":"n","company":"c","productInterest":"p","industry":"i","region":"r","email":"a@b.com"}""", "name", false, "/api/v1/customers/P861370000{n} status" },
        { "POST /api/v1/leads", """{"name":"Li","phone":"1370000{n}","channel":"website_form"}""", "phone", false, "/api/v1/customers/P861370000{n} status" },
        { "POST /api/v1/leads", """{"name":"Li","phone":"1370000{n}","channel":"website_form"}""", "channel", false, "/api/v1/customers/P861370000{n} status" },
        { "POST /api/v1/leads", """{"name":"Li","phone":"1370000{n}","channel":"website_form","note":"n"}""", "note", true, "/api/v1/customers/P861370000{n} status" },
        { "POST /api/v1/leads", """{"name":"Li","phone":"1370000{n}","channel":"website_form","company":"c"}""", "company", false, "/api/v1/customers/P861370000{n} status" },
        { "POST /api/v1/leads", """{"name":"Li","phone":"1370000{n}","channel":"website_form","email":"a@b.com"}""", "email", false, "/api/v1/customers/P861370000{n} status" },
        { "POST /api/v1/leads", """{"name":"Li","phone":"1370000{n}","channel":"website_form","industry":"i"}""", "industry", false, "/api/v1/customers/P861370000{n} status" },
        { "PUT /api/v1/reps/rep-{n}", """{"displayName":"Wu","email":"wu@b.com"}""", "displayName", false, "/api/v1/reps/rep-{n} status" },
        { "PUT /api/v1/reps/rep-{n}", """{"displayName":"Wu","groups":["sales"]}""", "groups[0]", false, "/api/v1/reps/rep-{n} status" },
        { "PUT /api/v1/reps/rep-{n}", """{"displayName":"Wu","industries":["finance","retail"]}""", "industries[1]", false, "/api/v1/reps/rep-{n} status" },
        { "PUT /api/v1/reps/rep-{n}", """{"displayName":"Wu","workingHours":{"timeZone":"Asia/Shanghai","start":"09:00","end":"18:00"}}""", "workingHours.timeZone", false, "/api/v1/reps/rep-{n} status" },
        { "PUT /api/v1/reps/rep-{n}", """{"displayName":"Wu","wins":[{"industry":"finance","count":2}]}""", "wins[0].industry", false, "/api/v1/reps/rep-{n} status" },
        { "POST /api/v1/customers", """{"name":"Acme","phone":"1360000{n}","company":"Acme Ltd"}""", "name", false, "/api/v1/customers/P861360000{n} status" },
        { "POST /api/v1/customers", """{"name":"Acme","phone":"1360000{n}","company":"Acme Ltd"}""", "company", false, "/api/v1/customers/P861360000{n} status" },
        { "PUT /api/v1/customers/{customer}/contacts/c{n}", """{"name":"Dean","role":"buyer","attitude":"supports","phone":"13500001111"}""", "name", false, "/api/v1/customers/{customer}/360 decisionChain" },
        { "PUT /api/v1/customers/{customer}/contacts/c{n}", """{"name":"Dean","role":"buyer","attitude":"supports"}""", "role", false, "/api/v1/customers/{customer}/360 decisionChain" },
        { "PUT /api/v1/customers/{customer}/contacts/c{n}", """{"name":"Dean","role":"buyer","attitude":"supports","phone":"13500001111"}""", "phone", false, "/api/v1/customers/{customer}/360 decisionChain" },
        { "POST /api/v1/customers/{customer}/orders", """{"number":"SO-{n}","product":"CT-500","amount":10,"paymentDueAt":"2030-01-01T00:00:00Z"}""", "number", false, "/api/v1/customers/{customer}/360 orders" },
        { "POST /api/v1/customers/{customer}/orders", """{"number":"SO-{n}","product":"CT-500","amount":10,"paymentDueAt":"2030-01-01T00:00:00Z"}""", "product", false, "/api/v1/customers/{customer}/360 orders" },
        { "POST /api/v1/tickets", """{"customerId":"{customer}","title":"Probe","description":"d"}""", "title", false, "/api/v1/customers/{customer} ticketIds" },
        { "POST /api/v1/tickets", """{"customerId":"{customer}","title":"Probe","description":"d"}""", "description", true, "/api/v1/customers/{customer} ticketIds" },
        { "POST /api/v1/tickets/{ticket}/status", """{"status":"in-progress","note":"n"}""", "note", true, "/api/v1/tickets/{ticket} history" },
        { "POST /api/v1/tickets/{ticket}/affects-sales", """{"suggestedAction":"Call them"}""", "suggestedAction", true, "/api/v1/tickets/{ticket} history" },
        { "POST /api/v1/leads/{lead}/touches", """{"kind":"call","note":"n"}""", "note", true, "/api/v1/leads/{lead} history" },
        { "POST /api/v1/leads/{lead}/touches", """{"kind":"call","note":"n"}""", "kind", false, "/api/v1/leads/{lead} history" },
        { "POST /api/v1/leads/{lead}/outcome", """{"result":"lost","reason":"r"}""", "reason", true, "/api/v1/leads/{lead} history" },
        { "POST /api/v1/leads/{lead}/activities", """{"type":"call","fields":{"outcome":"ok"},"summary":"s","tags":["t"],"evidence":[{"kind":"recording","ref":"rec-1"}]}""", "fields.outcome", true, "/api/v1/leads/{lead} activities" },
        { "POST /api/v1/leads/{lead}/activities", """{"type":"call","fields":{"outcome":"ok"},"summary":"s"}""", "summary", true, "/api/v1/leads/{lead} activities" },
        { "POST /api/v1/leads/{lead}/activities", """{"type":"call","fields":{"outcome":"ok"},"tags":["a","b"]}""", "tags[1]", false, "/api/v1/leads/{lead} activities" },
        { "POST /api/v1/leads/{lead}/activities", """{"type":"call","fields":{"outcome":"ok"},"evidence":[{"kind":"recording","ref":"rec-1"}]}""", "evidence[0].ref", false, "/api/v1/leads/{lead} activities" },
        { "POST /api/v1/leads/{lead}/signals", """{"kind":"contact","channel":"call","summary":"s"}""", "summary", true, "/api/v1/leads/{lead} history" },
        { "POST /api/v1/leads/{lead}/signals", """{"kind":"site-visit","pages":["/pricing"]}""", "pages[0]", false, "/api/v1/leads/{lead} history" },
        { "PUT /api/v1/channels/chan_{n}", """{"aliases":["alias {n}"]}""", "aliases[0]", false, "/api/v1/channels channels" },
        { "PUT /api/v1/notification-channels/dingTalk", """{"format":"dingTalk","url":"https://example.com/hook","secret":"SEC1"}""", "secret", false, "/api/v1/notification-channels $" },
        { "PUT /api/v1/routing/rules/draft", """{"rules":[{"id":"r1","name":"Rule","conditions":[],"action":{"target":{"kind":"group","id":"sales"}}}],"fallback":{"target":{"kind":"group","id":"sales"}}}""", "rules[0].name", false, "/api/v1/routing/rules draft" },
        { "PUT /api/v1/follow-up/policy", """{"emptyPhrases":["ok","noted"]}""", "emptyPhrases[1]", false, "/api/v1/follow-up/policy version" },
        { "PUT /api/v1/follow-up/policy", """{"hints":[{"id":"trial","card":"Offer a trial","whenTag":"budget-frozen"}]}""", "hints[0].card", true, "/api/v1/follow-up/policy version" },
        { "POST /api/v1/routing/rules/draft/test", """{"leads":[{"channel":"website_form","note":"n"}]}""", "leads[0].channel", false, "/api/v1/routing/rules draft" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task TextField_ControlCharacter_Is400NamingTheFieldAndStoresNothing(string endpoint, string body, string field, bool multiLine, string readBack)
    {
        var ids = await EntitiesAsync();
        var refused = multiLine ? Controls : [.. Controls, .. LineBreaks];
        var n = 0;
        foreach (var bad in refused)
        {
            var fill = Filler(ids, ++n);
            var before = await ReadBackAsync(fill(readBack));

            var response = await SendAsync(fill(endpoint), Spoil(fill(body), field, bad));

            var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{endpoint} {field} U+{(int)bad[0]:X4}: '{field}' not named in {problem.GetRawText()}");
            Assert.Contains(bad is "\t" or "\r" or "\n" ? "single line" : $"U+{(int)bad[0]:X4}", messages[0].GetString(), StringComparison.Ordinal);
            Assert.Equal(before, await ReadBackAsync(fill(readBack)));
        }
    }

    [Fact]
    public async Task MultiLineField_TabsAndLineBreaks_AreStoredAsSent()
    {
        var ids = await EntitiesAsync();
        const string note = "Called twice.\r\nWants:\t1) a trial\n\t2) a quote";

        var ticket = await Admin.PostAsJsonAsync("/api/v1/tickets", new { customerId = ids.Customer, title = "Scanner fault", description = note });
        var lead = await Admin.PostAsJsonAsync("/api/v1/leads", new { name = "Ms. Qin", phone = "13800002468", channel = "website_form", note });

        Assert.Equal(HttpStatusCode.Created, ticket.StatusCode);
        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        var ticketId = (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(note, (await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}")).GetProperty("description").GetString());
        Assert.Equal(note, (await lead.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("note").GetString());
    }

    [Fact]
    public async Task MemberName_ControlCharacter_IsRefusedNamingItsObject()
    {
        var ids = await EntitiesAsync();

        var response = await SendAsync($"POST /api/v1/leads/{ids.Lead}/activities", """{"type":"call","fields":{"out\u0000come":"ok"}}""");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("fields", out _), problem.GetRawText());
        Assert.Empty((await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{ids.Lead}")).GetProperty("activities").EnumerateArray());
    }

    [Fact]
    public async Task Import_RowsWithControlCharacters_AreRejectedNamingTheField_AFileNameWithOneIsRefused()
    {
        var csv = "name,phone,channel,note\nMr. Bell\u0007,13700005551,website_form,\nMs. Tab,13700005552,website_form,\"first line\nsecond\tline\"\nMr. Esc,1370000\u001B5553,website_form,\n";
        using var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = file };
        upload.Headers.TryAddWithoutValidation("X-File-Name", "leads.csv");

        var started = await Admin.SendAsync(upload);
        var import = await WaitAsync(started);

        Assert.Equal((1, 2), (import.GetProperty("accepted").GetInt32(), import.GetProperty("rejected").GetInt32()));
        Assert.Equal([(2, "name"), (4, "phone")], import.GetProperty("rejections").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("field").GetString())));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(new Uri("/api/v1/customers/P8613700005551", UriKind.Relative))).StatusCode);
        var tab = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/customers/P8613700005552");
        Assert.Equal("first line\nsecond\tline", (await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{tab.GetProperty("leadIds")[0].GetString()}")).GetProperty("note").GetString());

        using var named = new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };
        using var badName = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = named };
        badName.Headers.TryAddWithoutValidation("X-File-Name", "%07leads%00.csv");
        await Problems.AssertFieldErrorsAsync(await Admin.SendAsync(badName), "X-File-Name");
    }

    private sealed record class Entities(string Lead, string Customer, string Ticket);

    private async Task<Entities> EntitiesAsync()
    {
        var lead = await (await Admin.PostAsJsonAsync("/api/v1/leads", new { name = "Dr. Xu", phone = "13900135790", channel = "website_form" })).Content.ReadFromJsonAsync<JsonElement>();
        var customer = lead.GetProperty("customerId").GetString()!;
        var ticket = await (await Admin.PostAsJsonAsync("/api/v1/tickets", new { customerId = customer, title = "Probe fault" })).Content.ReadFromJsonAsync<JsonElement>();
        return new(lead.GetProperty("id").GetString()!, customer, ticket.GetProperty("id").GetString()!);
    }

    private static Func<string, string> Filler(Entities ids, int n) => text => text
        .Replace("{lead}", ids.Lead, StringComparison.Ordinal)
        .Replace("{customer}", ids.Customer, StringComparison.Ordinal)
        .Replace("{ticket}", ids.Ticket, StringComparison.Ordinal)
        .Replace("{n}", n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The body with <paramref name="bad"/> put inside the value of <paramref name="field"/> (a path like <c>wins[0].industry</c>).</summary>
    private static string Spoil(string body, string field, string bad)
    {
        var root = JsonNode.Parse(body)!;
        JsonNode node = root;
        foreach (var part in field.Split('.'))
        {
            var name = part.Split('[')[0];
            node = node[name]!;
            foreach (var index in part.Split('[').Skip(1))
            {
                node = node[int.Parse(index.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture)]!;
            }
        }

        var value = node.GetValue<string>();
        node.ReplaceWith(JsonValue.Create(value.Length > 1 ? value[..1] + bad + value[1..] : value + bad));
        return root.ToJsonString();
    }

    private async Task<HttpResponseMessage> SendAsync(string endpoint, string body)
    {
        var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await Admin.SendAsync(request);
    }

    /// <summary>The status and the member named after the path (its whole text), or the status alone ("status").</summary>
    private async Task<string> ReadBackAsync(string readBack)
    {
        var (path, member) = (readBack.Split(' ')[0], readBack.Split(' ')[1]);
        using var response = await Admin.GetAsync(new Uri(path, UriKind.Relative));
        if (member == "status" || !response.IsSuccessStatusCode)
        {
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return member == "$" ? body.GetRawText() : body.GetProperty(member).GetRawText();
    }

    private async Task<JsonElement> WaitAsync(HttpResponseMessage started)
    {
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        for (var i = 0; i < 400; i++)
        {
            var import = await Admin.GetFromJsonAsync<JsonElement>(started.Headers.Location!);
            if (import.GetProperty("status").GetString() != "Running")
            {
                return import;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The import is still running after 20 s.");
    }
}

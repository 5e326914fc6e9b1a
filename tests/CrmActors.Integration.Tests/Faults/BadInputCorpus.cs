using System.Text;
using System.Text.Json;

namespace CrmActors.Integration.Tests.Faults;

/// <summary>One request of the corpus: what it tries, and how it is sent.</summary>
public sealed record class CorpusRequest(string Category, string Name, HttpMethod Method, string Path, string? Body, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Hostile and broken input for the API: malformed JSON, wrong types, huge and deeply nested bodies, invalid phones
/// and emails, unicode edge cases, SQL and script injection, and ids of another tenant. Built in code so every
/// request is reproducible; <see cref="InjectionNames"/> are also stored as lead names for the dashboard check.
/// </summary>
public static class BadInputCorpus
{
    /// <summary>Script and markup payloads that must stay text wherever they are shown.</summary>
    public static readonly IReadOnlyList<string> InjectionNames =
    [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=1\">",
        "<svg onload=window.__pwned=1>",
        "\"><script>window.__pwned=1</script>",
        "'><img src=x onerror=window.__pwned=1>",
        "<a href=\"javascript:window.__pwned=1\">click</a>",
        "<iframe src=\"javascript:window.__pwned=1\"></iframe>",
        "<body onload=window.__pwned=1>",
        "{{constructor.constructor('window.__pwned=1')()}}",
        "${window.__pwned=1}",
        "</td></tr><script>window.__pwned=1</script>",
        "<style>*{display:none}</style>",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "'; DROP TABLE crm_journal; --",
        "1' OR '1'='1",
        "Robert'); DELETE FROM crm_grain_state; --",
        "\u202Egnp.exe",
        "Zero\u200Bwidth\u200Djoiner",
        "王小明 👩‍⚕️ 𠀋",
    ];

    private static readonly string[] SqlIds = ["' OR 1=1--", "1;DROP TABLE crm_journal", "..%2F..%2Fetc%2Fpasswd", "%00", "<script>", "a b", "ä", "L1'--", new string('x', 300), "%E2%80%AE"];

    private static readonly string[] MalformedJson =
    [
        "{", "}", "{\"name\":", "{\"name\":\"x\",}", "{'name':'x'}", "{\"name\":NaN}", "{\"name\":\"x\" /* c */}", "[1,2,3]", "\"just a string\"",
        "null", "true", "123", "{\"name\":\"\\u12\"}", "{\"name\":\"x\"}{\"name\":\"y\"}", "\uFEFF{\"name\":\"x\"", "{\"a\":1e999999}", "{\"name\":\"\u0000\"", "{\"\":}",
    ];

    private static readonly string[] BadPhones =
    [
        "", " ", "123", "abc", "1380013800", "138001380001", "23800138000", "+86 123", "+1-555", "++8613800138000", "86-138-0013-800x",
        "１３８００１３８０００", "138\u00000138000", "13800138000; DROP TABLE x", "<script>", "+999999999999999999", "0", "-13800138000",
        "1380013800O", "+86 138 0013 80000", "+", "tel:13800138000", "13800138000\n13800138001", new string('1', 40), "١٣٨٠٠١٣٨٠٠٠",
    ];

    private static readonly string[] BadEmails =
    [
        "a@", "@b.com", "a b@c.com", "a@b", "a@@b.com", "a@b..com", "<a@b.com>", "a@b.com\r\nBcc: x@y.z", "\"a\"@", "a@-b.com", ".a@b.com",
        "a@b.com;c@d.com", new string('a', 300) + "@b.com", "a@" + new string('b', 300) + ".com", "user@[::1",
    ];

    /// <summary>The corpus for a tenant whose lead <paramref name="lead"/> and customer <paramref name="customer"/> exist, with another tenant's <paramref name="otherLead"/>, <paramref name="otherCustomer"/> and <paramref name="otherTicket"/>.</summary>
    public static IReadOnlyList<CorpusRequest> Build(string lead, string customer, string otherLead, string otherCustomer, string otherTicket)
    {
        var all = new List<CorpusRequest>();
        var writes = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/api/v1/leads"), (HttpMethod.Post, $"/api/v1/leads/{lead}/activities"), (HttpMethod.Post, $"/api/v1/leads/{lead}/touches"),
            (HttpMethod.Post, $"/api/v1/leads/{lead}/signals"), (HttpMethod.Post, $"/api/v1/leads/{lead}/outcome"), (HttpMethod.Post, "/api/v1/customers"),
            (HttpMethod.Post, "/api/v1/tickets"), (HttpMethod.Put, "/api/v1/follow-up/policy"), (HttpMethod.Put, "/api/v1/routing/rules/draft"),
            (HttpMethod.Put, "/api/v1/reps/rep-x"), (HttpMethod.Post, $"/api/v1/customers/{customer}/orders"), (HttpMethod.Post, $"/api/v1/leads/{lead}/discount-requests"),
        };

        foreach (var (method, path) in writes)
        {
            all.AddRange(MalformedJson.Select((body, i) => new CorpusRequest("malformed JSON", $"#{i}", method, path, body)));
            all.Add(new CorpusRequest("wrong content type", "text/plain", method, path, "{\"name\":\"x\"}", "text/plain"));
            all.Add(new CorpusRequest("wrong content type", "form", method, path, "name=x&phone=13800138000", "application/x-www-form-urlencoded"));
            all.Add(new CorpusRequest("huge body", "300 KB", method, path, Json(new { name = "x", note = new string('x', 300_000) })));
            all.Add(new CorpusRequest("huge body", "2 MB", method, path, Json(new { name = "x", note = new string('x', 2_000_000) })));
            all.Add(new CorpusRequest("deep nesting", "depth 200", method, path, "{\"name\":" + new string('[', 200) + new string(']', 200) + "}"));
            all.Add(new CorpusRequest("deep nesting", "depth 40 objects", method, path, string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40)));
        }

        // Wrong types for every field of a lead.
        var fields = new[] { "name", "phone", "channel", "productInterest", "note", "email", "company", "industry", "region", "budget" };
        object?[] wrong = [123, true, new[] { 1 }, new { x = 1 }, 1.5e300];
        foreach (var field in fields)
        {
            foreach (var value in wrong)
            {
                var body = ValidLead(Phone(all.Count));
                body[field] = value;
                all.Add(new CorpusRequest("wrong type", $"{field}={Json(value)}", HttpMethod.Post, "/api/v1/leads", Json(body)));
            }
        }

        // Missing required fields, over-long fields.
        foreach (var field in new[] { "name", "phone", "channel" })
        {
            var body = ValidLead(Phone(all.Count));
            body.Remove(field);
            all.Add(new CorpusRequest("missing field", field, HttpMethod.Post, "/api/v1/leads", Json(body)));
            body = ValidLead(Phone(all.Count));
            body[field] = new string('长', 5000);
            all.Add(new CorpusRequest("over-long field", field, HttpMethod.Post, "/api/v1/leads", Json(body)));
        }

        foreach (var phone in BadPhones)
        {
            all.Add(new CorpusRequest("invalid phone", phone, HttpMethod.Post, "/api/v1/leads", Json(ValidLead(phone))));
            all.Add(new CorpusRequest("invalid phone", phone, HttpMethod.Post, "/api/v1/customers", Json(new { name = "Customer", phone })));
            all.Add(new CorpusRequest("invalid phone", phone, HttpMethod.Put, $"/api/v1/customers/{customer}/contacts/c1", Json(new { name = "Contact", role = "buyer", attitude = "supports", phone })));
        }

        foreach (var email in BadEmails)
        {
            var body = ValidLead(Phone(all.Count));
            body["email"] = email;
            all.Add(new CorpusRequest("invalid email", email, HttpMethod.Post, "/api/v1/leads", Json(body)));
            all.Add(new CorpusRequest("invalid email", email, HttpMethod.Post, "/api/v1/customers", Json(new { name = "Customer", email })));
            all.Add(new CorpusRequest("invalid email", email, HttpMethod.Put, "/api/v1/reps/rep-email", Json(new { displayName = "Rep", email })));
        }

        // Unicode edge cases: lone surrogates, control characters, non-characters, bidi overrides in ids and enums.
        string[] unicode = ["\\ud800", "\\udfff", "\\ud83d", "\\u0000", "\\u001b[31m", "\\uffff", "\\ufffe", "\\u202e", "\\u2028", "\\u0085"];
        foreach (var escaped in unicode)
        {
            all.Add(new CorpusRequest("unicode", $"name {escaped}", HttpMethod.Post, "/api/v1/leads", $"{{\"name\":\"a{escaped}b\",\"phone\":\"{Phone(all.Count)}\",\"channel\":\"website_form\"}}"));
            all.Add(new CorpusRequest("unicode", $"channel {escaped}", HttpMethod.Post, "/api/v1/leads", $"{{\"name\":\"a\",\"phone\":\"{Phone(all.Count)}\",\"channel\":\"web{escaped}site_form\"}}"));
            all.Add(new CorpusRequest("unicode", $"kind {escaped}", HttpMethod.Post, $"/api/v1/leads/{lead}/touches", $"{{\"kind\":\"call{escaped}\"}}"));
        }

        all.Add(new CorpusRequest("unicode", "invalid UTF-8 bytes", HttpMethod.Post, "/api/v1/leads", "{\"name\":\"\u00c3\u0028\",\"phone\":\"13800138000\",\"channel\":\"website_form\"}", "application/json; charset=utf-16"));

        // SQL, path and script injection as ids in paths and bodies.
        foreach (var id in SqlIds)
        {
            var escaped = Uri.EscapeDataString(id);
            foreach (var template in new[] { "/api/v1/leads/{0}", "/api/v1/leads/{0}/routing", "/api/v1/customers/{0}/360", "/api/v1/reps/{0}/inbox", "/api/v1/tickets/{0}", "/api/v1/approvals/{0}" })
            {
                all.Add(new CorpusRequest("injection in id", $"{template} {id}", HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, escaped), null));
            }

            all.Add(new CorpusRequest("injection in body id", $"assignment {id}", HttpMethod.Post, $"/api/v1/leads/{lead}/assignment", Json(new { repId = id })));
            all.Add(new CorpusRequest("injection in body id", $"ticket {id}", HttpMethod.Post, "/api/v1/tickets", Json(new { customerId = id, title = "x" })));
            all.Add(new CorpusRequest("injection in body id", $"merge {id}", HttpMethod.Post, $"/api/v1/customers/{customer}/merge", Json(new { duplicateCustomerId = id })));
            all.Add(new CorpusRequest("injection in query", $"stats rep {id}", HttpMethod.Get, $"/api/v1/stats/metrics/{escaped}/leads", null));
        }

        // Another tenant's ids.
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"/api/v1/leads/{otherLead}", null),
            (HttpMethod.Get, $"/api/v1/leads/{otherLead}/routing", null),
            (HttpMethod.Get, $"/api/v1/leads/{otherLead}/next-actions", null),
            (HttpMethod.Post, $"/api/v1/leads/{otherLead}/touches", new { kind = "call" }),
            (HttpMethod.Post, $"/api/v1/leads/{otherLead}/outcome", new { result = "lost", reason = "x" }),
            (HttpMethod.Post, $"/api/v1/leads/{otherLead}/assignment", new { repId = "rep-x" }),
            (HttpMethod.Post, $"/api/v1/leads/{otherLead}/signals", new { kind = "contact", channel = "call" }),
            (HttpMethod.Get, $"/api/v1/customers/{otherCustomer}", null),
            (HttpMethod.Get, $"/api/v1/customers/{otherCustomer}/360", null),
            (HttpMethod.Post, $"/api/v1/customers/{otherCustomer}/orders", new { number = "SO-1", product = "x", amount = 10, paymentDueAt = DateTimeOffset.UtcNow.AddDays(5) }),
            (HttpMethod.Post, "/api/v1/tickets", new { customerId = otherCustomer, title = "x" }),
            (HttpMethod.Post, $"/api/v1/customers/{customer}/merge", new { duplicateCustomerId = otherCustomer }),
            (HttpMethod.Get, $"/api/v1/tickets/{otherTicket}", null),
            (HttpMethod.Post, $"/api/v1/tickets/{otherTicket}/status", new { status = "closed" }),
            (HttpMethod.Post, "/api/v1/routing/rules/draft/test", new { leadIds = new[] { otherLead } }),
        })
        {
            all.Add(new CorpusRequest("another tenant's id", path, method, path, body is null ? null : Json(body)));
        }

        // Bad query strings and headers.
        foreach (var query in new[] { "page=0", "page=-1", "pageSize=0", "pageSize=100000", "page=abc", "pageSize=1e9", "format=xml", "page=99999999999" })
        {
            all.Add(new CorpusRequest("bad query", query, HttpMethod.Get, $"/api/v1/stats/metrics/unassigned/leads?{query}", null));
        }

        foreach (var query in new[] { "limit=0", "limit=-5", "limit=abc", "limit=1000000" })
        {
            all.Add(new CorpusRequest("bad query", query, HttpMethod.Get, $"/api/v1/audit?{query}", null));
        }

        foreach (var key in new[] { new string('k', 300), "key with spaces", "k\u0007bell", string.Empty.PadLeft(1, ' ') })
        {
            all.Add(new CorpusRequest("bad header", $"Idempotency-Key {key.Length} chars", HttpMethod.Post, "/api/v1/leads", Json(ValidLead(Phone(all.Count))),
                Headers: new Dictionary<string, string> { ["Idempotency-Key"] = key }));
        }

        // Array and object bombs inside otherwise valid requests.
        all.Add(new CorpusRequest("huge array", "pages x 10000", HttpMethod.Post, $"/api/v1/leads/{lead}/signals", Json(new { kind = "site-visit", pages = Enumerable.Repeat("/p", 10_000) })));
        all.Add(new CorpusRequest("huge array", "tags x 5000", HttpMethod.Post, $"/api/v1/leads/{lead}/activities", Json(new { type = "call", fields = new { outcome = "x" }, tags = Enumerable.Repeat("t", 5000) })));
        all.Add(new CorpusRequest("huge object", "fields x 3000", HttpMethod.Post, $"/api/v1/leads/{lead}/activities", Json(new { type = "call", fields = Enumerable.Range(0, 3000).ToDictionary(i => $"f{i}", _ => "v") })));
        all.Add(new CorpusRequest("huge array", "leadIds x 5000", HttpMethod.Post, "/api/v1/routing/rules/draft/test", Json(new { leadIds = Enumerable.Range(0, 5000).Select(i => $"L{i}") })));
        all.Add(new CorpusRequest("huge array", "rules x 2000", HttpMethod.Put, "/api/v1/routing/rules/draft", Json(new { rules = Enumerable.Range(0, 2000).Select(i => new { id = $"r{i}" }), fallback = new { target = new { kind = "group", id = "sales" } } })));
        return all;
    }

    /// <summary>A valid lead body with the given phone.</summary>
    public static Dictionary<string, object?> ValidLead(string phone) => new()
    {
        ["name"] = "Corpus lead",
        ["phone"] = phone,
        ["channel"] = "website_form",
    };

    /// <summary>A distinct valid mobile number per request.</summary>
    public static string Phone(int n) => $"1370{n:D7}";

    private static string Json(object? value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    /// <summary>The corpus as raw bytes for a request, honouring the content type.</summary>
    public static HttpContent? Content(CorpusRequest request) =>
        request.Body is null ? null : new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body)) { Headers = { { "Content-Type", request.ContentType } } };
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>Conversations posted on a lead, drafted into an activity, read back and confirmed with an edit, through the HTTP API.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConversationsApiTests(ApiFixture api)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private const string Chat = """
        李娜: 张主任您好，我是迈康医疗的李娜
        张主任: 我是超声科主任张伟，科室需要一台高端彩超
        张主任: 预算大概80万，迈瑞那边也来报过价
        张主任: 你们的价格有点贵
        李娜: 理解，下周三带机器过来给您现场演示可以吗？
        张主任: 可以
        """;

    private readonly string _tenant = "v" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Manager => api.As(_tenant, "mgr-1", CrmRoles.Manager);

    private HttpClient Rep(string id) => api.As(_tenant, id, CrmRoles.Rep);

    [Fact]
    public async Task PostConversation_ChineseChat_Is201WithTheDraftAndTheTextEachFieldCameFrom()
    {
        var id = await AssignedLeadAsync();
        var at = DateTimeOffset.UtcNow.AddHours(-1);

        var response = await Rep("rep-a").PostAsJsonAsync($"/api/v1/leads/{id}/conversations", new { text = Chat, repSpeakers = new[] { "李娜" }, at });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var draft = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/leads/{id}/conversations/{draft.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", draft.GetProperty("status").GetString());
        Assert.Equal("wechat-chat", draft.GetProperty("activityType").GetString());
        Assert.Equal("张伟", draft.GetProperty("contactName").GetProperty("value").GetString());
        Assert.Equal("超声科主任", draft.GetProperty("contactRole").GetProperty("value").GetString());
        Assert.Equal(800_000m, draft.GetProperty("budget").GetProperty("max").GetDecimal());
        Assert.Equal(NextWeeks(at, DayOfWeek.Wednesday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), draft.GetProperty("dates")[0].GetProperty("date").GetString());
        Assert.Equal("Mindray", draft.GetProperty("competitors")[0].GetProperty("value").GetString());
        Assert.Equal("price", draft.GetProperty("objections")[0].GetProperty("value").GetString());
        Assert.Equal("demo", draft.GetProperty("nextStep").GetProperty("value").GetString());
        var evidence = draft.GetProperty("budget").GetProperty("evidence");
        Assert.Equal("预算大概80万", evidence.GetProperty("text").GetString());
        Assert.Equal("预算大概80万", Chat.Substring(evidence.GetProperty("start").GetInt32(), evidence.GetProperty("length").GetInt32()));
        Assert.Equal("张主任", evidence.GetProperty("speaker").GetString());
    }

    [Fact]
    public async Task Confirm_WithAnEditedOutcome_LogsTheActivityMovesTheFunnelArmsThePromisedFollowUpAndKnowsTheBudget()
    {
        var id = await AssignedLeadAsync();
        var posted = await (await Rep("rep-a").PostAsJsonAsync($"/api/v1/leads/{id}/conversations", new { text = Chat, repSpeakers = new[] { "李娜" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var draftId = posted.GetProperty("id").GetString()!;
        var read = await Rep("rep-a").GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/conversations/{draftId}");
        Assert.Equal(posted.GetProperty("summary").GetString(), read.GetProperty("summary").GetString());
        var suggested = read.GetProperty("suggestedNextFollowUpAt").GetDateTimeOffset();

        var response = await Rep("rep-a").PostAsJsonAsync($"/api/v1/leads/{id}/conversations/{draftId}/confirm", new
        {
            fields = new { outcome = "张主任要看现场演示，预算80万，嫌价格贵；下周三带机器去科室" },
        });

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmed", body.GetProperty("draft").GetProperty("status").GetString());
        var lead = body.GetProperty("lead");
        Assert.Equal("contacted", lead.GetProperty("funnel").GetString());
        Assert.NotEqual(JsonValueKind.Null, lead.GetProperty("firstTouchAt").ValueKind);
        var activity = Assert.Single(lead.GetProperty("activities").EnumerateArray());
        Assert.Equal(body.GetProperty("activityId").GetString(), activity.GetProperty("id").GetString());
        Assert.Equal("wechat-chat", activity.GetProperty("type").GetString());
        Assert.Equal("张主任要看现场演示，预算80万，嫌价格贵；下周三带机器去科室", activity.GetProperty("fields").GetProperty("outcome").GetString());
        Assert.Contains("objection:price", activity.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("800000", activity.GetProperty("fields").GetProperty("budget").GetString());
        Assert.Equal(suggested, activity.GetProperty("nextFollowUpAt").GetDateTimeOffset());
        var followUp = Assert.Single(lead.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("kind").GetString() == "follow-up");
        Assert.Equal(suggested, followUp.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(9), TimeZoneInfo.ConvertTime(suggested, Shanghai).TimeOfDay);

        var opportunity = await Rep("rep-a").GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/opportunity");
        Assert.True(Assert.Single(opportunity.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "budget").GetProperty("passed").GetBoolean());
        var onTheLead = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");
        Assert.Single(onTheLead.GetProperty("activities").EnumerateArray());
        var again = await Rep("rep-a").PostAsJsonAsync($"/api/v1/leads/{id}/conversations/{draftId}/confirm", new { });
        var conflict = await Problems.AssertProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("draftId", conflict.ToString(), StringComparison.Ordinal);
        var after = await Rep("rep-a").GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/conversations/{draftId}");
        Assert.Equal(activity.GetProperty("id").GetString(), after.GetProperty("activityId").GetString());
    }

    [Fact]
    public async Task Confirm_CallTranscript_SettlesTheThreeMinuteRule()
    {
        var id = await AssignedLeadAsync();
        (await Rep("rep-a").PostAsJsonAsync($"/api/v1/leads/{id}/signals", new { kind = "contact", channel = "call", durationSeconds = 240 })).EnsureSuccessStatusCode();
        var before = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");
        Assert.Contains("contact-log", before.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("kind").GetString()));
        const string call = """
            Call recording transcript
            Agent (00:00:03): Thanks for taking the call, this is Kevin
            Customer (00:00:09): Sure. I'm Priya Nair, VP of sales
            Customer (00:01:02): We have roughly $80k for a CRM this year
            Agent (00:02:30): Understood, I'll send over a formal proposal
            """;
        var draft = await (await Rep("rep-a").PostAsJsonAsync($"/api/v1/leads/{id}/conversations", new { text = call, repSpeakers = new[] { "Agent" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("call", draft.GetProperty("activityType").GetString());
        Assert.Equal("USD", draft.GetProperty("budget").GetProperty("currency").GetString());

        var response = await Rep("rep-a").PostAsJsonAsync($"/api/v1/leads/{id}/conversations/{draft.GetProperty("id").GetString()}/confirm", new { });

        response.EnsureSuccessStatusCode();
        var lead = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lead");
        Assert.DoesNotContain("contact-log", lead.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("kind").GetString()));
        Assert.Equal("call", Assert.Single(lead.GetProperty("activities").EnumerateArray()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task PostConversation_BadInput_Is400NamingTheFieldAndStoresNothing()
    {
        var id = await AssignedLeadAsync();
        var url = $"/api/v1/leads/{id}/conversations";

        await Problems.AssertFieldErrorsAsync(await Rep("rep-a").PostAsJsonAsync(url, new { text = "  " }), "text");
        await Problems.AssertFieldErrorsAsync(await Rep("rep-a").PostAsJsonAsync(url, new { text = new string('a', 20_001) }), "text");
        await Problems.AssertFieldErrorsAsync(await Rep("rep-a").PostAsJsonAsync(url, new { text = "just notes\nwithout any speaker" }), "text");
        await Problems.AssertFieldErrorsAsync(await Rep("rep-a").PostAsJsonAsync(url, new { text = Chat, channel = "fax" }), "channel");
        await Problems.AssertFieldErrorsAsync(await Rep("rep-a").PostAsJsonAsync(url, new { text = Chat, repSpeakers = new[] { "" } }), "repSpeakers[0]");

        var first = await (await Rep("rep-a").PostAsJsonAsync(url, new { text = Chat })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("C1", first.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Confirm_UnknownDraftOrMissingFields_IsAProblemAndTheDraftStaysPending()
    {
        var id = await AssignedLeadAsync();
        var draftId = (await (await Rep("rep-a").PostAsJsonAsync($"/api/v1/leads/{id}/conversations", new { text = Chat, repSpeakers = new[] { "李娜" } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        await Problems.AssertProblemAsync(await Rep("rep-a").GetAsync($"/api/v1/leads/{id}/conversations/C404"), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await Rep("rep-a").PostAsJsonAsync($"/api/v1/leads/{id}/conversations/C404/confirm", new { }), HttpStatusCode.NotFound);
        var edited = await Rep("rep-a").PostAsJsonAsync($"/api/v1/leads/{id}/conversations/{draftId}/confirm", new { type = "objection-handling" });

        await Problems.AssertFieldErrorsAsync(edited, "fields.ourResponse", "fields.toVerify");
        var draft = await Rep("rep-a").GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/conversations/{draftId}");
        Assert.Equal("pending", draft.GetProperty("status").GetString());
        Assert.Empty((await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}")).GetProperty("activities").EnumerateArray());
    }

    [Fact]
    public async Task PostConversation_AnotherRepsLead_Is403()
    {
        var id = await AssignedLeadAsync();

        var response = await Rep("rep-b").PostAsJsonAsync($"/api/v1/leads/{id}/conversations", new { text = Chat });

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    private async Task<string> AssignedLeadAsync()
    {
        (await Manager.PutAsJsonAsync("/api/v1/reps/sup-wang", new { displayName = "Wang" })).EnsureSuccessStatusCode();
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "A", supervisorId = "sup-wang" })).EnsureSuccessStatusCode();
        var created = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "张主任", phone = "13900002222", channel = "website_form" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await Manager.PostAsJsonAsync($"/api/v1/leads/{id}/assignment", new { repId = "rep-a" })).EnsureSuccessStatusCode();
        return id;
    }

    private static DateOnly NextWeeks(DateTimeOffset at, DayOfWeek day)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Shanghai).DateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return monday.AddDays(7 + (((int)day + 6) % 7));
    }
}

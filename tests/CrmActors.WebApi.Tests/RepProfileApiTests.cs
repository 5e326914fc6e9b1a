using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>Rep profiles carry what routing needs: groups, expertise, working hours and leave.</summary>
[Collection(ApiCollection.Name)]
public sealed class RepProfileApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Manager => api.As(_tenant, "mgr-1", CrmRoles.Manager);

    [Fact]
    public async Task PutRep_RoutingProfile_IsStoredAndReadBack()
    {
        var response = await Manager.PutAsJsonAsync("/api/v1/reps/rep-li", new
        {
            displayName = "Li Na",
            capacity = 30,
            groups = new[] { "east-medical", "key-accounts" },
            industries = new[] { "hospital", "clinic" },
            institutionLevels = new[] { "class-3" },
            products = new[] { "ultrasound" },
            regions = new[] { "Shanghai", "Jiangsu" },
            languages = new[] { "zh", "en" },
            dealSizeMin = 200_000,
            dealSizeMax = 2_000_000,
            workingHours = new { timeZone = "Asia/Shanghai", start = "09:00", end = "18:30", days = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" } },
            onLeaveUntil = "2026-12-01T00:00:00+08:00",
        });

        response.EnsureSuccessStatusCode();
        var rep = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/reps/rep-li");
        Assert.Equal(new[] { "east-medical", "key-accounts" }, rep.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).ToArray());
        Assert.Equal("class-3", rep.GetProperty("institutionLevels")[0].GetString());
        Assert.Equal(2_000_000m, rep.GetProperty("dealSizeMax").GetDecimal());
        var hours = rep.GetProperty("workingHours");
        Assert.Equal("Asia/Shanghai", hours.GetProperty("timeZone").GetString());
        Assert.Equal("18:30", hours.GetProperty("end").GetString());
        Assert.Equal(6, hours.GetProperty("days").GetArrayLength());
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), rep.GetProperty("onLeaveUntil").GetDateTimeOffset());
    }

    [Fact]
    public async Task PutRep_BadRoutingFields_Is400NamingEachAndStoresNothing()
    {
        var response = await Manager.PutAsJsonAsync("/api/v1/reps/rep-bad", new
        {
            displayName = "Bad",
            groups = new[] { "east medical" },
            dealSizeMin = 5_000_000,
            dealSizeMax = 1_000,
            workingHours = new { timeZone = "Mars/Olympus", start = "9am", end = "18:00", days = new[] { "Funday" } },
        });

        await Problems.AssertFieldErrorsAsync(response, "groups", "dealSizeMin", "workingHours.timeZone", "workingHours.start", "workingHours.days");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Manager.GetAsync("/api/v1/reps/rep-bad")).StatusCode);
    }

    [Fact]
    public async Task PutRep_WithoutWorkingHours_IsAnsweredAndReadBackWithoutHours_AndRoutingKeepsThemOnShift()
    {
        var leave = DateTimeOffset.Parse("2020-01-06T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);
        var withLeave = await Manager.PutAsJsonAsync("/api/v1/reps/rep-zhao", new { displayName = "Zhao", groups = new[] { "night" }, onLeaveUntil = leave });
        var plain = await Manager.PutAsJsonAsync("/api/v1/reps/rep-qian", new { displayName = "Qian", groups = new[] { "night" } });

        foreach (var (answer, id) in new[] { (withLeave, "rep-zhao"), (plain, "rep-qian") })
        {
            answer.EnsureSuccessStatusCode();
            Assert.Equal(JsonValueKind.Null, (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workingHours").ValueKind);
            Assert.Equal(JsonValueKind.Null, (await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/reps/{id}")).GetProperty("workingHours").ValueKind);
        }

        Assert.Equal(leave, (await Manager.GetFromJsonAsync<JsonElement>("/api/v1/reps/rep-zhao")).GetProperty("onLeaveUntil").GetDateTimeOffset());

        // Whenever this runs, neither is off shift: no working hours means always on shift.
        var admin = api.As(_tenant, "admin-1", CrmRoles.Admin);
        (await admin.PutAsJsonAsync("/api/v1/routing/rules/draft", new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "night" } } })).EnsureSuccessStatusCode();
        var test = await Manager.PostAsJsonAsync("/api/v1/routing/rules/draft/test", new { leads = new[] { new { channel = "website_form" } } });
        var decision = (await test.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions")[0];
        Assert.Contains(decision.GetProperty("chosenRepId").GetString(), new[] { "rep-zhao", "rep-qian" });
        Assert.Equal(["rep-qian", "rep-zhao"], decision.GetProperty("candidates").EnumerateArray().Where(c => c.GetProperty("exclusion").GetString() == "none").Select(c => c.GetProperty("repId").GetString()).Order());
    }

    [Fact]
    public async Task PutRep_WorkingHoursWithNoDays_Is400NamingDays()
    {
        var response = await Manager.PutAsJsonAsync("/api/v1/reps/rep-nodays", new { displayName = "No days", workingHours = new { timeZone = "Asia/Shanghai", start = "09:00", end = "18:00", days = Array.Empty<string>() } });

        await Problems.AssertFieldErrorsAsync(response, "workingHours.days");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Manager.GetAsync(new Uri("/api/v1/reps/rep-nodays", UriKind.Relative))).StatusCode);
    }
}

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
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>Fuzzy duplicate candidates and merging customers without losing history.</summary>
[Collection(ApiCollection.Name)]
public sealed class CustomerMergeApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    private async Task<JsonElement> CaptureAsync(string name, string phone, string? company = null, string? note = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/leads", new { name, phone, channel = "website_form", company, note });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Duplicates_SimilarNameOrCompanyWithAnotherPhone_AreOffered()
    {
        await CaptureAsync("Dr. Liu Wei", "13800000001", "Ruijin Hospital Co., Ltd.");
        await CaptureAsync("Liu Wei", "13800000002");
        await CaptureAsync("Zhou Min", "13800000003", "Ruijin Hospital");
        await CaptureAsync("Zhang San", "13800000004", "Other Corp");

        // The index is filed off intake's path, so it may trail the acknowledgement briefly.
        var candidates = await EventuallyAsync(async () =>
        {
            var found = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/customers/P8613800000001/duplicates");
            return found.GetArrayLength() == 2 ? found : (JsonElement?)null;
        });

        var ids = candidates.EnumerateArray().Select(c => c.GetProperty("customerId").GetString()).Order().ToArray();
        Assert.Equal(new[] { "P8613800000002", "P8613800000003" }, ids);
        Assert.Contains(candidates.EnumerateArray(), c => c.GetProperty("reason").GetString()!.Contains("company", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Merge_Duplicate_MovesLeadsPhonesAndHistoryAndForwardsIntake()
    {
        var keep = await CaptureAsync("Li Na", "13900000001", note: "first contact");
        var dup = await CaptureAsync("Li Na (WeChat)", "13900000002", note: "second phone");

        var response = await Admin.PostAsJsonAsync("/api/v1/customers/P8613900000001/merge", new { duplicateCustomerId = "P8613900000002" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var merged = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            new[] { keep.GetProperty("id").GetString(), dup.GetProperty("id").GetString() },
            merged.GetProperty("leadIds").EnumerateArray().Select(l => l.GetString()).ToArray());
        Assert.Equal(new[] { "+8613900000001", "+8613900000002" }, merged.GetProperty("phones").EnumerateArray().Select(p => p.GetString()).ToArray());
        Assert.Equal("P8613900000002", merged.GetProperty("mergedFrom")[0].GetString());
        var history = merged.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToArray();
        Assert.Equal(2, history.Count(t => t == "created"));
        Assert.Contains("merged", history);

        var gone = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/customers/P8613900000002");
        Assert.Equal("P8613900000001", gone.GetProperty("mergedInto").GetString());
        var movedLead = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{dup.GetProperty("id").GetString()}");
        Assert.Equal("P8613900000001", movedLead.GetProperty("customerId").GetString());
        Assert.Equal("second phone", movedLead.GetProperty("note").GetString());

        // A later submission with the merged-away phone lands on the surviving customer.
        var again = await CaptureAsync("Li Na", "13900000002");
        Assert.Equal("Duplicate", again.GetProperty("intakeOutcome").GetString());
        Assert.Equal("P8613900000001", again.GetProperty("customerId").GetString());

        var repeated = await Admin.PostAsJsonAsync("/api/v1/customers/P8613900000001/merge", new { duplicateCustomerId = "P8613900000002" });
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(2, (await repeated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadIds").GetArrayLength());
    }

    [Fact]
    public async Task Merge_BadRequests_AreProblemsAndChangeNothing()
    {
        await CaptureAsync("Wang Fang", "13700000001");

        await Problems.AssertFieldErrorsAsync(await Admin.PostAsJsonAsync("/api/v1/customers/P8613700000001/merge", new { }), "duplicateCustomerId");
        await Problems.AssertFieldErrorsAsync(await Admin.PostAsJsonAsync("/api/v1/customers/P8613700000001/merge", new { duplicateCustomerId = "P8613700000001" }), "duplicateCustomerId");
        await Problems.AssertProblemAsync(await Admin.PostAsJsonAsync("/api/v1/customers/P8613700000001/merge", new { duplicateCustomerId = "P404" }), HttpStatusCode.NotFound);
        var rep = api.As(_tenant, "rep-1", CrmRoles.Rep);
        await Problems.AssertProblemAsync(await rep.PostAsJsonAsync("/api/v1/customers/P8613700000001/merge", new { duplicateCustomerId = "P404" }), HttpStatusCode.Forbidden);

        var customer = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/customers/P8613700000001");
        Assert.Equal(0, customer.GetProperty("mergedFrom").GetArrayLength());
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> probe)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The condition did not hold within 5 s.");
    }
}

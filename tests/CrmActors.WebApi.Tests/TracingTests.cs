using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>A request is one trace: the web API's HTTP span, its grain calls as the client sees them, and the grains' side in the silo.</summary>
[Collection(ApiCollection.Name)]
public sealed class TracingTests(ApiFixture api)
{
    [Fact]
    public async Task CapturingALead_IsOneTraceFromTheHttpRequestThroughTheGrainCalls()
    {
        var seen = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "Microsoft.Orleans.Application" or "Microsoft.Orleans.Runtime",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = seen.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var tenant = "t" + Guid.NewGuid().ToString("N")[..10];

        var response = await api.As(tenant, "admin-1", CrmRoles.Admin).PostAsJsonAsync("/api/v1/leads", new { name = "Traced", phone = "13700003333", channel = "website_form" });
        response.EnsureSuccessStatusCode();

        var request = Assert.Single(seen, a => a.Source.Name == "Microsoft.AspNetCore" && a.DisplayName.Contains("/api/v1/leads", StringComparison.Ordinal));
        var trace = seen.Where(a => a.TraceId == request.TraceId && a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)).ToList();
        Assert.Contains(trace, a => a.Kind == ActivityKind.Client && a.DisplayName.Contains("Customer", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(trace, a => a.Kind == ActivityKind.Server && a.DisplayName.Contains("Customer", StringComparison.OrdinalIgnoreCase));
    }
}

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

        // The caller's own trace context (as a gateway or app would send it), so this request's spans can be told
        // from those of the tests running alongside.
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads")
        {
            Content = JsonContent.Create(new { name = "Traced", phone = "13700003333", channel = "website_form" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var response = await api.As(tenant, "admin-1", CrmRoles.Admin).SendAsync(request);
        response.EnsureSuccessStatusCode();

        // Spans end a moment after the answer reaches the client.
        List<Activity> trace = [];
        for (var i = 0; i < 50; i++)
        {
            trace = [.. seen.Where(a => a.TraceId == traceId)];
            if (trace.Any(a => a.Source.Name == "Microsoft.AspNetCore") && trace.Any(IsCustomerCall(ActivityKind.Client)) && trace.Any(IsCustomerCall(ActivityKind.Server)))
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Contains(trace, a => a.Source.Name == "Microsoft.AspNetCore");
        Assert.Contains(trace, a => IsCustomerCall(ActivityKind.Client)(a));
        Assert.Contains(trace, a => IsCustomerCall(ActivityKind.Server)(a));
    }

    private static Func<Activity, bool> IsCustomerCall(ActivityKind kind) =>
        a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && a.Kind == kind && a.DisplayName.Contains("Customer", StringComparison.OrdinalIgnoreCase);
}

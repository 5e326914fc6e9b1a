using System.Diagnostics;
using CrmActors.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace CrmActors.WebApi.Tests;

/// <summary>Spans are recorded only when they are exported: with no OTLP endpoint, no request or grain call builds one.</summary>
public sealed class TelemetrySetupTests
{
    private static ServiceProvider Build(string? otlp)
    {
        var builder = Host.CreateApplicationBuilder();
        // Set either way, so an endpoint in the environment running the tests does not decide the outcome.
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp ?? "";

        builder.AddCrmTelemetry("crmactors-test");
        return builder.Services.BuildServiceProvider();
    }

    [Fact]
    public void NoEndpoint_NoTracerAndTheGrainCallSourceHasNoListener()
    {
        using var services = Build(null);

        Assert.Null(services.GetService<TracerProvider>());
        using var source = new ActivitySource(TelemetrySetup.OrleansActivitySources[0]);
        Assert.False(source.HasListeners());
    }

    [Fact]
    public void WithAnEndpoint_GrainCallsAreRecorded()
    {
        using var services = Build("http://127.0.0.1:9");

        Assert.NotNull(services.GetService<TracerProvider>());
        using var source = new ActivitySource(TelemetrySetup.OrleansActivitySources[1]);
        using var span = source.StartActivity("call");
        Assert.NotNull(span);
        Assert.True(span.IsAllDataRequested);
    }
}

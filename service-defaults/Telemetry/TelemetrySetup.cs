using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CrmActors.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for every CrmActors process: metrics (HTTP server, .NET runtime, Orleans, CrmActors' own meters) on a
/// Prometheus scrape endpoint at /metrics, and traces (HTTP requests and the grain calls they make, across the
/// web API and the silos) recorded and exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The meters of CrmActors itself (routing, deadlines, next actions, ...).</summary>
    public const string CrmMeters = "CrmActors.*";

    /// <summary>Orleans' meter (grain calls, activations, messaging, storage, reminders).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Orleans' activity sources: its own runtime calls and the application's grain calls.</summary>
    public static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Adds the providers; <paramref name="serviceName"/> is "crmactors-silo" or "crmactors-webapi".</summary>
    public static IHostApplicationBuilder AddCrmTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString(), serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(OrleansMeter, CrmMeters)
                .AddPrometheusExporter());

        // Spans are recorded only where they go somewhere: with no listener, neither a request nor a grain call builds
        // one (recording spans nobody exported cost the silo about 18 of the 103 KB it allocated per routed lead).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath) && !http.Request.Path.StartsWithSegments("/health"))
                .AddSource(OrleansActivitySources)
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint (no token: it carries no tenant data; keep it on the internal network).</summary>
    public static WebApplication MapCrmMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }
}

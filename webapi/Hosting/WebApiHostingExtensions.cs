using System.Text.Json.Serialization;
using CrmActors.ServiceDefaults.Health;
using CrmActors.ServiceDefaults.Telemetry;
using CrmActors.WebApi.Apis;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Imports;
using CrmActors.WebApi.Intake;
using CrmActors.WebApi.Integration;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.Json;
using Orleans.Dashboard;
using Scalar.AspNetCore;

namespace CrmActors.WebApi.Hosting;

/// <summary>Composition of the web API: the Orleans client, auth, errors, OpenAPI and the endpoint groups.</summary>
public static class WebApiHostingExtensions
{
    /// <summary>Registers every service the web API needs. Providers come from the "Orleans" configuration section.</summary>
    public static WebApplicationBuilder AddCrmWebApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseOrleansClient(client =>
        {
            client.AddActivityPropagation();
            if (Security.ClusterDashboard.IsEnabled(builder.Configuration))
            {
                client.AddDashboard();
            }
            client.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("MySqlConnector"));
        });
        builder.AddCrmTelemetry("crmactors-webapi");

        // On SIGTERM Kestrel stops accepting and lets requests in flight finish (up to this long) before the client leaves the cluster.
        ServiceDefaults.Hosting.ShutdownWatchdog.AddTo(builder, TimeSpan.FromSeconds(30));
        builder.Services.AddCrmWebApiServices(builder.Configuration);
        builder.Services.AddCrmHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// The web API's own services, without the Orleans client, telemetry, shutdown watchdog and health checks: what a
    /// process that is already a silo (and has those) adds to serve the API itself.
    /// </summary>
    public static IServiceCollection AddCrmWebApiServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCrmAuthentication(configuration);
        services.AddCrmRequestLimits(configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<CrmExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOptions<JsonOptions>().Configure<Microsoft.Extensions.Options.IOptions<RequestLimitOptions>>((o, limits) =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.MaxDepth = limits.Value.MaxJsonDepth;
        });
        services.AddSingleton<GrainReads>();
        services.AddSingleton<Apis.InboxStream>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<IntakeOptions>().BindConfiguration("Intake");
        services.AddSingleton<IntakeGate>();
        services.AddSingleton<ChannelDictionaryCache>();
        services.AddSingleton<LeadIntake>();
        services.AddCrmImports(configuration);
        services.AddCrmIntegration(configuration);
        services.AddOpenApi();
        return services;
    }

    /// <summary>Maps the middleware pipeline and every endpoint (the health and metrics endpoints too, unless the host maps its own).</summary>
    public static WebApplication MapCrmWebApi(this WebApplication app, bool healthAndMetrics = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCrmBodyLimits();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseJsonBodyGuard();

        // API documentation describes no tenant data and stays readable without a token.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(ApiReference.Configure).AllowAnonymous();
        if (healthAndMetrics)
        {
            app.MapCrmHealth();
            app.MapCrmMetrics();
        }

        // The manager dashboard: static files with no data in them (the page reads the API with the user's token).
        app.MapGet("/dashboard", () => Results.Redirect("/dashboard/index.html")).AllowAnonymous().ExcludeFromDescription();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "dashboard")),
            RequestPath = "/dashboard",
        });

        var v1 = app.MapGroup("/api/v1").RequireAuthorization(AuthenticationSetup.TenantMember);
        v1.MapLeadsApi();
        v1.MapRepsApi();
        v1.MapCustomersApi();
        v1.MapTicketsApi();
        v1.MapChannelsApi();
        v1.MapNotificationChannelsApi();
        v1.MapImportsApi();
        v1.MapRoutingApi();
        v1.MapFollowUpApi();
        v1.MapConversationsApi();
        v1.MapApprovalsApi();
        v1.MapServiceApi();
        v1.MapStatsApi();
        v1.MapReportsApi();
        v1.MapAuditApi();
        v1.MapModelsApi();
        v1.MapIntegrationKeysApi();
        app.MapIntegrationApi();
        app.MapClusterDashboard();
        return app;
    }
}

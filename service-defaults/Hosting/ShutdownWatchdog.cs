using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmActors.ServiceDefaults.Hosting;

/// <summary>
/// Makes SIGTERM final: the host gets <c>Shutdown:Timeout</c> to drain and hand over, then a grace of
/// <see cref="Grace"/>; a host not yet disposed by then (a silo whose database is gone waits on the membership
/// table for minutes) ends its process with code 3, as an orchestrator's kill after its grace period would, but logged.
/// A host disposed in time is left alone: its process ends by itself, or, when it hosts several (as the API tests do),
/// goes on.
/// </summary>
public sealed partial class ShutdownWatchdog(IHostApplicationLifetime lifetime, IOptions<HostOptions> host, ILogger<ShutdownWatchdog> logger) : IHostedService, IDisposable
{
    /// <summary>Time allowed beyond the host's own shutdown timeout.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    // Completed when the host disposes its services, which happens only after its shutdown finished.
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CancellationTokenRegistration _registration;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(() =>
        {
            var limit = host.Value.ShutdownTimeout + Grace;
            var thread = new Thread(() =>
            {
                if (_disposed.Task.Wait(limit))
                {
                    return;
                }

                LogForced(logger, limit.TotalSeconds);
                Environment.Exit(3);
            })
            {
                IsBackground = true,
                Name = "shutdown-watchdog",
            };
            thread.Start();
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        _registration.Dispose();
        _disposed.TrySetResult();
    }

    /// <summary>Registers the watchdog and binds <c>Shutdown:Timeout</c> (default <paramref name="defaultTimeout"/>) to the host's shutdown timeout.</summary>
    public static void AddTo(IHostApplicationBuilder builder, TimeSpan defaultTimeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var timeout = builder.Configuration.GetValue("Shutdown:Timeout", defaultTimeout);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
        builder.Services.AddHostedService<ShutdownWatchdog>();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Still running {Seconds} s after the stop request: exiting without finishing the shutdown")]
    private static partial void LogForced(ILogger logger, double seconds);
}

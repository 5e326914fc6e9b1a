using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmActors.ServiceDefaults.Hosting;

/// <summary>
/// Makes SIGTERM final: the host gets <c>Shutdown:Timeout</c> to drain and hand over, then a grace of
/// <see cref="Grace"/>; a process still alive after that (a silo whose database is gone waits on the membership
/// table for minutes) exits with code 3, as an orchestrator's kill after its grace period would, but logged. A host
/// that finishes stopping in time stands the watchdog down: a process hosting several hosts (the web API tests)
/// lives on after one of them stops.
/// </summary>
public sealed partial class ShutdownWatchdog(IHostApplicationLifetime lifetime, IOptions<HostOptions> host, ILogger<ShutdownWatchdog> logger) : IHostedService
{
    /// <summary>Time allowed beyond the host's own shutdown timeout.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopped.Register(() => _stopped.TrySetResult());
        _registration = lifetime.ApplicationStopping.Register(() =>
        {
            var limit = host.Value.ShutdownTimeout + Grace;
            var thread = new Thread(() =>
            {
                if (_stopped.Task.Wait(limit))
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
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
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

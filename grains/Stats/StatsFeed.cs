using System.Collections.Concurrent;
using CrmActors.GrainInterfaces.Stats;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmActors.Grains.Stats;

/// <summary>How often each silo sends the figures its leads changed ("Stats" configuration section).</summary>
public sealed class StatsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Stats";

    /// <summary>The flush interval; the dashboard shows a change within this plus its own poll (0.5 s).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>False turns the feed off (the intake benchmark's "without stats" run).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// The silo's pre-aggregation: leads offer their current figures here (no grain call, no I/O), the latest per
/// lead wins, and every flush sends one batch per tenant to its stats grain. A batch that fails goes back into
/// the queue unless a newer one for the same lead arrived meanwhile.
/// </summary>
public sealed partial class StatsFeed(IGrainFactory grains, IOptions<StatsOptions> options, ILogger<StatsFeed> logger)
{
    private ConcurrentDictionary<(string Tenant, string LeadId), LeadFigures> pending = new();

    /// <summary>True when the feed takes figures.</summary>
    public bool Enabled => options.Value.Enabled;

    /// <summary>Queues the latest figures of one lead.</summary>
    public void Offer(string tenant, LeadFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (Enabled)
        {
            pending[(tenant, figures.LeadId)] = figures;
        }
    }

    /// <summary>Sends everything queued; returns how many leads' figures were sent.</summary>
    public async Task<int> FlushAsync()
    {
        var batch = Interlocked.Exchange(ref pending, new ConcurrentDictionary<(string Tenant, string LeadId), LeadFigures>());
        if (batch.IsEmpty)
        {
            return 0;
        }

        var sent = 0;
        foreach (var tenant in batch.GroupBy(p => p.Key.Tenant))
        {
            var figures = tenant.Select(p => p.Value).ToList();
            try
            {
                await grains.GetGrain<ITenantStatsGrain>(tenant.Key).ApplyAsync(figures);
                sent += figures.Count;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogFlushFailed(logger, ex, tenant.Key, figures.Count);
                foreach (var f in figures)
                {
                    pending.AddOrUpdate((tenant.Key, f.LeadId), f, (_, newer) => newer.UpdatedAt >= f.UpdatedAt ? newer : f);
                }
            }
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stats for tenant {Tenant}: sending {Count} lead figure(s) failed; retried at the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception ex, string tenant, int count);
}

/// <summary>Flushes the silo's <see cref="StatsFeed"/> every <see cref="StatsOptions.FlushInterval"/>, and once more on shutdown.</summary>
public sealed class StatsFeedService(StatsFeed feed, IOptions<StatsOptions> options) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await feed.FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await feed.FlushAsync();
    }
}

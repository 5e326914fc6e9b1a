using System.Globalization;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Stats;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CrmActors.Silo.Storage;

/// <summary>
/// Closes the live statistics' crash window: a silo killed outright loses the lead figures its stats feed had not
/// flushed (at most one flush interval). When the cluster declares a silo dead, one survivor (the lowest active
/// address) asks every lead whose state row was written in the last <see cref="Lookback"/> to offer its figures
/// again; figures are whole, so leads whose figures did arrive change nothing. A silo that starts and finds dead
/// members does the same once (the restart of a single-silo cluster).
/// </summary>
public sealed partial class FiguresReconciler(
    StateTable table, IOptions<ClusterOptions> cluster, IClusterMembershipService membership, ILocalSiloDetails local,
    IGrainFactory grains, ILogger<FiguresReconciler> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>How far back rows count as possibly unsent (covers failure detection and a restart).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromMinutes(5);

    private readonly CancellationTokenSource stopping = new();
    private readonly HashSet<SiloAddress> handled = [];
    private Task? loop;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            nameof(FiguresReconciler),
            ServiceLifecycleStage.Active,
            _ => { loop = Task.Run(WatchAsync, CancellationToken.None); return Task.CompletedTask; },
            async _ =>
            {
                await stopping.CancelAsync();
                if (loop is not null)
                {
                    await loop;
                }
            });
    }

    /// <inheritdoc />
    public void Dispose() => stopping.Dispose();

    /// <summary>Asks the leads written since <paramref name="sinceUtc"/> to offer their figures again; returns how many.</summary>
    public async Task<int> ReconcileAsync(DateTime sinceUtc, CancellationToken ct)
    {
        // Leads written lately, and leads captured lately that still live in their customer's row.
        var leads = (await table.WrittenSinceAsync(cluster.Value.ServiceId, "lead", sinceUtc, ct))
            .Select(id => grains.GetGrain<IFiguresSource>(GrainId.Parse(id, CultureInfo.InvariantCulture))).ToList();
        foreach (var id in await table.WrittenSinceAsync(cluster.Value.ServiceId, "customer", sinceUtc, ct))
        {
            var grainId = GrainId.Parse(id, CultureInfo.InvariantCulture);
            var tenant = GrainKeys.Parse(grainId.Key.ToString()!).Tenant;
            var customer = await grains.GetGrain<ICustomerGrain>(grainId).GetAsync();
            leads.AddRange((customer?.LeadIds ?? []).Select(lead => (IFiguresSource)grains.GetGrain<ILeadGrain>(GrainKeys.For(tenant, lead))));
        }

        await Parallel.ForEachAsync(leads.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (lead, _) =>
        {
            try
            {
                await lead.RefreshFiguresAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(logger, ex, lead.GetGrainId().ToString());
            }
        });
        return leads.Count;
    }

    private async Task WatchAsync()
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping.Token))
            {
                var dead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && !handled.Contains(m.SiloAddress)).Select(m => m.SiloAddress).ToList();
                if (dead.Count == 0)
                {
                    continue;
                }

                handled.UnionWith(dead);
                var leader = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)
                    .OrderBy(a => a.ToParsableString(), StringComparer.Ordinal).FirstOrDefault();
                if (leader is null || !leader.Equals(local.SiloAddress))
                {
                    continue;
                }

                try
                {
                    var count = await ReconcileAsync(DateTime.UtcNow - Lookback, stopping.Token);
                    LogReconciled(logger, string.Join(", ", dead), count);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReconcileFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo(s) {Dead} died: asked {Count} lead(s) written in the last 5 min to resend their statistics figures")]
    private static partial void LogReconciled(ILogger logger, string dead, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resending statistics figures after a silo died failed; leads keep their figures until they change")]
    private static partial void LogReconcileFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {GrainId} could not resend its statistics figures")]
    private static partial void LogRefreshFailed(ILogger logger, Exception ex, string grainId);
}

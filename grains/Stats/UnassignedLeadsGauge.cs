using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrmActors.GrainInterfaces.Stats;

namespace CrmActors.Grains.Stats;

/// <summary>
/// Leads owed routing, per tenant, as gauges (meter "CrmActors.Stats"): how many open leads have no owner and how long
/// the oldest has waited, the numbers behind the dashboard's "unassigned" tiles, for ops' alerts. Each tenant's stats
/// grain publishes its figures every few seconds and withdraws them when it deactivates, so a tenant is reported by
/// the one silo that holds its statistics.
/// </summary>
public static class UnassignedLeadsGauge
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "CrmActors.Stats";

    /// <summary>The tag naming the tenant.</summary>
    public const string TenantTag = "tenant";

    private static readonly ConcurrentDictionary<string, (int Count, double OldestWaitSeconds)> Tenants = new(StringComparer.Ordinal);
    private static readonly Meter Meter = new(MeterName);

    static UnassignedLeadsGauge()
    {
        Meter.CreateObservableGauge(
            "crm.leads.unassigned",
            () => Tenants.Select(t => new Measurement<int>(t.Value.Count, new KeyValuePair<string, object?>(TenantTag, t.Key))),
            unit: "{lead}",
            description: "Open leads without an owner (routing owed), per tenant");
        Meter.CreateObservableGauge(
            "crm.leads.unassigned.oldest_wait",
            () => Tenants.Select(t => new Measurement<double>(t.Value.OldestWaitSeconds, new KeyValuePair<string, object?>(TenantTag, t.Key))),
            unit: "s",
            description: "How long the oldest open lead without an owner has waited, per tenant (0 when there is none)");
    }

    /// <summary>Publishes a tenant's figures at <paramref name="now"/>.</summary>
    public static void Publish(string tenant, IEnumerable<LeadFigures> figures, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(figures);
        var count = 0;
        var oldest = now;
        foreach (var f in figures)
        {
            if (f.IsOpen && f.OwnerRepId is null)
            {
                count++;
                oldest = f.CreatedAt < oldest ? f.CreatedAt : oldest;
            }
        }

        Tenants[tenant] = (count, Math.Max(0, (now - oldest).TotalSeconds));
    }

    /// <summary>The figures last published for <paramref name="tenant"/>, if any.</summary>
    public static (int Count, double OldestWaitSeconds)? Of(string tenant) => Tenants.TryGetValue(tenant, out var v) ? v : null;

    /// <summary>Stops reporting a tenant (its stats grain left this silo).</summary>
    public static void Withdraw(string tenant) => Tenants.TryRemove(tenant, out _);
}

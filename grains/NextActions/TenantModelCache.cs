using System.Collections.Concurrent;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmActors.Grains.NextActions;

/// <summary>A tenant's own model as a silo serves it: the loaded models and what its held-out figures allow.</summary>
/// <param name="Models">The loaded models.</param>
/// <param name="Summary">Its held-out figures.</param>
public sealed record class ServedTenantModel(LoadedModels Models, TenantModelSummary Summary)
{
    /// <summary>The verdict behind the summary's choices.</summary>
    public TenantModelVerdict Verdict { get; } = new(Summary.ModelAuc, Summary.PointsAuc, Summary.ModelTop1, Summary.RuleTop1);
}

/// <summary>
/// The silo's tenant models: a tenant's current version is read from the database at most every
/// <see cref="ModelOptions.CheckInterval"/> and loaded when it changes; between checks the loaded one is served. A version
/// that cannot be read or loaded is logged and the silo keeps what it had (the starter model when it had nothing).
/// </summary>
public sealed partial class TenantModelCache(
    ITenantModelRepository repository, IOptions<ModelOptions> options, [FromKeyedServices(CrmClock.Key)] TimeProvider clock, ILogger<TenantModelCache> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim loading = new(1, 1);

    /// <summary>The tenant's current model, or null when it is served the starter model.</summary>
    public async Task<ServedTenantModel?> GetAsync(string tenant)
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(tenant, out var entry) && now - entry.CheckedAt < options.Value.CheckInterval)
        {
            return entry.Served;
        }

        await loading.WaitAsync();
        try
        {
            if (entries.TryGetValue(tenant, out entry) && now - entry.CheckedAt < options.Value.CheckInterval)
            {
                return entry.Served;
            }

            var served = entry?.Served;
            try
            {
                var version = await repository.ReadCurrentVersionAsync(tenant);
                if (version is null)
                {
                    served = null;
                }
                else if (version != served?.Summary.Version)
                {
                    served = await LoadAsync(tenant, version) ?? served;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogReadFailed(logger, ex, tenant);
            }

            entries[tenant] = new Entry(served, now);
            return served;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>Reads the tenant's current version again at the next request (this silo changed it).</summary>
    public void Invalidate(string tenant) => entries.TryRemove(tenant, out _);

    /// <inheritdoc />
    public void Dispose() => loading.Dispose();

    private async Task<ServedTenantModel?> LoadAsync(string tenant, string version)
    {
        if (await repository.ReadAsync(tenant, version) is not { } stored)
        {
            LogRefused(logger, tenant, version, "the version is not stored");
            return null;
        }

        try
        {
            var models = LoadedModels.Load(stored.Manifest, stored.NextActionZip, stored.ScoringZip, stored.PracticeZip);
            LogServing(logger, tenant, version);
            return new ServedTenantModel(models, stored.Summary);
        }
        catch (ModelUnavailableException ex)
        {
            LogRefused(logger, tenant, version, ex.Message);
            return null;
        }
    }

    private sealed record class Entry(ServedTenantModel? Served, DateTimeOffset CheckedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: serving its own model {Version}")]
    private static partial void LogServing(ILogger logger, string tenant, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant}: model {Version} not served: {Problem}")]
    private static partial void LogRefused(ILogger logger, string tenant, string version, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant}: its current model could not be read; the silo keeps what it served")]
    private static partial void LogReadFailed(ILogger logger, Exception ex, string tenant);
}

using System.Collections.Concurrent;
using System.Text.Json;
using CrmActors.GrainInterfaces.Stats;

namespace CrmActors.Grains.Stats;

/// <summary>Where a tenant's lead figures are kept between activations of its stats grain (<c>crm_lead_figures</c>).</summary>
public interface ILeadFigureStore
{
    /// <summary>Every lead's figures of <paramref name="tenant"/>.</summary>
    Task<IReadOnlyList<LeadFigures>> LoadAsync(string tenant, CancellationToken cancellationToken = default);

    /// <summary>Stores the figures (each replaces the lead's previous figures).</summary>
    Task UpsertAsync(string tenant, IReadOnlyList<LeadFigures> figures, CancellationToken cancellationToken = default);
}

/// <summary>The JSON form figures are stored in.</summary>
public static class LeadFigureJson
{
    /// <summary>The options used for both directions.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

/// <summary>Figures in memory: for silos without a database.</summary>
public sealed class InMemoryLeadFigureStore : ILeadFigureStore
{
    private readonly ConcurrentDictionary<(string Tenant, string LeadId), string> rows = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<LeadFigures>> LoadAsync(string tenant, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<LeadFigures>>([.. rows.Where(r => r.Key.Tenant == tenant).Select(r => JsonSerializer.Deserialize<LeadFigures>(r.Value, LeadFigureJson.Options)!)]);

    /// <inheritdoc />
    public Task UpsertAsync(string tenant, IReadOnlyList<LeadFigures> figures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(figures);
        foreach (var f in figures)
        {
            rows[(tenant, f.LeadId)] = JsonSerializer.Serialize(f, LeadFigureJson.Options);
        }

        return Task.CompletedTask;
    }
}

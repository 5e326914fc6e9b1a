using System.Text.Json;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using CrmActors.MlModels.Journal;

namespace CrmActors.Grains.NextActions;

/// <summary>One stored version of a tenant's model: the three model zips (next action, score, practice), the manifest, the training report and its summary.</summary>
public sealed record class StoredTenantModel(
    string Version, DateTimeOffset CreatedAt, int ClosedLeads, byte[] NextActionZip, byte[] ScoringZip, byte[] PracticeZip, string Manifest, string Report, TenantModelSummary Summary)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The summary as stored.</summary>
    public static string SummaryJson(TenantModelSummary summary) => JsonSerializer.Serialize(summary, Json);

    /// <summary>Reads a stored summary.</summary>
    public static TenantModelSummary ReadSummary(string json) =>
        JsonSerializer.Deserialize<TenantModelSummary>(json, Json) ?? throw new JsonException("The model summary is empty.");
}

/// <summary>
/// Where tenants' models live (<c>crm_tenant_models</c>, <c>crm_tenant_model_current</c>; migration 0012) and where their
/// training data is read (<c>crm_journal</c>): the database in a cluster, so every silo serves the same version.
/// </summary>
public interface ITenantModelRepository
{
    /// <summary>Stores <paramref name="model"/> (a version stored before is kept as it was) and makes it the tenant's current one.</summary>
    Task SaveAsync(string tenant, StoredTenantModel model, string by, CancellationToken cancellationToken = default);

    /// <summary>The version the tenant is served, or null for the starter model.</summary>
    Task<string?> ReadCurrentVersionAsync(string tenant, CancellationToken cancellationToken = default);

    /// <summary>One version with its models, or null.</summary>
    Task<StoredTenantModel?> ReadAsync(string tenant, string version, CancellationToken cancellationToken = default);

    /// <summary>Every version's summary, newest first.</summary>
    Task<IReadOnlyList<TenantModelSummary>> ListAsync(string tenant, CancellationToken cancellationToken = default);

    /// <summary>One version's training report (JSON), or null.</summary>
    Task<string?> ReadReportAsync(string tenant, string version, CancellationToken cancellationToken = default);

    /// <summary>Serves <paramref name="version"/> to the tenant (null: the starter model).</summary>
    Task SetCurrentAsync(string tenant, string? version, string by, CancellationToken cancellationToken = default);

    /// <summary>The tenant's leads with an outcome in the journal.</summary>
    Task<int> CountClosedLeadsAsync(string tenant, CancellationToken cancellationToken = default);

    /// <summary>The tenant's lead rows (activities, signals, outcomes) in the journal, as training reads them.</summary>
    Task<IReadOnlyList<JournalRow>> ReadLeadRowsAsync(string tenant, CancellationToken cancellationToken = default);
}

/// <summary>Tenant models in memory, trained from the in-memory journal: for silos without a database (tests, the in-memory profile).</summary>
public sealed class InMemoryTenantModelRepository(IJournal journal) : ITenantModelRepository
{
    private static readonly string[] LeadEvents = [LeadJournalEntry.ActivityEvent, LeadJournalEntry.SignalEvent, LeadJournalEntry.OutcomeEvent];
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<StoredTenantModel>> models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> current = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task SaveAsync(string tenant, StoredTenantModel model, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (gate)
        {
            var versions = models.TryGetValue(tenant, out var list) ? list : models[tenant] = [];
            if (!versions.Any(m => m.Version == model.Version))
            {
                versions.Add(model);
            }

            current[tenant] = model.Version;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> ReadCurrentVersionAsync(string tenant, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(current.GetValueOrDefault(tenant));
        }
    }

    /// <inheritdoc />
    public Task<StoredTenantModel?> ReadAsync(string tenant, string version, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(models.GetValueOrDefault(tenant)?.FirstOrDefault(m => m.Version == version));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantModelSummary>> ListAsync(string tenant, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<TenantModelSummary>>([.. (models.GetValueOrDefault(tenant) ?? []).AsEnumerable().Reverse().Select(m => m.Summary)]);
        }
    }

    /// <inheritdoc />
    public async Task<string?> ReadReportAsync(string tenant, string version, CancellationToken cancellationToken = default) =>
        (await ReadAsync(tenant, version, cancellationToken))?.Report;

    /// <inheritdoc />
    public Task SetCurrentAsync(string tenant, string? version, string by, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            current[tenant] = version;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<int> CountClosedLeadsAsync(string tenant, CancellationToken cancellationToken = default) =>
        (await ReadLeadRowsAsync(tenant, cancellationToken)).Where(r => r.EventType == LeadJournalEntry.OutcomeEvent).Select(r => r.Stream).Distinct(StringComparer.Ordinal).Count();

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRow>> ReadLeadRowsAsync(string tenant, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<JournalRow>>(journal is InMemoryJournal memory
            ? [.. memory.Read(tenant).Where(r => LeadEvents.Contains(r.Entry.EventType)).Select(r => new JournalRow(r.Stream, r.Entry.EventType, r.Entry.At, r.Entry.Payload))]
            : []);
}

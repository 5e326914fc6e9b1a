using System.Text.Json;
using CrmActors.GrainInterfaces.Audit;
using CrmActors.Grains.Common;
using Orleans.Concurrency;

namespace CrmActors.Grains.Audit;

/// <summary>Writes and reads a tenant's audit entries in the journal; holds no state, so any silo serves it.</summary>
[StatelessWorker]
public sealed class AuditLogGrain(IJournal journal) : Grain, IAuditLogGrain
{
    /// <summary>The journal stream of audit entries.</summary>
    public const string Stream = "audit";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string Tenant => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public Task RecordAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var kept = entry.Detail is { Length: > AuditEntry.MaxDetailLength } detail ? entry with { Detail = detail[..AuditEntry.MaxDetailLength] } : entry;
        var row = new PendingJournalEntry("audit-" + Guid.NewGuid().ToString("N"), "audit." + kept.Action, kept.At, JsonSerializer.Serialize(kept, Json));
        return journal.AppendAsync(Tenant, Stream, [row]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int limit)
    {
        var rows = await journal.ReadStreamAsync(Tenant, Stream, Math.Clamp(limit, 1, 1000));
        return [.. rows.Select(r => JsonSerializer.Deserialize<AuditEntry>(r.Payload, Json)).OfType<AuditEntry>()];
    }
}

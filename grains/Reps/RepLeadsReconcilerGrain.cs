using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using Orleans.Concurrency;

namespace CrmActors.Grains.Reps;

/// <summary>
/// Works out a rep's reconciliation outside the rep actor (which must keep answering the leads it asks) and hands the
/// result to the rep: every lead the rep lists and every lead its assignment stream names is asked who owns it.
/// </summary>
[StatelessWorker]
public sealed class RepLeadsReconcilerGrain(IJournal journal) : Grain, IRepLeadsReconcilerGrain
{
    /// <summary>The most hand-overs read from a rep's stream.</summary>
    public const int MaxHandovers = 200_000;

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task<RepReconciliation> ReconcileAsync(string repId)
    {
        var tenant = this.GetPrimaryKeyString();
        var rep = GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(tenant, repId));
        var listed = (await rep.GetAsync() ?? throw CrmException.NotFound("Rep", repId, "repId")).OpenLeadIds;
        var handed = await journal.ReadStreamAsync(tenant, JournalStreams.RepAssignments(repId), MaxHandovers, RepLeadsJournal.HandoverEvent);
        var candidates = listed
            .Concat(handed.Select(e => JsonSerializer.Deserialize<RepLeadsJournal.Handover>(e.Payload, PayloadJson)!.LeadId))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        // A few dozen leads asked at a time (grain calls stay on this activation's scheduler).
        var owns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in candidates.Chunk(32))
        {
            var leads = await Task.WhenAll(chunk.Select(id => GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(tenant, id)).GetAsync()));
            owns.UnionWith(leads
                .Where(lead => lead is { Stage: not (LeadStage.Won or LeadStage.Lost or LeadStage.Returned) } && lead.OwnerRepId == repId)
                .Select(lead => lead!.Id));
        }

        return await rep.ApplyReconciliationAsync([.. listed.Where(id => !owns.Contains(id))], [.. owns.Where(id => !listed.Contains(id))]);
    }
}

using CrmActors.GrainInterfaces.Stats;
using CrmActors.Grains.Leads;

namespace CrmActors.Grains.Stats;

/// <summary>A lead's figures from its state (the lead's own, or the state it starts from at capture).</summary>
public static class LeadFiguresOf
{
    /// <summary>The figures of lead <paramref name="leadId"/> in <paramref name="s"/>, stamped <paramref name="now"/>.</summary>
    public static LeadFigures From(LeadState s, string leadId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(s);
        var c = s.Captured!;
        return new LeadFigures(
            leadId,
            c.Name,
            c.Channel,
            s.OwnerRepId,
            s.CreatedAt,
            s.AssignedAt,
            s.FirstTouchDueAt,
            s.FirstTouchAt,
            s.OverdueAt,
            s.EscalationLevel,
            s.Stage,
            s.Funnel,
            s.QualifiedAt,
            s.DemonstratedAt,
            !string.IsNullOrWhiteSpace(c.Phone) && !string.IsNullOrWhiteSpace(c.Company) && !string.IsNullOrWhiteSpace(c.ProductInterest),
            [.. s.Activities.Select(a => new ActivityFact(a.Type, a.At, a.LoggedAt, a.Evidence.Count > 0))],
            s.CustomerActions,
            s.LastCustomerActionAt,
            [.. s.CoordinationMinutes],
            s.Score?.WinProbability,
            now,
            s.Score?.Source,
            c.Location?.Province,
            c.Location?.City,
            c.Location?.Source);
    }
}

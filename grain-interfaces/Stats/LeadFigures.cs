using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.GrainInterfaces.Stats;

/// <summary>
/// What the dashboard needs to know about one lead, as the lead last wrote it: the lead sends its whole current
/// facts (never a delta) whenever its state changes, so applying them twice or out of a crash is harmless.
/// <see cref="ScoreSource"/> says whether <see cref="WinProbability"/> is the model's or the points score
/// (<see cref="ScoreSources"/>; null for figures written before scores were labelled: the model's).
/// <see cref="Province"/>, <see cref="City"/> and <see cref="RegionSource"/> are where the lead is as intake found it
/// (null when neither form nor phone said; the stats grain then places it by its owner's territory).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.LeadFigures")]
public sealed record class LeadFigures(
    string LeadId,
    string Name,
    string Channel,
    string? OwnerRepId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? FirstTouchDueAt,
    DateTimeOffset? FirstTouchAt,
    DateTimeOffset? OverdueAt,
    int EscalationLevel,
    LeadStage Stage,
    FunnelStage Funnel,
    DateTimeOffset? QualifiedAt,
    DateTimeOffset? DemonstratedAt,
    bool KeyFieldsComplete,
    IReadOnlyList<ActivityFact> Activities,
    int CustomerActions,
    DateTimeOffset? LastCustomerActionAt,
    IReadOnlyList<double> CoordinationMinutes,
    double? WinProbability,
    DateTimeOffset UpdatedAt,
    string? ScoreSource = null,
    string? Province = null,
    string? City = null,
    string? RegionSource = null)
{
    /// <summary>True while the lead is with sales or waiting for an owner (not won, lost or returned).</summary>
    public bool IsOpen => Stage is LeadStage.New or LeadStage.Assigned or LeadStage.Contacted;
}

/// <summary>One activity as the dashboard counts it.</summary>
[GenerateSerializer, Immutable, Alias("crm.ActivityFact")]
public sealed record class ActivityFact(string Type, DateTimeOffset At, DateTimeOffset LoggedAt, bool HasEvidence);

/// <summary>A grain that feeds the live statistics and can be asked to send its figures again (after a silo died with figures unsent).</summary>
public interface IFiguresSource : IGrain
{
    /// <summary>Offers the grain's current figures to its silo's stats feed; safe to repeat.</summary>
    Task RefreshFiguresAsync();
}

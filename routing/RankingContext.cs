namespace CrmActors.Routing;

/// <summary>What one decision ranks against: the lead, its urgency, the loads, the time and who is excluded.</summary>
internal sealed class RankingContext(
    LeadView lead,
    Urgency urgency,
    IReadOnlyDictionary<string, RepLoad> loads,
    DateTimeOffset now,
    IReadOnlySet<string>? exclude,
    DateTime[] localTimes)
{
    public LeadView Lead { get; } = lead;

    public Urgency Urgency { get; } = urgency;

    public IReadOnlyDictionary<string, RepLoad> Loads { get; } = loads;

    public DateTimeOffset Now { get; } = now;

    public IReadOnlySet<string>? Exclude { get; } = exclude;

    /// <summary>The wall-clock time now in each of the compiled set's time zones.</summary>
    public DateTime[] LocalTimes { get; } = localTimes;
}

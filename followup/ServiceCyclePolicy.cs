namespace CrmActors.FollowUp;

/// <summary>
/// What an after-sales event schedules (S3: after a medical device is installed, 6 periodic follow-up visits for the
/// regional service rep; an overdue one escalates).
/// </summary>
public sealed class ServiceCyclePolicy
{
    /// <summary>The event that starts a cycle by default.</summary>
    public const string InstallationComplete = "installation-complete";

    /// <summary>Event kind to the visits it schedules.</summary>
    public IReadOnlyDictionary<string, ServiceCycle> Cycles { get; init; } = new Dictionary<string, ServiceCycle>(StringComparer.Ordinal)
    {
        [InstallationComplete] = new(),
    };

    /// <summary>Region to the user id of its service rep.</summary>
    public IReadOnlyDictionary<string, string> RegionalServiceReps { get; init; } = new Dictionary<string, string>();

    /// <summary>The service rep for customers whose region has none; null refuses such events.</summary>
    public string? DefaultServiceRep { get; init; }

    /// <summary>Problems, under <c>service</c>.</summary>
    public IEnumerable<FollowUpError> Check()
    {
        if (Cycles is null || Cycles.Count == 0)
        {
            yield return new("service.cycles", "Give at least one event kind and the visits it schedules.");
            yield break;
        }

        foreach (var (kind, cycle) in Cycles)
        {
            if (string.IsNullOrWhiteSpace(kind) || kind.Length > 64)
            {
                yield return new("service.cycles", "Event kinds are 1 to 64 characters.");
            }
            else if (cycle is null || cycle.Visits is < 1 or > 24 || cycle.EveryDays is < 1 or > 365 || cycle.OverdueAfterDays is < 1 || cycle.OverdueAfterDays >= cycle.EveryDays)
            {
                yield return new($"service.cycles.{kind}", "visits 1-24, everyDays 1-365, overdueAfterDays at least 1 and less than everyDays.");
            }
        }

        if (RegionalServiceReps is null || RegionalServiceReps.Any(r => string.IsNullOrWhiteSpace(r.Key) || string.IsNullOrWhiteSpace(r.Value)))
        {
            yield return new("service.regionalServiceReps", "A map of region to the user id of its service rep.");
        }
    }
}

/// <summary>The visits one event schedules.</summary>
public sealed class ServiceCycle
{
    /// <summary>How many visits.</summary>
    public int Visits { get; init; } = 6;

    /// <summary>Days between visits (the first is this many days after the event).</summary>
    public int EveryDays { get; init; } = 30;

    /// <summary>Days a visit may stay undone after its due date before it escalates to the rep's supervisor.</summary>
    public int OverdueAfterDays { get; init; } = 3;
}

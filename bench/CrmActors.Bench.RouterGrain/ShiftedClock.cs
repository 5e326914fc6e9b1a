namespace CrmActors.Bench.RouterGrain;

/// <summary>
/// Business time that starts at the generated tenant's Monday morning and runs at real speed, so reps are on
/// shift as in the library benchmark and the router refreshes its snapshot every 5 s as in production.
/// </summary>
internal sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly DateTimeOffset _realStart = System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + (System.GetUtcNow() - _realStart);
}

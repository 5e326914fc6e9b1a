namespace CrmActors.Grains.Intake;

/// <summary>
/// How a captured lead gets routed (Crm:IntakeRouting). The customer that captured it keeps the lead as
/// "routing pending" in the same write that acknowledged it, with a wake-up; routing starts right after the
/// acknowledgement, and if the silo dies first the wake-up finishes it.
/// </summary>
public sealed class IntakeRoutingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Crm:IntakeRouting";

    /// <summary>Start routing right after capture. Off only to test the recovery path (then the wake-up routes).</summary>
    public bool RouteOnCapture { get; set; } = true;

    /// <summary>How long after capture the wake-up comes, in case routing never reported back.</summary>
    public TimeSpan SettleWithin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after a failed attempt (e.g. storage briefly down) the next one comes.</summary>
    public TimeSpan RetryEvery { get; set; } = TimeSpan.FromMinutes(1);
}

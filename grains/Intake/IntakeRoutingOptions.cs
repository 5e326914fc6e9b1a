namespace CrmActors.Grains.Intake;

/// <summary>
/// How a captured lead gets routed (Crm:IntakeRouting). The customer that captures it asks the tenant's router
/// first and stores the decision with the lead in the write that acknowledges it, the hand-over as a journal row the
/// owner takes the lead from. When more is owed (a co-assignee, channel messages) or no decision came in time, the
/// lead stays "routing pending" there, with a wake-up, until the lead actor has delivered it (or routed the lead), so
/// a silo dying in between loses nothing (docs/adr/0009).
/// </summary>
public sealed class IntakeRoutingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Crm:IntakeRouting";

    /// <summary>Route at capture. Off only to test the recovery path (then the wake-up routes).</summary>
    public bool RouteOnCapture { get; set; } = true;

    /// <summary>
    /// How long intake waits for the router before acknowledging a lead with routing owed instead (it is then routed
    /// right after, as without a decision).
    /// </summary>
    public TimeSpan DecideWithin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long after capture the wake-up comes, in case routing never reported back.</summary>
    public TimeSpan SettleWithin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a lead routed at capture with nothing more owed waits for its customer's stored wake-up instead of being
    /// started at once (CapturedRouting.WakeLeadAt). Only storage whose wake-ups are swept (the database's) turns it on:
    /// without a sweeper, nobody would wake the lead for its first-touch deadline.
    /// </summary>
    public bool WakeLeadsFromStorage { get; set; }

    /// <summary>How long after a failed attempt (e.g. storage briefly down) the next one comes.</summary>
    public TimeSpan RetryEvery { get; set; } = TimeSpan.FromMinutes(1);
}

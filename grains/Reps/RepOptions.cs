namespace CrmActors.Grains.Reps;

/// <summary>How reps store what they take in memory (Crm:Reps).</summary>
public sealed class RepOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Crm:Reps";

    /// <summary>
    /// How long hand-overs taken in memory (intake's, whose journal rows are committed with the lead) wait at most
    /// before the rep's state is written. A rep's state holds its open leads and a 500-item inbox (tens of KB at peak),
    /// so writing it every couple of seconds cost more than the leads themselves; a crash costs a catch-up read of the
    /// rep's assignment stream, not a lead.
    /// </summary>
    public TimeSpan WriteEvery { get; set; } = TimeSpan.FromSeconds(15);
}

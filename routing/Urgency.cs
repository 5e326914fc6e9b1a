namespace CrmActors.Routing;

/// <summary>How urgent a lead is, as set by the rule that fired; it weights on-shift reps (see <see cref="ScoringWeights.UrgencyBoost"/>).</summary>
public enum Urgency
{
    /// <summary>No hurry; working hours do not affect the score.</summary>
    Low = 0,

    /// <summary>The default.</summary>
    Normal = 1,

    /// <summary>Prefer reps who are on shift now.</summary>
    High = 2,

    /// <summary>Only on-shift reps are considered while any eligible one is on shift.</summary>
    Critical = 3,
}

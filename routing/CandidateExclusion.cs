namespace CrmActors.Routing;

/// <summary>Why a rep in the target was not eligible; <see cref="None"/> for eligible reps.</summary>
public enum CandidateExclusion
{
    /// <summary>Eligible and scored.</summary>
    None = 0,

    /// <summary>In the caller's exclude set (on reassignment: already had the lead).</summary>
    Excluded = 1,

    /// <summary>Not active.</summary>
    Inactive = 2,

    /// <summary>On leave at the decision time.</summary>
    OnLeave = 3,

    /// <summary>Holding as many open leads as their capacity allows.</summary>
    AtCapacity = 4,

    /// <summary>Does not cover a lead value the rule's target requires (<see cref="RouteTarget.RequireMatch"/>).</summary>
    RequirementNotMet = 5,

    /// <summary>Off shift while the lead is critical and another eligible rep is on shift.</summary>
    OffShiftForCritical = 6,

    /// <summary>Already the lead's owner in this decision (technical engineer co-assignment).</summary>
    ChosenAsOwner = 7,
}

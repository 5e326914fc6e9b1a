namespace CrmActors.GrainInterfaces.Leads;

/// <summary>How long a rep may have for a lead's first touch.</summary>
public static class FirstTouchWindow
{
    /// <summary>The shortest window accepted.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(1);

    /// <summary>The longest window accepted (a month).</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(31);

    /// <summary>The window used when the assigner gives none: the field's "golden 48 hours".</summary>
    public static readonly TimeSpan Default = TimeSpan.FromHours(48);

    /// <summary>True when <paramref name="window"/> is within bounds.</summary>
    public static bool IsValid(TimeSpan window) => window >= Minimum && window <= Maximum;
}

namespace CrmActors.Grains.Common;

/// <summary>
/// The keyed <see cref="TimeProvider"/> business logic reads. Unless a host registers one under this key,
/// Orleans' catch-all resolves it to the system clock; tests register a fake one here and under the
/// reminder service's key, and move time instead of sleeping.
/// </summary>
public static class CrmClock
{
    /// <summary>The service key.</summary>
    public const string Key = "CrmActors.Clock";
}

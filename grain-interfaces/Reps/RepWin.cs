namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// Deals of one kind a rep won: industry, product and institution level (any may be null for "any"), and how
/// many. Routing scores a rep's past wins in leads like the one at hand.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.RepWin")]
public sealed record class RepWin(string? Industry, string? Product, string? InstitutionLevel, int Count)
{
    /// <summary>True when <paramref name="other"/> is the same kind of deal (case-insensitive), whatever the counts.</summary>
    public bool SameKind(RepWin other) =>
        other is not null
        && string.Equals(Industry, other.Industry, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Product, other.Product, StringComparison.OrdinalIgnoreCase)
        && string.Equals(InstitutionLevel, other.InstitutionLevel, StringComparison.OrdinalIgnoreCase);
}

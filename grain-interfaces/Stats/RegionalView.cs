namespace CrmActors.GrainInterfaces.Stats;

/// <summary>The dashboard by region for one scope at one moment: provinces with the most leads first, <c>unknown</c> last.</summary>
[GenerateSerializer, Immutable, Alias("crm.RegionalView")]
public sealed record class RegionalView(string Scope, DateTimeOffset ComputedAt, long Version, int WindowDays, IReadOnlyList<ProvinceFigures> Provinces)
{
    /// <summary>The province of leads no source placed.</summary>
    public const string UnknownProvince = "unknown";
}

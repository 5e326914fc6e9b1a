namespace CrmActors.Grains.Reps;

/// <summary>The persisted roster of a tenant.</summary>
[GenerateSerializer, Alias("crm.TenantRosterState")]
public sealed class TenantRosterState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "roster";

    [Id(0)] public List<string> RepIds { get; set; } = [];
}

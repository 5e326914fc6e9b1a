namespace CrmActors.GrainInterfaces.Reps;

/// <summary>The list of a tenant's reps. Key: "{tenant}".</summary>
public interface ITenantRosterGrain : IGrainWithStringKey
{
    /// <summary>Adds a rep id to the roster (idempotent).</summary>
    Task AddRepAsync(string repId);

    /// <summary>Every rep id of the tenant, in the order they joined.</summary>
    Task<IReadOnlyList<string>> GetRepIdsAsync();
}

namespace CrmActors.GrainInterfaces.Reps;

/// <summary>Reading only a rep's profile.</summary>
public static class RepProfileReads
{
    /// <summary>
    /// The rep's profile, or null when the rep does not exist. It asks for the rep's status, which carries a count of
    /// open leads, not the snapshot, which carries every open lead's id: a lead read that only needs the owner's territory or
    /// supervisor then costs the same for a rep with 5 open leads and one with 5,000.
    /// </summary>
    public static async Task<RepProfile?> GetProfileAsync(this IRepGrain rep)
    {
        ArgumentNullException.ThrowIfNull(rep);
        return (await rep.GetStatusAsync())?.Profile;
    }
}

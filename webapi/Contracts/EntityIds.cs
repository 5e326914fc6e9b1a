namespace CrmActors.WebApi.Contracts;

/// <summary>Server-assigned ids: time-ordered, URL-safe, and never mistaken for a hex grain key.</summary>
public static class EntityIds
{
    /// <summary>A new id with a one-letter kind prefix (L lead, C customer, T ticket).</summary>
    public static string New(char prefix) => string.Concat(prefix.ToString(), Guid.CreateVersion7().ToString("N"));
}

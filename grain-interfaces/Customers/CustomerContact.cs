namespace CrmActors.GrainInterfaces.Customers;

/// <summary>
/// A person at the customer in the decision chain (S6): their role (CTO, CFO, CEO, purchasing head...), where they
/// stand on the deal, and whether they decide.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.CustomerContact")]
public sealed record class CustomerContact(string Id, string Name, string Role, ContactAttitude Attitude, bool Decides, string? Phone, string? Email, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>Where a contact stands on the deal.</summary>
public enum ContactAttitude
{
    /// <summary>Not known yet, or undecided.</summary>
    Watching = 0,

    /// <summary>Supports us.</summary>
    Supports = 1,

    /// <summary>Opposes us.</summary>
    Opposes = 2,
}

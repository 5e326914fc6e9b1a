using System.Security.Cryptography;
using System.Text;

namespace CrmActors.GrainInterfaces.Intake;

/// <summary>Ids that intake derives instead of inventing, so that the same input always lands on the same actor.</summary>
public static class IntakeIds
{
    /// <summary>
    /// The customer that owns a normalized phone number: one per phone per tenant, because every
    /// submission with that phone meets in this one (single-threaded) actor.
    /// </summary>
    public static string CustomerForPhone(string e164)
    {
        ArgumentException.ThrowIfNullOrEmpty(e164);
        return string.Concat("P", e164.AsSpan(e164.StartsWith('+') ? 1 : 0));
    }

    /// <summary>
    /// The lead id a client's Idempotency-Key stands for: a retry carrying the key reaches the same lead,
    /// also after a restart, because the id is derived and the lead is durable.
    /// </summary>
    public static string LeadForKey(string tenant, string scope, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001F', "lead", tenant, scope, key)));
        return string.Concat("L", Convert.ToHexStringLower(hash.AsSpan(0, 16)));
    }
}

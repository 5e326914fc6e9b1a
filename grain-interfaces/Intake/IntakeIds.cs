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
    public static string CustomerForPhone(string e164) => string.Concat("P", Digits(e164));

    /// <summary>The id of the <paramref name="number"/>th lead captured for a phone: "L{digits}-{n}".</summary>
    public static string LeadForPhone(string e164, int number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"L{Digits(e164)}-{number}");

    /// <summary>The phone-owning customer that captured a lead, when the lead id is one intake derived.</summary>
    public static bool TryCustomerOfLead(string? leadId, out string customerId)
    {
        customerId = string.Empty;
        if (leadId is null || leadId.Length < 4 || leadId[0] != 'L')
        {
            return false;
        }

        var dash = leadId.LastIndexOf('-');
        if (dash < 2 || dash == leadId.Length - 1)
        {
            return false;
        }

        var digits = leadId.AsSpan(1, dash - 1);
        if (digits.ContainsAnyExceptInRange('0', '9') || leadId.AsSpan(dash + 1).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        customerId = string.Concat("P", digits);
        return true;
    }

    /// <summary>
    /// A client's idempotency key, scoped (API, or one import's row) and hashed to a fixed size: a retry
    /// carrying it finds the first answer in the customer actor, also after a restart.
    /// </summary>
    public static string SubmissionKey(string scope, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001F', scope, key)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static ReadOnlySpan<char> Digits(string e164)
    {
        ArgumentException.ThrowIfNullOrEmpty(e164);
        return e164.AsSpan(e164.StartsWith('+') ? 1 : 0);
    }
}

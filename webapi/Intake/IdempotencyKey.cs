using CrmActors.WebApi.Errors;

namespace CrmActors.WebApi.Intake;

/// <summary>The Idempotency-Key request header (IETF httpapi draft): a client's name for one submission.</summary>
public static class IdempotencyKey
{
    /// <summary>The request header.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The response header set when the answer is a replay of an earlier submission.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Checks a key (empty means none): 1 to 255 visible ASCII characters; a bad one is added to <paramref name="errors"/>.</summary>
    public static FieldErrors Check(string key, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(errors);
        if (key.Length > 255 || key.Any(c => c is < '!' or > '~'))
        {
            errors.Add(Header, $"'{Header}' must be 1 to 255 visible ASCII characters (a UUID is a good choice).");
        }

        return errors;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmActors.WebApi.Integration;

/// <summary>
/// Integration keys and their signatures. A key's secret is derived from the key id with the server's signing key
/// (HMAC-SHA256), shown once, and never stored: the store keeps its SHA-256, which every request checks the derived
/// secret against (so a key outlives no change of the signing key). A request is signed with the secret:
/// <c>X-Crm-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>, with <c>X-Crm-Timestamp</c> in Unix
/// seconds, accepted within a window of the server's clock.
/// </summary>
public static class IntegrationSignature
{
    /// <summary>The header naming the key.</summary>
    public const string KeyHeader = "X-Crm-Key";

    /// <summary>The header with the Unix time (seconds) the request was signed at.</summary>
    public const string TimestampHeader = "X-Crm-Timestamp";

    /// <summary>The header with the signature (<c>sha256=</c> and 64 hex digits).</summary>
    public const string SignatureHeader = "X-Crm-Signature";

    private const string Prefix = "sha256=";

    /// <summary>A new key id (<c>ik-</c> and 20 random hex digits).</summary>
    public static string NewKeyId() => "ik-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    /// <summary>The secret of a key: the same on every instance with the same signing key, unknowable without it.</summary>
    public static string Secret(string signingKey, string tenant, string keyId)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.UTF8.GetBytes($"crm-integration-key\n{tenant}\n{keyId}"));
        return "cis_" + Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>What the store keeps of a secret.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The signature header's value for <paramref name="body"/> signed at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) => Prefix + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    /// <summary>
    /// Why a signed request is refused, or null when it is good: the key must exist and not be revoked, its secret must
    /// still match the stored hash, the timestamp must be within <paramref name="window"/> of <paramref name="now"/>,
    /// and the signature must match (compared in constant time).
    /// </summary>
    public static string? Refusal(IntegrationKey? key, string signingKey, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan window)
    {
        if (key is null)
        {
            return "The integration key is unknown.";
        }

        if (key.RevokedAt is not null)
        {
            return $"The integration key was revoked at {key.RevokedAt:u}.";
        }

        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return $"Signed requests need {TimestampHeader} (Unix seconds) and {SignatureHeader} (sha256=hex HMAC-SHA256 of timestamp + \".\" + body).";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > window)
        {
            return $"{TimestampHeader} must be the current Unix time in seconds (within {window.TotalSeconds:0} s of the server's clock); a stale request is refused as a replay.";
        }

        var secret = Secret(signingKey, key.Tenant, key.KeyId);
        if (!CryptographicOperations.FixedTimeEquals(Hash(secret), key.SecretHash))
        {
            return "The integration key no longer matches this server's signing key; create a new key.";
        }

        var sent = signature.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? signature[Prefix.Length..] : signature;
        Span<byte> given = stackalloc byte[32];
        var decoded = sent.Length == 64 && Convert.FromHexString(sent, given, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32;
        var expected = Mac(secret, timestamp, body);
        var matches = CryptographicOperations.FixedTimeEquals(given, expected);
        return matches & decoded
            ? null
            : $"The {SignatureHeader} does not match the body and timestamp.";
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}

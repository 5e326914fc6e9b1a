using System.Globalization;
using System.Text;
using CrmActors.WebApi.Integration;

namespace CrmActors.WebApi.Tests;

/// <summary>The signature check on its own: good, bad, stale, revoked, unknown, and a key made under another signing key.</summary>
public sealed class IntegrationSignatureTests
{
    private const string SigningKey = "test-only-signing-key-0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"kind":"payment","id":"PAY-1","amount":30000}""");

    private static readonly string Secret = IntegrationSignature.Secret(SigningKey, "acme", "ik-1");

    private static IntegrationKey Key(DateTimeOffset? revokedAt = null) =>
        new("ik-1", "acme", "kingdee-erp", IntegrationSignature.Hash(Secret), Now.AddDays(-1), "admin-1", revokedAt, revokedAt is null ? null : "admin-1");

    private static string Stamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string? Check(IntegrationKey? key, string timestamp, string? signature, byte[]? body = null, string signingKey = SigningKey) =>
        IntegrationSignature.Refusal(key, signingKey, timestamp, signature, body ?? Body, Now, Window);

    [Fact]
    public void Refusal_GoodSignature_IsNull()
    {
        var stamp = Stamp(Now.AddSeconds(-20));

        Assert.Null(Check(Key(), stamp, IntegrationSignature.Sign(Secret, stamp, Body)));
    }

    [Fact]
    public void Refusal_SignatureOverAnotherBody_IsRefused()
    {
        var stamp = Stamp(Now);
        var signature = IntegrationSignature.Sign(Secret, stamp, Body);

        Assert.Contains("does not match", Check(Key(), stamp, signature, Encoding.UTF8.GetBytes("""{"kind":"payment","id":"PAY-1","amount":90000}""")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha256=00")]
    [InlineData("not-hex-at-all")]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    public void Refusal_MalformedOrWrongSignature_IsRefused(string signature) =>
        Assert.Contains("does not match", Check(Key(), Stamp(Now), signature), StringComparison.Ordinal);

    [Fact]
    public void Refusal_SignedWithAnotherSecret_IsRefused()
    {
        var stamp = Stamp(Now);

        Assert.Contains("does not match", Check(Key(), stamp, IntegrationSignature.Sign(IntegrationSignature.Secret(SigningKey, "acme", "ik-2"), stamp, Body)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public void Refusal_TimestampOutsideTheWindow_IsRefusedAsAReplay(int seconds)
    {
        var stamp = Stamp(Now.AddSeconds(seconds));

        Assert.Contains("stale request is refused", Check(Key(), stamp, IntegrationSignature.Sign(Secret, stamp, Body)), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_RevokedKey_IsRefusedEvenWhenSignedWell()
    {
        var stamp = Stamp(Now);

        Assert.Contains("revoked", Check(Key(revokedAt: Now.AddMinutes(-1)), stamp, IntegrationSignature.Sign(Secret, stamp, Body)), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_UnknownKeyOrMissingHeaders_IsRefused()
    {
        Assert.Contains("unknown", Check(null, Stamp(Now), "sha256=00"), StringComparison.Ordinal);
        Assert.Contains("X-Crm-Signature", Check(Key(), Stamp(Now), null), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_ServerSigningKeyChanged_KeyNoLongerMatchesItsStoredHash()
    {
        var stamp = Stamp(Now);

        Assert.Contains("no longer matches", Check(Key(), stamp, IntegrationSignature.Sign(Secret, stamp, Body), signingKey: "another-signing-key-0123456789abcdefgh"), StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_IsNotStored_OnlyItsHash_AndDiffersPerTenantAndKey()
    {
        Assert.NotEqual(Secret, IntegrationSignature.Secret(SigningKey, "other", "ik-1"));
        Assert.NotEqual(Secret, IntegrationSignature.Secret(SigningKey, "acme", "ik-2"));
        Assert.DoesNotContain(Secret, Convert.ToBase64String(Key().SecretHash), StringComparison.Ordinal);
        Assert.Equal(32, Key().SecretHash.Length);
    }
}

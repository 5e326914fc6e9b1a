using System.Globalization;
using CrmActors.WebApi.Integration;

namespace CrmActors.WebApi.Tests;

/// <summary>Signs each request as a source system does: the key id, the Unix time and sha256=HMAC-SHA256(secret, timestamp + "." + body).</summary>
public sealed class SigningHandler(string keyId, string secret) : DelegatingHandler
{
    /// <summary>The time to sign at (now when null): a stale one tests the replay window.</summary>
    public DateTimeOffset? SignedAt { get; set; }

    /// <summary>Sends no signature at all.</summary>
    public bool Unsigned { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var timestamp = (SignedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(IntegrationSignature.KeyHeader, keyId);
        if (!Unsigned)
        {
            request.Headers.Add(IntegrationSignature.TimestampHeader, timestamp);
            request.Headers.Add(IntegrationSignature.SignatureHeader, IntegrationSignature.Sign(secret, timestamp, body));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Notifications;

namespace CrmActors.Grains.Notifications;

/// <summary>
/// The HTTP request one notification becomes, per format. Every request carries <c>X-CrmActors-Timestamp</c> and,
/// with a secret, <c>X-CrmActors-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>; a DingTalk
/// robot additionally gets its own scheme (timestamp and sign query parameters: Base64 of HMAC-SHA256 over
/// "timestamp\nsecret", keyed with the secret).
/// </summary>
public sealed record class WebhookRequest(Uri Url, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The header with the signature.</summary>
    public const string SignatureHeader = "X-CrmActors-Signature";

    /// <summary>The header with the Unix time in milliseconds the signature covers.</summary>
    public const string TimestampHeader = "X-CrmActors-Timestamp";

    /// <summary>Builds the request for <paramref name="notification"/> at <paramref name="now"/>.</summary>
    public static WebhookRequest For(NotificationChannelConfig config, OutboundNotification notification, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(notification);
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        object payload = config.Format switch
        {
            WebhookFormat.DingTalk or WebhookFormat.WeCom => new { msgtype = "text", text = new { content = notification.Text } },
            WebhookFormat.Slack => new { text = notification.Text },
            _ => new { id = notification.Id, @event = notification.Event, text = notification.Text, leadId = notification.LeadId, repId = notification.RepId, createdAt = notification.CreatedAt },
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(payload);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [TimestampHeader] = timestamp };
        var url = config.Url;
        if (!string.IsNullOrEmpty(config.Secret))
        {
            headers[SignatureHeader] = "sha256=" + Convert.ToHexStringLower(Hmac(config.Secret, Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray()));
            if (config.Format == WebhookFormat.DingTalk)
            {
                var sign = Convert.ToBase64String(Hmac(config.Secret, Encoding.UTF8.GetBytes($"{timestamp}\n{config.Secret}")));
                var separator = string.IsNullOrEmpty(url.Query) ? "?" : "&";
                url = new Uri($"{url}{separator}timestamp={timestamp}&sign={Uri.EscapeDataString(sign)}");
            }
        }

        return new WebhookRequest(url, body, headers);
    }

    private static byte[] Hmac(string secret, byte[] data) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
}

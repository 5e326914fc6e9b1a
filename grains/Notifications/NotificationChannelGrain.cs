using System.Net.Http.Headers;
using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Notifications;

/// <summary>
/// A tenant's notification channel: sends signed webhook requests and keeps the channel's health. Sends come from
/// the leads' outboxes (never from an API request); a failure is the caller's to retry. After
/// <see cref="INotificationChannelGrain.FailuresBeforePause"/> failures in a row the channel pauses itself and alerts
/// the configured admin's inbox, until an admin resumes it.
/// </summary>
public sealed partial class NotificationChannelGrain(
    [PersistentState(NotificationChannelState.StateName, CrmStorage.Name)] IPersistentState<NotificationChannelState> state,
    IHttpClientFactory http,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    ILogger<NotificationChannelGrain> logger) : Grain, INotificationChannelGrain
{
    /// <summary>The named HttpClient webhooks are sent with (a short timeout; see the silo's registration).</summary>
    public const string HttpClientName = "crm-webhooks";

    private long _delivered;
    private DateTimeOffset? _lastDeliveredAt;

    private NotificationChannelState S => state.State;

    private (string Tenant, string Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<NotificationChannelSnapshot> ConfigureAsync(NotificationChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        S.Config = config;
        await state.WriteOrFailAsync(this, logger);
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<NotificationChannelSnapshot> GetAsync() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutboundNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (S.Config is not { } config)
        {
            return SendOutcome.NotConfigured;
        }

        if (S.Paused)
        {
            return SendOutcome.Paused;
        }

        var now = clock.GetUtcNow();
        var error = await PostAsync(WebhookRequest.For(config, notification, now), config.Format);
        if (error is null)
        {
            _delivered++;
            _lastDeliveredAt = now;
            if (S.ConsecutiveFailures > 0)
            {
                S.ConsecutiveFailures = 0;
                await state.WriteOrFailAsync(this, logger);
            }

            return SendOutcome.Delivered;
        }

        S.ConsecutiveFailures++;
        S.LastError = error;
        var pausing = S.ConsecutiveFailures >= INotificationChannelGrain.FailuresBeforePause;
        S.Paused = pausing;
        await state.WriteOrFailAsync(this, logger);
        LogSendFailed(logger, this.GetPrimaryKeyString(), error, S.ConsecutiveFailures);
        if (pausing && config.AlertRepId is { } admin)
        {
            await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Key.Tenant, admin)).DeliverAsync(new InboxItem(
                Id: $"{Key.Id}/paused/{now.ToUnixTimeMilliseconds()}",
                Kind: "notification-channel-paused",
                Title: $"Notification channel '{NotificationChannels.ChannelOf(Key.Id)}' paused after {S.ConsecutiveFailures} failed sends in a row (last: {error}). Fix the webhook, then resume it.",
                LeadId: null,
                CreatedAt: now));
        }

        return SendOutcome.Failed;
    }

    /// <inheritdoc />
    public async Task<NotificationChannelSnapshot> ResumeAsync(string by)
    {
        if (S.Paused || S.ConsecutiveFailures > 0)
        {
            S.Paused = false;
            S.ConsecutiveFailures = 0;
            await state.WriteOrFailAsync(this, logger);
            LogResumed(logger, this.GetPrimaryKeyString(), by);
        }

        return Snapshot();
    }

    /// <summary>Posts the request; null when the receiver accepted it, otherwise why not.</summary>
    private async Task<string?> PostAsync(WebhookRequest request, WebhookFormat format)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, request.Url) { Content = new ByteArrayContent(request.Body) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await http.CreateClient(HttpClientName).SendAsync(message);
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            // DingTalk and WeCom robots answer 200 with an error code in the body (bad signature, rate limit).
            return format is WebhookFormat.DingTalk or WebhookFormat.WeCom ? RobotError(await response.Content.ReadAsStringAsync()) : null;
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }

    private static string? RobotError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("errcode", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() != 0
                ? $"errcode {code.GetInt32()}: {(json.RootElement.TryGetProperty("errmsg", out var text) ? text.GetString() : "")}"
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private NotificationChannelSnapshot Snapshot() => new(
        NotificationChannels.ChannelOf(Key.Id), S.Config, S.Paused, S.ConsecutiveFailures, S.LastError, _lastDeliveredAt, _delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification channel {ChannelKey}: send failed ({Error}), {Failures} in a row")]
    private static partial void LogSendFailed(ILogger logger, string channelKey, string error, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification channel {ChannelKey} resumed by {By}")]
    private static partial void LogResumed(ILogger logger, string channelKey, string by);
}

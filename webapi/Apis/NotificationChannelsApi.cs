using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>
/// /api/v1/notification-channels: where routing's notifications go per channel (sms, dingTalk, weCom, email), and
/// resuming a channel that paused itself. Admin only: these send the tenant's data outside the product.
/// </summary>
public static class NotificationChannelsApi
{
    private static readonly Dictionary<string, WebhookFormat> Formats = new(StringComparer.Ordinal)
    {
        ["dingTalk"] = WebhookFormat.DingTalk,
        ["weCom"] = WebhookFormat.WeCom,
        ["slack"] = WebhookFormat.Slack,
        ["json"] = WebhookFormat.Json,
    };

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapNotificationChannelsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var channels = api.MapGroup("/notification-channels").WithTags("Notifications").RequireAuthorization(AuthenticationSetup.Administer);
        channels.MapGet("/", ListAsync).WithName("ListNotificationChannels").WithSummary("Every notification channel with its webhook (secret withheld) and health");
        channels.MapPut("/{channel}", PutAsync).WithName("PutNotificationChannel").WithSummary("Set the webhook of a channel").AuditedConfig();
        channels.MapPost("/{channel}/resume", ResumeAsync).WithName("ResumeNotificationChannel").WithSummary("Resume a channel that paused itself after repeated failures").AuditedConfig();
        return api;
    }

    private static async Task<Ok<NotificationChannelResponse[]>> ListAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Ok((await Task.WhenAll(NotificationChannels.Webhooks.Select(c => Channel(grains, caller, c).GetAsync()))).Select(ToResponse).ToArray());

    private static async Task<Results<Ok<NotificationChannelResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string channel, PutNotificationChannelRequest request, Caller caller, IGrainFactory grains)
    {
        var errors = CheckChannel(channel, new FieldErrors())
            .Required(request.Format, "format", 16)
            .Required(request.Url, "url", 2000)
            .MaxLength(request.Secret, "secret", 200);
        if (request.Format is { Length: > 0 } format && !Formats.ContainsKey(format))
        {
            errors.Add("format", $"'format' must be one of: {string.Join(", ", Formats.Keys)}.");
        }

        if (request.Url is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http")))
        {
            errors.Add("url", "'url' must be an absolute http or https URL.");
        }

        if (request.AlertRepId is { } alert && !Identifier.IsValid(alert))
        {
            errors.Add("alertRepId", "'alertRepId' must be a rep id.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        if (request.AlertRepId is { } admin && await grains.GetGrain<IRepGrain>(caller.Key(admin)).GetProfileAsync() is null)
        {
            return NotFoundProblem.For("Rep", admin, "alertRepId");
        }

        var config = new NotificationChannelConfig(Formats[request.Format!], new Uri(request.Url!), string.IsNullOrEmpty(request.Secret) ? null : request.Secret, request.AlertRepId, caller.UserId);
        return TypedResults.Ok(ToResponse(await Channel(grains, caller, channel).ConfigureAsync(config)));
    }

    private static async Task<Results<Ok<NotificationChannelResponse>, ValidationProblem>> ResumeAsync(string channel, Caller caller, IGrainFactory grains)
    {
        var errors = CheckChannel(channel, new FieldErrors());
        return errors.IsEmpty ? TypedResults.Ok(ToResponse(await Channel(grains, caller, channel).ResumeAsync(caller.UserId))) : errors.ToProblem();
    }

    private static FieldErrors CheckChannel(string channel, FieldErrors errors) =>
        NotificationChannels.Webhooks.Contains(channel, StringComparer.Ordinal) ? errors : errors.Add("channel", $"'channel' must be one of: {string.Join(", ", NotificationChannels.Webhooks)}.");

    private static INotificationChannelGrain Channel(IGrainFactory grains, Caller caller, string channel) =>
        grains.GetGrain<INotificationChannelGrain>(NotificationChannels.GrainKey(caller.Tenant, channel));

    private static NotificationChannelResponse ToResponse(NotificationChannelSnapshot channel) => new(
        channel.Channel,
        channel.Config is not null,
        channel.Config is { } c ? Formats.First(f => f.Value == c.Format).Key : null,
        channel.Config?.Url.ToString(),
        channel.Config?.Secret is not null,
        channel.Config?.AlertRepId,
        channel.Paused,
        channel.ConsecutiveFailures,
        channel.LastError);
}

using CrmActors.GrainInterfaces.Intake;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Intake;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>/api/v1/channels: the tenant's channel dictionary (canonical channels and the spellings that mean them).</summary>
public static class ChannelsApi
{
    /// <summary>Maps the channel endpoints.</summary>
    public static RouteGroupBuilder MapChannelsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var channels = api.MapGroup("/channels").WithTags("Channels");
        channels.MapGet("/", GetAsync).WithName("GetChannels").WithSummary("The channel dictionary");
        channels.MapPut("/{channel}", PutAsync).WithName("PutChannel").WithSummary("Create a channel or replace its aliases (admin)").RequireAuthorization(AuthenticationSetup.Administer).AuditedConfig();
        channels.MapDelete("/{channel}", DeleteAsync).WithName("DeleteChannel").WithSummary("Remove a channel (admin)").RequireAuthorization(AuthenticationSetup.Administer).AuditedConfig();
        return api;
    }

    private static async Task<Ok<ChannelsResponse>> GetAsync(Caller caller, ChannelDictionaryCache cache) =>
        TypedResults.Ok((await cache.Grain(caller.Tenant).GetAsync()).ToResponse());

    private static async Task<Results<Ok<ChannelsResponse>, ValidationProblem>> PutAsync(string channel, PutChannelRequest request, Caller caller, ChannelDictionaryCache cache)
    {
        if (request.Aliases is null)
        {
            return new FieldErrors().Add("aliases", "'aliases' is required (an empty list means only the channel's own name).").ToProblem();
        }

        var set = await cache.Grain(caller.Tenant).PutChannelAsync(channel, request.Aliases);
        cache.Store(caller.Tenant, set);
        return TypedResults.Ok(set.ToResponse());
    }

    private static async Task<Ok<ChannelsResponse>> DeleteAsync(string channel, Caller caller, ChannelDictionaryCache cache)
    {
        var set = await cache.Grain(caller.Tenant).RemoveChannelAsync(channel);
        cache.Store(caller.Tenant, set);
        return TypedResults.Ok(set.ToResponse());
    }

    private static ChannelsResponse ToResponse(this ChannelSet set) =>
        new([.. set.Channels.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ChannelResponse(c.Key, c.Value))], set.Version);
}

using CrmActors.GrainInterfaces.Conversations;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>
/// Conversations become records: a chat export or call transcript posted on a lead is drafted into a typed activity
/// (who, need, budget, dates, competitors, objections, next step, each with its evidence), which the rep confirms or
/// edits in one call. Whoever may log activities on the lead may post and confirm.
/// </summary>
public static class ConversationsApi
{
    /// <summary>Longest conversation accepted, in characters.</summary>
    public const int MaxTextLength = 20_000;

    /// <summary>Most lines a conversation may have.</summary>
    public const int MaxLines = 2_000;

    private static readonly string[] Channels = ["chat", "call"];

    /// <summary>Maps the conversation endpoints.</summary>
    public static RouteGroupBuilder MapConversationsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var leads = api.MapGroup("/leads").WithTags("Conversations");
        leads.MapPost("/{id}/conversations", PostAsync).WithName("PostConversation").WithSummary("Post a chat export or call transcript; answers the drafted activity with every field and the text it came from");
        leads.MapGet("/{id}/conversations/{draftId}", GetAsync).WithName("GetConversationDraft").WithSummary("A drafted activity, pending or confirmed");
        leads.MapPost("/{id}/conversations/{draftId}/confirm", ConfirmAsync).WithName("ConfirmConversationDraft").WithSummary("Confirm the draft, with optional edits: the activity is logged on the lead like any other");
        return api;
    }

    private static async Task<Results<Created<ConversationDraft>, ValidationProblem, ProblemHttpResult>> PostAsync(
        string id, PostConversationRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().Required(request.Text, "text", MaxTextLength);
        if (request.Text is { } text && text.Count(c => c == '\n') >= MaxLines)
        {
            errors.Add("text", $"'text' must have at most {MaxLines} lines.");
        }

        if (request.Channel is { } channel && !Channels.Contains(channel, StringComparer.Ordinal))
        {
            errors.Add("channel", $"'channel' must be one of: {string.Join(", ", Channels)}.");
        }

        var speakers = request.RepSpeakers ?? [];
        if (speakers.Count > 10)
        {
            errors.Add("repSpeakers", "At most 10 speakers.");
        }

        for (var i = 0; i < speakers.Count; i++)
        {
            errors.Required(speakers[i], $"repSpeakers[{i}]", 64);
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var (_, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "post conversations on");
        if (refused is not null)
        {
            return refused;
        }

        var draft = await Drafts(grains, caller, id).DraftAsync(new NewConversation(request.Text!, request.Channel, speakers, request.At, caller.UserId));
        return TypedResults.Created($"/api/v1/leads/{id}/conversations/{draft.Id}", draft);
    }

    private static async Task<Results<Ok<ConversationDraft>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, string draftId, Caller caller, IGrainFactory grains)
    {
        if ((RouteIds.Check(id, "id") ?? RouteIds.Check(draftId, "draftId")) is { } bad)
        {
            return bad;
        }

        var (_, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "read the conversations of");
        if (refused is not null)
        {
            return refused;
        }

        return await Drafts(grains, caller, id).GetAsync(draftId) is { } draft
            ? TypedResults.Ok(draft)
            : NotFoundProblem.For("Conversation draft", draftId, "draftId");
    }

    private static async Task<Results<Ok<ConfirmConversationResponse>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        string id, string draftId, ConfirmConversationRequest request, Caller caller, IGrainFactory grains)
    {
        if ((RouteIds.Check(id, "id") ?? RouteIds.Check(draftId, "draftId")) is { } bad)
        {
            return bad;
        }

        var (_, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "confirm conversations on");
        if (refused is not null)
        {
            return refused;
        }

        var result = await Drafts(grains, caller, id).ConfirmAsync(draftId, new ConversationEdits(
            request.Type, request.Fields, request.Summary, request.Tags, request.At, request.NextFollowUpAt, request.AppointmentAt,
            request.NoFollowUp ?? false, caller.UserId));
        if (result.Errors.Count > 0)
        {
            return FieldErrors.From(result.Errors).ToProblem();
        }

        return TypedResults.Ok(new ConfirmConversationResponse(result.Draft!, result.Draft!.ActivityId!, result.Lead!.ToResponse()));
    }

    private static IConversationGrain Drafts(IGrainFactory grains, Caller caller, string leadId) =>
        grains.GetGrain<IConversationGrain>(caller.Key(leadId));
}

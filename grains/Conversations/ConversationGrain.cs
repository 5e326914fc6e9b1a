using CrmActors.Conversations;
using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Conversations;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using CrmActors.Grains.FollowUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Conversations;

/// <summary>
/// Drafts activities from conversations posted on a lead (the extractor runs here, in-process: nothing leaves the
/// machine), keeps them until the rep confirms, and logs the confirmed activity through the lead, so it counts like any
/// other (funnel stage, first touch, 3-minute rule, follow-up deadline). Relative dates resolve in the tenant's zone.
/// </summary>
public sealed class ConversationGrain(
    [PersistentState(ConversationState.StateName, CrmStorage.Name)] IPersistentState<ConversationState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    FollowUpPolicyCache policies,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    /// <summary>The zone used when the tenant's policy has no calendar.</summary>
    public const string DefaultZone = "Asia/Shanghai";

    private const string Pending = "pending";
    private const string Confirmed = "confirmed";

    private ConversationState S => state.State;

    private (string Tenant, string Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<ConversationDraft> DraftAsync(NewConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var zone = await ZoneAsync();
        var now = clock.GetUtcNow();
        var transcript = TranscriptParser.Parse(conversation.Text, conversation.At ?? now, zone);
        if (transcript.Utterances.Count == 0)
        {
            throw CrmException.Invalid("text", "No line could be read as a message: write 'speaker: text' per line (a time before the speaker is fine), or paste a WeChat/WeCom export with its 'name time' header lines.");
        }

        if (S.Drafts.Count >= IConversationGrain.MaxDrafts)
        {
            var oldest = S.Drafts.FirstOrDefault(d => d.Status == Confirmed)
                ?? throw new CrmException(CrmErrorCode.Conflict, $"This lead already has {IConversationGrain.MaxDrafts} drafts waiting; confirm them first.", "text");
            S.Drafts.Remove(oldest);
        }

        var fields = ConversationExtractor.Extract(transcript, conversation.RepSpeakers, zone);
        var lastAt = transcript.Utterances.Max(u => u.At);
        var proposal = ConversationActivity.Propose(fields, conversation.Channel, lastAt, zone);
        S.Sequence++;
        var draft = new ConversationDraft(
            $"C{S.Sequence}", Key.Id, Pending, conversation.Channel ?? fields.Kind, now, conversation.ByUser, lastAt,
            fields.Speakers, fields.RepSpeakers,
            Field(fields.ContactName), Field(fields.ContactRole), Field(fields.Need),
            fields.Budget is { } b ? new DraftBudget(b.Min, b.Max, b.Currency, Of(b.Evidence)) : null,
            [.. fields.Dates.Select(d => new DraftDate(d.Date, d.Phrase, Of(d.Evidence)))],
            [.. fields.Competitors.Select(c => Field(c)!)],
            [.. fields.Objections.Select(o => Field(o)!)],
            Field(fields.NextStep),
            proposal.Type, proposal.Fields, proposal.Summary, proposal.Tags, proposal.NextFollowUpAt,
            ActivityId: null, ConfirmedAt: null, ConfirmedBy: null);
        S.Drafts.Add(draft);
        await state.WriteOrFailAsync(this, logger);
        return draft;
    }

    /// <inheritdoc />
    public Task<ConversationDraft?> GetAsync(string draftId) =>
        Task.FromResult(S.Drafts.FirstOrDefault(d => d.Id == draftId));

    /// <inheritdoc />
    public async Task<ConversationConfirmation> ConfirmAsync(string draftId, ConversationEdits edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var draft = S.Drafts.FirstOrDefault(d => d.Id == draftId) ?? throw CrmException.NotFound("Conversation draft", draftId, "draftId");
        if (draft.Status == Confirmed)
        {
            throw new CrmException(CrmErrorCode.Conflict, $"Draft '{draftId}' was already confirmed as activity '{draft.ActivityId}'.", "draftId");
        }

        var now = clock.GetUtcNow();
        var typeId = edits.Type ?? draft.ActivityType;
        var required = ActivityType.Find(typeId)?.RequiredFields ?? [];
        var fields = draft.ActivityFields.Where(f => required.Contains(f.Key, StringComparer.Ordinal) || f.Key == ConversationActivity.BudgetField)
            .ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.Ordinal);
        foreach (var (name, value) in edits.Fields ?? new Dictionary<string, string?>())
        {
            fields[name] = value;
        }

        var at = edits.At ?? (draft.LastMessageAt <= now && draft.LastMessageAt >= now - ActivityValidator.MaxBackdating ? draft.LastMessageAt : null);
        var next = edits.NoFollowUp ? null : edits.NextFollowUpAt ?? (draft.SuggestedNextFollowUpAt > now ? draft.SuggestedNextFollowUpAt : null);
        var lead = GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(Key.Tenant, Key.Id));
        var result = await lead.LogActivityAsync(new NewActivity(
            typeId, fields, [EvidenceRef.OfConversationDraft(Key.Id, draftId)], edits.Tags ?? draft.Tags,
            edits.Summary ?? draft.Summary, at, next, edits.AppointmentAt, edits.ByUser));
        if (result.Errors.Count > 0)
        {
            return new ConversationConfirmation(null, null, result.Errors);
        }

        var confirmed = draft with { Status = Confirmed, ActivityId = result.ActivityId, ConfirmedAt = now, ConfirmedBy = edits.ByUser };
        S.Drafts[S.Drafts.IndexOf(draft)] = confirmed;
        await state.WriteOrFailAsync(this, logger);
        return new ConversationConfirmation(confirmed, result.Lead, []);
    }

    private async Task<TimeZoneInfo> ZoneAsync()
    {
        var policy = (await policies.GetAsync(Key.Tenant)).Policy;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(policy.Calendar?.TimeZone ?? DefaultZone);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById(DefaultZone);
        }
    }

    private static DraftEvidence Of(Evidence e) => new(e.Text, e.Start, e.Length, e.Speaker, e.At);

    private static DraftField? Field(ExtractedText? value) => value is null ? null : new DraftField(value.Value, Of(value.Evidence));
}

using CrmActors.GrainInterfaces.Conversations;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Conversations;
using CrmActors.Grains.Tests.Common;

namespace CrmActors.Grains.Tests.Conversations;

/// <summary>A conversation draft confirmed into the lead's activity: once, however often the confirmation comes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConversationConfirmTests(ClusterFixture fixture)
{
    private const string Chat = """
        李娜: 张主任您好，我是迈康医疗的李娜
        张主任: 预算大概80万，你们的价格有点贵
        李娜: 下周三带机器过来给您现场演示可以吗？
        张主任: 可以
        """;

    private readonly TestData _data = new(fixture.Grains);

    private static ConversationEdits Confirm() => new(null, null, null, null, null, null, null, NoFollowUp: true, "rep-li");

    [Fact]
    public async Task Confirm_AgainAfterTheConversationsWriteFailed_FindsTheActivityTheFirstOneLogged()
    {
        await _data.TeamAsync();
        var lead = _data.Lead("lead-1");
        await lead.CreateAsync(new NewLead("Dr. Liu", "13800138000", "website_form", "implants", null, null, "Ruijin", "rep-li"));
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(_data.Key("lead-1"));
        var draft = await conversation.DraftAsync(new NewConversation(Chat, null, ["李娜"], null, "rep-li"));

        // The lead logs the activity; the conversation's own write, after it, fails.
        FaultyStorage.FailNextWrites(_data.Key("lead-1"), 1, ConversationState.StateName);
        await Assert.ThrowsAnyAsync<Exception>(() => conversation.ConfirmAsync(draft.Id, Confirm()));
        var confirmed = await conversation.ConfirmAsync(draft.Id, Confirm());

        Assert.Empty(confirmed.Errors);
        var fromDraft = (await lead.GetAsync())!.Activities!.Where(a => a.Evidence.Contains(EvidenceRef.OfConversationDraft("lead-1", draft.Id))).ToList();
        var activity = Assert.Single(fromDraft);
        Assert.Equal(activity.Id, confirmed.Draft!.ActivityId);
        Assert.Equal("confirmed", (await conversation.GetAsync(draft.Id))!.Status);
    }
}

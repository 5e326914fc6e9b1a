namespace CrmActors.Conversations;

/// <summary>The typed activity a conversation proposes: its type, the fields it can fill, a summary, tags and a follow-up.</summary>
/// <param name="Type">The activity type (<c>call</c> for a call or voice transcript, else <c>wechat-chat</c>).</param>
/// <param name="Fields">Every activity field the conversation fills (<c>outcome</c>, <c>budget</c> (CNY, which the opportunity check reads), <c>attendees</c>, <c>customerFeedback</c>, <c>customerWords</c>, <c>openQuestions</c>, <c>products</c>); a confirmation sends those its type requires and the budget.</param>
/// <param name="Summary">What was said, field by field, in one paragraph.</param>
/// <param name="Tags">One per objection (<c>objection:price</c>) and competitor (<c>competitor:mindray</c>).</param>
/// <param name="NextFollowUpAt">The first promised date after the conversation's last day, at 09:00 local time; null when none.</param>
public sealed record class ActivityProposal(string Type, IReadOnlyDictionary<string, string> Fields, string Summary, IReadOnlyList<string> Tags, DateTimeOffset? NextFollowUpAt);

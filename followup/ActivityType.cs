namespace CrmActors.FollowUp;

/// <summary>
/// One kind of follow-up a rep logs, with the sub-fields that make it mean something (S4) and the funnel stage it
/// proves. Field names are the API's (<c>fields.customerWords</c>).
/// </summary>
/// <param name="Id">The type's name in the API, e.g. <c>objection-handling</c>.</param>
/// <param name="RequiredFields">Sub-fields that must be filled.</param>
/// <param name="Stage">The stage the activity proves the lead reached.</param>
/// <param name="StartsPromise">True when the activity promises the customer a document whose opening is tracked ("proposal sent").</param>
public sealed record class ActivityType(string Id, IReadOnlyList<string> RequiredFields, FunnelStage Stage, bool StartsPromise = false)
{
    /// <summary>Needs clarification: what is still open.</summary>
    public static ActivityType NeedsClarification { get; } = new("needs-clarification", ["openQuestions"], FunnelStage.Qualifying);

    /// <summary>Solution demo: who attended and how they reacted.</summary>
    public static ActivityType SolutionDemo { get; } = new("solution-demo", ["attendees", "customerFeedback"], FunnelStage.Demonstrated);

    /// <summary>Quote sent: the product list and the quote document (S4); starts the proposal countdown.</summary>
    public static ActivityType QuoteSent { get; } = new("quote-sent", ["products", "quoteDocument"], FunnelStage.Proposal, StartsPromise: true);

    /// <summary>Objection handling: the customer's words, our response, what is still to verify (S4).</summary>
    public static ActivityType ObjectionHandling { get; } = new("objection-handling", ["customerWords", "ourResponse", "toVerify"], FunnelStage.Negotiation);

    /// <summary>Technical Q&amp;A: the question and our answer (S4).</summary>
    public static ActivityType TechnicalQa { get; } = new("technical-qa", ["question", "answer"], FunnelStage.Qualifying);

    /// <summary>Visit: who was met and what came of it.</summary>
    public static ActivityType Visit { get; } = new("visit", ["attendees", "outcome"], FunnelStage.Demonstrated);

    /// <summary>Call: what came of it.</summary>
    public static ActivityType Call { get; } = new("call", ["outcome"], FunnelStage.Contacted);

    /// <summary>WeChat chat: what came of it.</summary>
    public static ActivityType WeChatChat { get; } = new("wechat-chat", ["outcome"], FunnelStage.Contacted);

    /// <summary>Email: its subject and what it asked or answered.</summary>
    public static ActivityType Email { get; } = new("email", ["subject", "outcome"], FunnelStage.Contacted);

    /// <summary>Every type, in the order the API lists them.</summary>
    public static IReadOnlyList<ActivityType> All { get; } =
        [NeedsClarification, SolutionDemo, QuoteSent, ObjectionHandling, TechnicalQa, Visit, Call, WeChatChat, Email];

    /// <summary>The type named <paramref name="id"/>, or null.</summary>
    public static ActivityType? Find(string? id) => All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    /// <summary>The kinds of evidence an activity may reference.</summary>
    public static IReadOnlyList<string> EvidenceKinds { get; } = ["recording", "screenshot", "email-receipt", "calendar-invite", "document"];
}

namespace CrmActors.MlModels;

/// <summary>One next action a rep can take, as the recommender names it.</summary>
/// <param name="Id">Stable id, e.g. <c>installment-plan</c>; logged as the tag <c>action:{id}</c> on an activity.</param>
/// <param name="Card">What the rep sees.</param>
/// <param name="ActivityType">The follow-up activity type that carries this action when no <c>action:</c> tag says otherwise.</param>
/// <param name="HintId">The rule hint (followup's <c>HintRule</c>) that suggests the same action, if any.</param>
public sealed record class NextAction(string Id, string Card, string ActivityType, string? HintId = null);

/// <summary>
/// The action catalogue the models predict over. The order is the model's class order: a model file records
/// the catalogue it was trained with and is refused when it differs (see <see cref="Serving.ModelManifest"/>).
/// </summary>
public static class ActionCatalogue
{
    /// <summary>The tag prefix that names the action an activity carried out.</summary>
    public const string TagPrefix = "action:";

    /// <summary>Every action, in class order.</summary>
    public static IReadOnlyList<NextAction> All { get; } =
    [
        new("call-back", "Call the customer back", "call"),
        new("send-case-study", "Send a case study from the customer's industry", "email"),
        new("schedule-demo", "Schedule a solution demo", "solution-demo"),
        new("send-quote", "Prepare and send the quote", "quote-sent", "move-to-quote"),
        new("installment-plan", "Offer the installment-payment plan", "email", "installment-plan"),
        new("contract-template", "Send the contract template and the production schedule", "email", "contract-template"),
        new("competitor-comparison", "Send the top-3 competitor comparison sheet", "email", "competitor-comparison"),
        new("escalate-supervisor", "Bring in your supervisor", "call"),
        new("service-manager-call", "Ask the service manager to call the customer", "call", "service-manager-call"),
        new("objection-handling", "Handle the hesitation with the customer's own words", "objection-handling", "objection-handling"),
    ];

    /// <summary>The number of classes (a constant: feature vectors are sized by it; <see cref="All"/> must match).</summary>
    public const int Count = 10;

    static ActionCatalogue()
    {
        if (All.Count != Count)
        {
            throw new InvalidOperationException($"The action catalogue lists {All.Count} actions but Count says {Count}.");
        }
    }

    /// <summary>The customer signal an action answers (an installment plan answers price sensitivity ...), or null.</summary>
    public static Signal? Answers(string action) => action switch
    {
        "installment-plan" => Signal.PriceSensitive,
        "contract-template" => Signal.DeliveryQuestion,
        "competitor-comparison" => Signal.Competitor,
        "service-manager-call" => Signal.AfterSalesView,
        "objection-handling" => Signal.Hesitation,
        "send-case-study" => Signal.TechnicalQuestion,
        "send-quote" => Signal.PriceAsk,
        _ => null,
    };

    /// <summary>A fingerprint of the catalogue (ids in order), stored with each model.</summary>
    public static string Fingerprint { get; } = string.Join(",", All.Select(a => a.Id));

    /// <summary>The class index of <paramref name="id"/>, or -1.</summary>
    public static int IndexOf(string? id)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The action an activity carried out: its <c>action:</c> tag when it has one, otherwise the action its type
    /// stands for (a call is a call-back, a quote-sent a quote...); null for types that map to no action.
    /// </summary>
    public static string? ActionOf(string activityType, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags)
        {
            if (tag.StartsWith(TagPrefix, StringComparison.OrdinalIgnoreCase) && IndexOf(tag[TagPrefix.Length..]) >= 0)
            {
                return tag[TagPrefix.Length..];
            }
        }

        return activityType switch
        {
            "call" or "wechat-chat" => "call-back",
            "solution-demo" or "visit" => "schedule-demo",
            "quote-sent" => "send-quote",
            "objection-handling" => "objection-handling",
            "technical-qa" or "email" => "send-case-study",
            _ => null,
        };
    }
}

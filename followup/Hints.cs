namespace CrmActors.FollowUp;

/// <summary>
/// A next-step hint the tenant writes as data (S5), e.g. three "price-sensitive" tags suggest the installment plan.
/// A rule fires on a tag count (optionally counted only after the first activity of a type) or on a phrase in the
/// latest activity.
/// </summary>
public sealed class HintRule
{
    /// <summary>A stable id, e.g. <c>installment-plan</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The card the rep sees.</summary>
    public string Card { get; init; } = string.Empty;

    /// <summary>The tag to count (activities' tags; site visits add <c>page:{path}</c>).</summary>
    public string? WhenTag { get; init; }

    /// <summary>How many times the tag must have been seen (default 1).</summary>
    public int AtLeast { get; init; } = 1;

    /// <summary>Count the tag only after the first activity of this type (e.g. after a <c>solution-demo</c>).</summary>
    public string? AfterActivity { get; init; }

    /// <summary>Phrases any of which, in the latest activity's text, fires the rule (case-insensitive).</summary>
    public IReadOnlyList<string> WhenPhrase { get; init; } = [];

    /// <summary>The field's patterns (S5), as a tenant would first write them.</summary>
    public static IReadOnlyList<HintRule> FieldDefaults { get; } =
    [
        new() { Id = "installment-plan", Card = "Offer the installment-payment plan", WhenTag = "price-sensitive", AtLeast = 3 },
        new() { Id = "contract-template", Card = "Send the contract template and the production schedule", WhenTag = "delivery-time", AtLeast = 3 },
        new() { Id = "competitor-comparison", Card = "Send the top-3 competitor comparison sheet", WhenTag = "competitor", AtLeast = 2, AfterActivity = "solution-demo" },
        new() { Id = "service-manager-call", Card = "Ask the service manager to call the customer", WhenTag = "page:after-sales-policy", AtLeast = 3 },
        new() { Id = "objection-handling", Card = "Handle the hesitation: log an objection-handling activity with the customer's words", WhenPhrase = ["let me think", "考虑一下", "再想想"] },
        new() { Id = "move-to-quote", Card = "The customer asks for a price: prepare the quote", WhenPhrase = ["how much", "多少钱", "报价"] },
    ];

    /// <summary>The hints that fire for <paramref name="history"/> (oldest first), with the reason for each.</summary>
    public static IReadOnlyList<Hint> Evaluate(IReadOnlyList<HintRule> rules, IReadOnlyList<HintActivity> history)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(history);
        var hints = new List<Hint>();
        var latest = history.Count == 0 ? null : history[^1];
        foreach (var rule in rules)
        {
            if (rule.WhenTag is { } tag)
            {
                var start = rule.AfterActivity is { } after ? FirstIndexOf(history, after) : 0;
                if (start < 0)
                {
                    continue;
                }

                var count = 0;
                for (var i = start; i < history.Count; i++)
                {
                    count += history[i].Tags.Count(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase));
                }

                if (count >= rule.AtLeast)
                {
                    hints.Add(new Hint(rule.Id, rule.Card, $"'{tag}' seen {count} times" + (rule.AfterActivity is { } a ? $" since the first {a}" : string.Empty)));
                }
            }
            else if (latest is not null && rule.WhenPhrase.FirstOrDefault(p => latest.Text.Contains(p, StringComparison.OrdinalIgnoreCase)) is { } phrase)
            {
                hints.Add(new Hint(rule.Id, rule.Card, $"the latest {latest.Type} says \"{phrase}\""));
            }
        }

        return hints;
    }

    private static int FirstIndexOf(IReadOnlyList<HintActivity> history, string type)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Type == type)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>What a hint rule reads of one activity or site visit.</summary>
/// <param name="Type">The activity type, or <c>site-visit</c>.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Text">Its summary and field values, for phrase rules.</param>
public sealed record class HintActivity(string Type, IReadOnlyList<string> Tags, string Text);

/// <summary>A fired hint: the rule's id and card, and why it fired.</summary>
public sealed record class Hint(string Id, string Card, string Reason);

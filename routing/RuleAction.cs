namespace CrmActors.Routing;

/// <summary>What happens to a lead when a rule fires (or, for the rule set's fallback, when none does).</summary>
public sealed record class RuleAction
{
    /// <summary>The default first-touch window: the field's "golden 48 hours".</summary>
    public static readonly TimeSpan DefaultFirstTouchSla = TimeSpan.FromHours(48);

    /// <summary>Who may own the lead.</summary>
    public required RouteTarget Target { get; init; }

    /// <summary>A second role put on the lead next to the owner.</summary>
    public CoAssignRole CoAssign { get; init; } = CoAssignRole.None;

    /// <summary>The group technical engineers are picked from; required with <see cref="CoAssignRole.TechnicalEngineer"/>, not allowed otherwise.</summary>
    public string? TechnicalEngineerGroup { get; init; }

    /// <summary>The lead's urgency.</summary>
    public Urgency Urgency { get; init; } = Urgency.Normal;

    /// <summary>How long the owner has for the first touch; between 1 minute and 30 days.</summary>
    public TimeSpan FirstTouchSla { get; init; } = DefaultFirstTouchSla;

    /// <summary>Channels on which the owner (and co-assignee) is alerted.</summary>
    public IReadOnlyList<NotifyChannel> Notify { get; init; } = [];
}

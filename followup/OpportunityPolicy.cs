namespace CrmActors.FollowUp;

/// <summary>
/// When a lead counts as an opportunity (S8): a meeting happened, the budget is known (not "TBD"), a document is
/// attached, and the supervisor confirmed the rep's claim within the tenant's hours. Each check can be switched off.
/// </summary>
public sealed class OpportunityPolicy
{
    /// <summary>Require a visit or a solution demo among the activities.</summary>
    public bool RequireMeeting { get; init; } = true;

    /// <summary>Require a known budget (captured, or a non-"TBD" <c>budget</c> field in an activity).</summary>
    public bool RequireBudget { get; init; } = true;

    /// <summary>Require a document (a quote, or a document or email-receipt evidence).</summary>
    public bool RequireDocument { get; init; } = true;

    /// <summary>Hours after the rep's claim within which the supervisor must confirm; 0 switches the check off.</summary>
    public int ConfirmWithinHours { get; init; } = 72;

    /// <summary>Every check with whether it passed and why; the opportunity counts when all passed.</summary>
    public IReadOnlyList<OpportunityCheck> Evaluate(OpportunityFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var checks = new List<OpportunityCheck>();
        if (RequireMeeting)
        {
            checks.Add(new("meeting", facts.MeetingAt is not null, facts.MeetingAt is { } at ? $"met on {at:u}" : "no visit or solution demo logged"));
        }

        if (RequireBudget)
        {
            checks.Add(new("budget", facts.Budget is not null, facts.Budget is { } budget ? $"budget {budget:0.##}" : "the budget is unknown or TBD"));
        }

        if (RequireDocument)
        {
            checks.Add(new("document", facts.Document is not null, facts.Document is { } document ? $"document {document}" : "no quote or document attached"));
        }

        if (ConfirmWithinHours > 0)
        {
            var window = TimeSpan.FromHours(ConfirmWithinHours);
            var passed = facts is { ClaimedAt: { } claimed, ConfirmedAt: { } confirmed } && confirmed - claimed <= window;
            var detail = (facts.ClaimedAt, facts.ConfirmedAt) switch
            {
                (null, _) => "not claimed as an opportunity yet",
                ({ } c, null) => $"claimed {c:u}, not confirmed by the supervisor",
                ({ } c, { } f) when f - c <= window => $"confirmed by {facts.ConfirmedBy} {(f - c).TotalHours:0} h after the claim",
                ({ } c, { } f) => $"confirmed {(f - c).TotalHours:0} h after the claim, later than {ConfirmWithinHours} h",
            };
            checks.Add(new("supervisor-confirmed", passed, detail));
        }

        return checks;
    }

    /// <summary>Problems, under <c>opportunity</c>.</summary>
    public IEnumerable<FollowUpError> Check()
    {
        if (ConfirmWithinHours is < 0 or > 24 * 30)
        {
            yield return new("opportunity.confirmWithinHours", "Must be between 0 (off) and 720.");
        }
    }
}

/// <summary>What the opportunity checks read of a lead.</summary>
public sealed record class OpportunityFacts(DateTimeOffset? MeetingAt, decimal? Budget, string? Document, DateTimeOffset? ClaimedAt, DateTimeOffset? ConfirmedAt, string? ConfirmedBy);

/// <summary>One check: its name, whether it passed, and why.</summary>
public sealed record class OpportunityCheck(string Name, bool Passed, string Detail);

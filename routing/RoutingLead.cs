using System.Text.Json.Serialization;
using static System.FormattableString;

namespace CrmActors.Routing;

/// <summary>
/// The routing view of a lead: only what rules and scoring read. Text values are compared ignoring case;
/// missing values are null and never match a condition.
/// </summary>
public sealed record class RoutingLead
{
    /// <summary>The lead's id.</summary>
    public required string Id { get; init; }

    /// <summary>The canonical source channel (intake's channel dictionary), e.g. <c>douyin_dm</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The customer's industry.</summary>
    public string? Industry { get; init; }

    /// <summary>The institution level, e.g. <c>class-3 hospital</c>.</summary>
    public string? InstitutionLevel { get; init; }

    /// <summary>The product asked about.</summary>
    public string? Product { get; init; }

    /// <summary>The customer's region.</summary>
    public string? Region { get; init; }

    /// <summary>The customer's language.</summary>
    public string? Language { get; init; }

    /// <summary>The stated budget in CNY; null when unknown ("TBD").</summary>
    public decimal? Budget { get; init; }

    /// <summary>
    /// Lead quality as a score from 0 (worst) to 100 (best), null when not scored. A numeric score lets rules use
    /// ranges; a light or grade maps onto it (e.g. green/A &gt;= 70, yellow/B 40-69, red/C &lt; 40).
    /// </summary>
    public int? Quality { get; init; }

    /// <summary>The free-text note, searched by <c>containsAny</c> keywords.</summary>
    public string? Note { get; init; }

    /// <summary>When the lead was captured.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The lead's conversion score: the model's win probability, from 0 to 1; null when unknown (no model answered).
    /// Only the <c>leadScore</c> component reads it, and only when the tenant weighs it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Score { get; init; }

    /// <summary>
    /// What stops the lead from being routed, as the field and a message (<c>score</c>: outside 0 to 1), or null when it
    /// can be routed.
    /// </summary>
    public (string Field, string Message)? Check() =>
        Score is { } score && !(score >= 0 && score <= 1)
            ? ("score", Invariant($"'score' is the lead's win probability and must be between 0 and 1, got {score}."))
            : null;
}

namespace CrmActors.Routing;

/// <summary>
/// A lead as a rule-set author writes it to try a draft: only the fields the rules should see. The source channel is
/// required (every real lead has one); the id defaults to the sample's place in the list and the capture time to now.
/// </summary>
public sealed record class SampleLead
{
    /// <summary>The id shown in the decision; the sample's place (<c>leads[0]</c>) when left out.</summary>
    public string? Id { get; init; }

    /// <summary>The canonical source channel, e.g. <c>douyin_dm</c>.</summary>
    public string? Channel { get; init; }

    /// <summary>The customer's industry.</summary>
    public string? Industry { get; init; }

    /// <summary>The institution level.</summary>
    public string? InstitutionLevel { get; init; }

    /// <summary>The product asked about.</summary>
    public string? Product { get; init; }

    /// <summary>The customer's region.</summary>
    public string? Region { get; init; }

    /// <summary>The customer's language.</summary>
    public string? Language { get; init; }

    /// <summary>The stated budget in CNY.</summary>
    public decimal? Budget { get; init; }

    /// <summary>Lead quality, 0 to 100.</summary>
    public int? Quality { get; init; }

    /// <summary>The free-text note.</summary>
    public string? Note { get; init; }

    /// <summary>The lead's win probability, 0 to 1, for a tenant that weighs it; unknown when left out.</summary>
    public double? Score { get; init; }

    /// <summary>When the lead was captured; now when left out.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>
    /// The first problem with the sample, named from <paramref name="at"/> (<c>leads[0].channel</c>), or null when it can
    /// be routed.
    /// </summary>
    public (string Field, string Message)? Check(string at)
    {
        ArgumentNullException.ThrowIfNull(at);
        if (string.IsNullOrWhiteSpace(Channel))
        {
            return ($"{at}.channel", $"'{at}.channel' is required: the lead's source channel, such as website_form.");
        }

        if (Budget is < 0)
        {
            return ($"{at}.budget", $"'{at}.budget' cannot be negative.");
        }

        if (Quality is < 0 or > 100)
        {
            return ($"{at}.quality", $"'{at}.quality' must be between 0 and 100.");
        }

        if (Score is { } score && !(score >= 0 && score <= 1))
        {
            return ($"{at}.score", $"'{at}.score' is the lead's win probability and must be between 0 and 1.");
        }

        return null;
    }

    /// <summary>The routing view of the sample; <paramref name="defaultId"/> and <paramref name="now"/> fill what was left out.</summary>
    public RoutingLead ToRoutingLead(string defaultId, DateTimeOffset now) => new()
    {
        Id = string.IsNullOrWhiteSpace(Id) ? defaultId : Id.Trim(),
        Channel = Channel?.Trim() ?? string.Empty,
        Industry = Industry,
        InstitutionLevel = InstitutionLevel,
        Product = Product,
        Region = Region,
        Language = Language,
        Budget = Budget,
        Quality = Quality,
        Note = Note,
        Score = Score,
        CreatedAt = CreatedAt ?? now,
    };
}

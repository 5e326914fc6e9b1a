namespace CrmActors.Routing;

/// <summary>
/// A lead read once per decision: text fields trimmed (blank ones null), the note folded for keyword search,
/// the budget as a double for scoring. Conditions and scoring read fields from here without re-checking.
/// </summary>
internal readonly struct LeadView
{
    public LeadView(RoutingLead lead)
    {
        Lead = lead;
        Channel = Clean(lead.Channel);
        Industry = Clean(lead.Industry);
        Region = Clean(lead.Region);
        InstitutionLevel = Clean(lead.InstitutionLevel);
        Product = Clean(lead.Product);
        Language = Clean(lead.Language);
        Note = Clean(lead.Note) is { } note ? RuleVocabulary.Fold(note) : null;
        Budget = lead.Budget is { } budget ? (double)budget : null;
        Score = lead.Score;
    }

    public RoutingLead Lead { get; }

    public string? Channel { get; }

    public string? Industry { get; }

    public string? Region { get; }

    public string? InstitutionLevel { get; }

    public string? Product { get; }

    public string? Language { get; }

    public string? Note { get; }

    public double? Budget { get; }

    /// <summary>The lead's win probability (0 to 1); null when unknown.</summary>
    public double? Score { get; }

    /// <summary>The field's text; null when missing or blank.</summary>
    public string? Text(FieldId field) => field switch
    {
        FieldId.Channel => Channel,
        FieldId.Industry => Industry,
        FieldId.Region => Region,
        FieldId.InstitutionLevel => InstitutionLevel,
        FieldId.Product => Product,
        FieldId.Language => Language,
        FieldId.Note => Note,
        _ => null,
    };

    public decimal? Number(FieldId field) => field switch
    {
        FieldId.Budget => Lead.Budget,
        FieldId.Quality => Lead.Quality,
        _ => null,
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

namespace CrmActors.Intake;

/// <summary>
/// One data row of an import file: either the raw, trimmed values of the mapped lead fields (null when the
/// cell is empty or its column is absent) or, when the row could not be read, an <see cref="Error"/> and no values.
/// Values are not validated here: a row may well lack a phone number.
/// </summary>
public sealed record ImportRow
{
    /// <summary>
    /// The row number as the user sees it in a spreadsheet program: the header is row 1 (when it is the first
    /// line), the first data row is row 2, and empty rows still count.
    /// </summary>
    public required int RowNumber { get; init; }

    /// <summary>Why the row could not be read, or null when it was read.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the row could not be read; its values are then all null.</summary>
    public bool HasError => Error is not null;

    /// <summary>The contact's name.</summary>
    public string? Name { get; init; }

    /// <summary>The contact's phone number, as written in the file.</summary>
    public string? Phone { get; init; }

    /// <summary>The lead's channel or source.</summary>
    public string? Channel { get; init; }

    /// <summary>The product the lead is interested in.</summary>
    public string? ProductInterest { get; init; }

    /// <summary>A free-text note.</summary>
    public string? Note { get; init; }

    /// <summary>The contact's e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>The contact's company.</summary>
    public string? Company { get; init; }

    /// <summary>The customer's industry.</summary>
    public string? Industry { get; init; }

    /// <summary>The customer's institution level.</summary>
    public string? InstitutionLevel { get; init; }

    /// <summary>The customer's region.</summary>
    public string? Region { get; init; }

    /// <summary>The language the lead wants.</summary>
    public string? Language { get; init; }

    /// <summary>The stated budget, as written (a number is expected).</summary>
    public string? Budget { get; init; }

    /// <summary>Lead quality, as written (1-5 is expected).</summary>
    public string? Quality { get; init; }

    /// <summary>The value of <paramref name="field"/>.</summary>
    public string? this[LeadField field] => field switch
    {
        LeadField.Name => Name,
        LeadField.Phone => Phone,
        LeadField.Channel => Channel,
        LeadField.ProductInterest => ProductInterest,
        LeadField.Note => Note,
        LeadField.Email => Email,
        LeadField.Company => Company,
        LeadField.Industry => Industry,
        LeadField.InstitutionLevel => InstitutionLevel,
        LeadField.Region => Region,
        LeadField.Language => Language,
        LeadField.Budget => Budget,
        LeadField.Quality => Quality,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown lead field."),
    };
}

namespace CrmActors.Intake;

/// <summary>The lead fields an import file can fill; column headers are mapped onto these.</summary>
public enum LeadField
{
    /// <summary>The contact's name. Required column.</summary>
    Name,

    /// <summary>The contact's phone number. Required column.</summary>
    Phone,

    /// <summary>Where the lead came from (lead source).</summary>
    Channel,

    /// <summary>The product the lead is interested in.</summary>
    ProductInterest,

    /// <summary>Free-text note or remark.</summary>
    Note,

    /// <summary>The contact's e-mail address.</summary>
    Email,

    /// <summary>The contact's company or organization.</summary>
    Company,

    /// <summary>The customer's industry (routing).</summary>
    Industry,

    /// <summary>The customer's institution level, e.g. "class-3 hospital" (routing).</summary>
    InstitutionLevel,

    /// <summary>The customer's region (routing).</summary>
    Region,

    /// <summary>The language the lead wants to be served in (routing).</summary>
    Language,

    /// <summary>The stated budget, a number (routing).</summary>
    Budget,

    /// <summary>Lead quality, 1-5 (routing).</summary>
    Quality,
}

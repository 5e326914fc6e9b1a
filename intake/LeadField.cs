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
}

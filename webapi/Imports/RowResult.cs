namespace CrmActors.WebApi.Imports;

/// <summary>The three ways a row ends.</summary>
public enum RowResult
{
    /// <summary>A new lead.</summary>
    Accepted,

    /// <summary>Recorded on the lead its phone already had.</summary>
    Duplicate,

    /// <summary>Not imported.</summary>
    Rejected,
}

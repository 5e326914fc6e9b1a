using CrmActors.GrainInterfaces.Imports;

namespace CrmActors.WebApi.Imports;

/// <summary>What became of one row: accepted, merged as a duplicate, or rejected (with the field and why); and the channel value the dictionary did not know, if any.</summary>
public sealed record class RowOutcome(RowResult Result, ImportRejection? Rejection = null, string? UnmappedChannel = null)
{
    /// <summary>A row that became a new lead.</summary>
    public static RowOutcome Accepted(string? unmappedChannel) => new(RowResult.Accepted, UnmappedChannel: unmappedChannel);

    /// <summary>A row whose phone already had a customer.</summary>
    public static RowOutcome Duplicate(string? unmappedChannel) => new(RowResult.Duplicate, UnmappedChannel: unmappedChannel);

    /// <summary>A row that was not imported.</summary>
    public static RowOutcome Rejected(int row, string? field, string reason, string? unmappedChannel = null) =>
        new(RowResult.Rejected, new ImportRejection(row, field, reason), unmappedChannel);
}

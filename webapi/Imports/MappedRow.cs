using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.WebApi.Imports;

/// <summary>A row mapped for submission: the lead, or the outcome that rejects the row; and the channel value the dictionary did not know.</summary>
public sealed record class MappedRow(NewLead? Lead, RowOutcome? Rejection, string? UnmappedChannel = null);

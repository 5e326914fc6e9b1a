using CrmActors.GrainInterfaces.Intake;
using CrmActors.Intake;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Intake;

namespace CrmActors.WebApi.Imports;

/// <summary>
/// A file row as a lead submission, by the same rules as the API. A channel the tenant's dictionary does not know is
/// imported as "other" with the raw value in the note (and reported, so someone can map it). Deterministic: the same
/// row, dictionary and uploader give the same lead, which is what lets a resumed import submit a row again.
/// </summary>
public static class ImportRowMapping
{
    /// <summary>The lead <paramref name="row"/> becomes, or why it is rejected; and its unmapped channel value, if any.</summary>
    public static MappedRow Map(ImportRow row, ChannelDictionary channels, string userId)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(channels);
        if (row.HasError)
        {
            return new MappedRow(null, RowOutcome.Rejected(row.RowNumber, null, row.Error!));
        }

        var channel = string.IsNullOrWhiteSpace(row.Channel) ? "import" : row.Channel;
        var note = row.Note;
        string? unmapped = null;
        if (channels.Map(channel) is null)
        {
            unmapped = channel.Trim();
            note = string.IsNullOrWhiteSpace(note) ? $"[source: {unmapped}]" : $"{note} [source: {unmapped}]";
            channel = "other";
        }

        var errors = new FieldErrors();
        var budget = Number(row.Budget, "budget", errors);
        int? quality = null;
        if (Number(row.Quality, "quality", errors) is { } q)
        {
            if (q == decimal.Truncate(q) && q is >= int.MinValue and <= int.MaxValue)
            {
                quality = (int)q;
            }
            else
            {
                errors.Add("quality", $"'quality' must be a whole number, not '{row.Quality}'.");
            }
        }

        var fields = new CreateLeadRequest(
            row.Name, row.Phone, channel, row.ProductInterest, note, row.Email, row.Company,
            row.Industry, row.InstitutionLevel, row.Region, row.Language, budget, quality);
        LeadValidation.Validate(fields, channels, userId, errors, out var lead);
        if (!errors.IsEmpty)
        {
            var byField = errors.ToDictionary();
            return new MappedRow(null, RowOutcome.Rejected(row.RowNumber, byField.First().Key, string.Join(" ", byField.SelectMany(e => e.Value)), unmapped), unmapped);
        }

        return new MappedRow(lead, null, unmapped);
    }

    /// <summary>A number cell as people write it ("800,000", "80万", see <see cref="Amounts"/>); anything else is a field error.</summary>
    private static decimal? Number(string? cell, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return null;
        }

        if (Amounts.TryParse(cell, out var value))
        {
            return value;
        }

        errors.Add(field, $"'{field}' must be a number, not '{cell}'.");
        return null;
    }
}

using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;

namespace CrmActors.WebApi.Intake;

/// <summary>
/// The intake rules, shared by the API and imports: required fields and lengths, phone to E.164, email,
/// channel through the tenant's dictionary. Either every field is valid and a normalized lead comes out,
/// or the errors name each bad field and nothing is stored.
/// </summary>
public static class LeadValidation
{
    /// <summary>
    /// Validates and normalizes a submission, adding each bad field to <paramref name="errors"/>; <paramref name="lead"/>
    /// is set only when <paramref name="errors"/> ends up empty.
    /// </summary>
    public static FieldErrors Validate(CreateLeadRequest fields, ChannelDictionary channels, string createdBy, FieldErrors errors, out NewLead? lead)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(errors);
        lead = null;
        errors
            .Required(fields.Name, "name", 100)
            .Required(fields.Channel, "channel", 64)
            .MaxLength(fields.ProductInterest, "productInterest", 200)
            .MaxLength(fields.Note, "note", 2000)
            .MaxLength(fields.Company, "company", 200)
            .MaxLength(fields.Industry, "industry", 64)
            .MaxLength(fields.InstitutionLevel, "institutionLevel", 64)
            .MaxLength(fields.Region, "region", 64)
            .MaxLength(fields.Language, "language", 16)
            .MaxLength(fields.Province, "province", 64)
            .MaxLength(fields.City, "city", 64);
        if (fields.Budget is < 0 or > 1_000_000_000_000m)
        {
            errors.Add("budget", "'budget' must be between 0 and 1,000,000,000,000 (CNY).");
        }

        if (fields.Quality is < 0 or > 100)
        {
            errors.Add("quality", "'quality' must be between 0 and 100.");
        }

        var phone = errors.Phone(fields.Phone, "phone", required: true);
        var email = errors.Email(fields.Email, "email");
        string? channel = null;
        if (!string.IsNullOrWhiteSpace(fields.Channel) && fields.Channel.Length <= 64)
        {
            channel = channels.Map(fields.Channel);
            if (channel is null)
            {
                errors.Add("channel", $"'{fields.Channel.Trim()}' is not a known channel of this tenant; use one of {string.Join(", ", channels.Channels.Keys.Order(StringComparer.Ordinal))} or add it as an alias (PUT /api/v1/channels/{{channel}}).");
            }
        }

        LeadLocation? location = null;
        if (errors.IsEmpty)
        {
            location = LeadPlaces.Resolve(fields.Province, fields.City, fields.Region, phone, out var placeProblem);
            if (placeProblem is { } bad)
            {
                errors.Add(bad.Field, bad.Message);
            }
        }

        if (errors.IsEmpty)
        {
            var qualification = new LeadQualification(
                Blank(fields.Industry), Blank(fields.InstitutionLevel), Blank(fields.Region), Blank(fields.Language), fields.Budget, fields.Quality);
            lead = new NewLead(
                fields.Name!.Trim(), phone!, channel!, Blank(fields.ProductInterest), Blank(fields.Note), email, Blank(fields.Company), createdBy,
                Qualification: qualification == new LeadQualification(null, null, null, null, null, null) ? null : qualification,
                Location: location);
        }

        return errors;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

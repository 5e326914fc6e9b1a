using CrmActors.GrainInterfaces.Intake;
using CrmActors.WebApi.Errors;

namespace CrmActors.WebApi.Intake;

/// <summary>Phone and email normalization that records a named field error instead of a value; shared by every endpoint that takes them.</summary>
public static class NormalizingFieldErrors
{
    /// <summary>The E.164 form of <paramref name="raw"/>; null (and an error) when it is not a phone number. Blank is an error only when required.</summary>
    public static string? Phone(this FieldErrors errors, string? raw, string field, bool required)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!required && string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (PhoneNumber.TryNormalize(raw, out var normalized, out var error))
        {
            return normalized;
        }

        errors.Add(field, error);
        return null;
    }

    /// <summary>The normalized optional email; null when blank, or (with an error) when it is not an address.</summary>
    public static string? Email(this FieldErrors errors, string? raw, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (EmailAddress.TryNormalize(raw, out var normalized, out var error))
        {
            return normalized;
        }

        errors.Add(field, $"'{field}' {error}");
        return null;
    }
}

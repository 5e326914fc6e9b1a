namespace CrmActors.GrainInterfaces.Common;

/// <summary>
/// The shape every tenant and entity id must have: 1 to 64 characters of ASCII letters, digits,
/// '-', '_' or '.'. Ids travel in URLs and grain keys, so nothing else is allowed.
/// </summary>
public static class Identifier
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>True when <paramref name="value"/> is a well-formed id.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws when <paramref name="value"/> is not a well-formed id.</summary>
    public static void Require(string? value, string name)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"'{value}' is not a valid id: use 1-{MaxLength} letters, digits, '-', '_' or '.'.", name);
        }
    }
}

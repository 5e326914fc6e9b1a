using System.Text;

namespace CrmActors.GrainInterfaces.Common;

/// <summary>
/// Unicode text that .NET can normalize: no unpaired surrogates and no non-characters (U+FFFE, U+FFFF, ...).
/// Anything else is refused at the edge as a field error, and the matching keys fold text without throwing.
/// </summary>
public static class UnicodeText
{
    /// <summary>True when <paramref name="value"/> is well-formed text (normalization would not throw).</summary>
    public static bool IsWellFormed(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            _ = value.IsNormalized(NormalizationForm.FormKC);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>NFKC of <paramref name="value"/>, or the value unchanged when it is not well-formed text (it then matches nothing it should not).</summary>
    public static string FoldKc(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            return value.IsNormalized(NormalizationForm.FormKC) ? value : value.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return value;
        }
    }
}

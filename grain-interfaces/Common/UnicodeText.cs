using System.Globalization;
using System.Text;

namespace CrmActors.GrainInterfaces.Common;

/// <summary>
/// The one rule for text anyone may store: no control characters (U+0000-U+001F, DEL U+007F, U+0080-U+009F) except tab,
/// carriage return and line feed in multi-line fields; no unpaired surrogates or non-characters (U+FFFE, U+FFFF, ...),
/// which .NET cannot normalize. Anything else is refused at the edge as a field error, and the matching keys fold text
/// without throwing.
/// </summary>
public static class UnicodeText
{
    /// <summary>
    /// Why <paramref name="value"/> cannot be stored as text of <paramref name="shape"/>, phrased to follow the field's
    /// name ("'name' contains ..."); null when it can.
    /// </summary>
    public static string? Problem(string value, TextShape shape)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (c is '\t' or '\r' or '\n')
            {
                if (shape == TextShape.SingleLine)
                {
                    return "must be a single line: no tab or line break";
                }
            }
            else if (char.IsControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"contains the control character U+{(int)c:X4}, which cannot be stored; remove it");
            }
        }

        return IsWellFormed(value) ? null : "contains characters that are not valid text (an unpaired surrogate or a non-character such as U+FFFE)";
    }

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

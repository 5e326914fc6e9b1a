using CrmActors.GrainInterfaces.Common;

namespace CrmActors.GrainInterfaces.Intake;

/// <summary>
/// Normalizes phone numbers to E.164. Chinese mobiles (11 digits starting with 1, second digit 3-9) are
/// accepted bare, with +86/0086/86, and with spaces, dashes, dots or parentheses; Chinese landlines with
/// their 0-prefixed area code; anything else must be international (+ or 00 then 8-15 digits).
/// </summary>
public static class PhoneNumber
{
    private const string China = "86";

    /// <summary>Tries to normalize; on failure <paramref name="error"/> says why, in words a rep understands.</summary>
    public static bool TryNormalize(string? raw, out string normalized, out string error)
    {
        normalized = string.Empty;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(raw))
        {
            error = "A phone number is required.";
            return false;
        }

        if (UnicodeText.Problem(raw, TextShape.SingleLine) is { } problem)
        {
            error = $"The phone number {problem}.";
            return false;
        }

        var text = UnicodeText.FoldKc(raw.Trim());
        var plus = false;
        Span<char> digits = stackalloc char[32];
        var count = 0;
        foreach (var c in text)
        {
            if (c == '+' && count == 0 && !plus)
            {
                // "+86 ...", also written "(+86) ...".
                plus = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    error = "The phone number has too many digits.";
                    return false;
                }

                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                error = $"The phone number contains '{c}'; use digits, optionally with a leading '+', spaces or dashes.";
                return false;
            }
        }

        var number = new string(digits[..count]);
        if (!plus && number.StartsWith("00", StringComparison.Ordinal))
        {
            plus = true;
            number = number[2..];
        }

        if (plus)
        {
            return International(number, out normalized, out error);
        }

        if (number.Length == 13 && number.StartsWith(China, StringComparison.Ordinal))
        {
            number = number[2..];
        }

        if (number.Length == 11 && number[0] == '1')
        {
            return ChineseMobile(number, out normalized, out error);
        }

        if (number.Length is >= 10 and <= 12 && number[0] == '0' && number[1] != '0')
        {
            normalized = "+" + China + number[1..];
            return true;
        }

        error = "Not a recognizable phone number: a Chinese mobile has 11 digits starting with 1; other numbers need their country code (+...).";
        return false;
    }

    private static bool International(string number, out string normalized, out string error)
    {
        normalized = string.Empty;
        error = string.Empty;
        if (number.StartsWith(China, StringComparison.Ordinal) && number.Length > 3 && number[2] == '1' && number[3] != '0')
        {
            // Under +86 a national number starting with 1 is a mobile (11 digits); only Beijing's area code 10 differs.
            if (number.Length != 13)
            {
                error = "A Chinese mobile number has 11 digits after +86.";
                return false;
            }

            return ChineseMobile(number[2..], out normalized, out error);
        }

        if (number.Length is < 8 or > 15 || number[0] == '0')
        {
            error = "An international number has a country code and 8 to 15 digits in all (E.164).";
            return false;
        }

        normalized = "+" + number;
        return true;
    }

    private static bool ChineseMobile(string number, out string normalized, out string error)
    {
        normalized = string.Empty;
        error = string.Empty;
        if (number[1] is < '3' or > '9')
        {
            error = $"'{number}' is not a Chinese mobile number (they start with 13 to 19).";
            return false;
        }

        normalized = "+" + China + number;
        return true;
    }
}

using System.Globalization;

namespace CrmActors.Intake;

/// <summary>
/// Amounts as people write them in lead files: "800000", "800,000", "800000.00", "80万", "1.2亿", "500k",
/// with an optional "元", "CNY" or "RMB".
/// </summary>
public static class Amounts
{
    private static readonly (string Suffix, decimal Factor)[] Multipliers = [("万", 10_000m), ("亿", 100_000_000m), ("k", 1_000m)];

    /// <summary>Parses an amount; false for anything that is not one.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        var s = text?.Trim().Replace(",", string.Empty, StringComparison.Ordinal).Replace("，", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        foreach (var currency in (string[])["元", "CNY", "RMB", "¥", "￥"])
        {
            s = s.EndsWith(currency, StringComparison.OrdinalIgnoreCase) ? s[..^currency.Length].TrimEnd()
                : s.StartsWith(currency, StringComparison.OrdinalIgnoreCase) ? s[currency.Length..].TrimStart() : s;
        }

        var factor = 1m;
        foreach (var (suffix, multiplier) in Multipliers)
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[..^suffix.Length].TrimEnd();
                factor = multiplier;
                break;
            }
        }

        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        try
        {
            value = number * factor;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}

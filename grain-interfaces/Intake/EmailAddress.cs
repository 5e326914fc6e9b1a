using System.Net.Mail;
using CrmActors.GrainInterfaces.Common;

namespace CrmActors.GrainInterfaces.Intake;

/// <summary>Email validation for intake: a bare address (no display name) whose domain has a dot; the domain is lower-cased.</summary>
public static class EmailAddress
{
    /// <summary>Normalizes <paramref name="raw"/>; false with a reason when it is not a usable address.</summary>
    public static bool TryNormalize(string? raw, out string normalized, out string error)
    {
        normalized = string.Empty;
        var value = raw?.Trim() ?? string.Empty;
        if (value.Length is 0 or > 254)
        {
            error = "must be an email address of at most 254 characters.";
            return false;
        }

        if (UnicodeText.Problem(value, TextShape.SingleLine) is { } problem)
        {
            error = $"{problem}.";
            return false;
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.Any(char.IsWhiteSpace) || value.Contains('<', StringComparison.Ordinal)
            || !MailAddress.TryCreate(value, out var parsed) || parsed.Address != value)
        {
            error = $"'{value}' is not an email address like name@example.com.";
            return false;
        }

        var domain = value[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            error = $"'{value}' has no valid domain (expected something like example.com).";
            return false;
        }

        normalized = string.Concat(value.AsSpan(0, at + 1), domain.ToLowerInvariant());
        error = string.Empty;
        return true;
    }
}

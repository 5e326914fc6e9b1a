using System.Globalization;

namespace CrmActors.Ctl;

/// <summary>"--name value" options of one command; small on purpose, the tool has few commands.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    /// <summary>Parses options after the command words.</summary>
    public CommandLine(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                pending = arg[2..];
                _options[pending] = "true";
            }
            else if (pending is not null)
            {
                _options[pending] = arg;
                pending = null;
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }
        }
    }

    /// <summary>An option, or the environment variable, or the fallback.</summary>
    public string? Get(string name, string? environmentVariable = null, string? fallback = null) =>
        _options.TryGetValue(name, out var value) ? value
        : environmentVariable is not null && Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } env ? env
        : fallback;

    /// <summary>A required option (or its environment variable).</summary>
    public string Require(string name, string? environmentVariable = null) =>
        Get(name, environmentVariable) ?? throw new ArgumentException(
            environmentVariable is null ? $"--{name} is required." : $"--{name} (or {environmentVariable}) is required.");

    /// <summary>A positive whole-number option, or the fallback; anything else names the option.</summary>
    public int PositiveInt(string name, int fallback)
    {
        var text = Get(name, fallback: fallback.ToString(CultureInfo.InvariantCulture))!;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} must be a positive whole number, not '{text}'.");
    }
}

using System.Globalization;

namespace CrmActors.Bench;

/// <summary>"--name value" options and bare "--flag"s after the mode word.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                _values[name[..eq]] = name[(eq + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                _values[name] = args[++i];
            }
            else
            {
                _values[name] = "true";
            }
        }
    }

    public string? Get(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var value) ? value : null;
    }

    public string Require(string name) =>
        Get(name) is { Length: > 0 } value ? value : throw new ArgumentException($"--{name} is required");

    public bool Flag(string name) => Get(name) is { } value && value is not ("false" or "0" or "no");

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var raw = Get(name);
        if (raw is null)
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"--{name} must be an integer between {min} and {max}, not '{raw}'");
        }

        return value;
    }

    public long Long(string name, long fallback, long min = long.MinValue)
    {
        var raw = Get(name);
        if (raw is null)
        {
            return fallback;
        }

        if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new ArgumentException($"--{name} must be an integer of at least {min}, not '{raw}'");
        }

        return value;
    }

    public double Double(string name, double fallback, double min = 0)
    {
        var raw = Get(name);
        if (raw is null)
        {
            return fallback;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentException($"--{name} must be a number of at least {min}, not '{raw}'");
        }

        return value;
    }

    public double? OptionalDouble(string name, double min = 0) =>
        Get(name) is null ? null : Double(name, 0, min);

    /// <summary>Fails on options nobody asked for: a typo must not silently run the default.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace CrmActors.FollowUp;

/// <summary>
/// Turns a System.Text.Json failure on JSON a person wrote into the field it is about (<c>leads[0].createdAt</c>) and a
/// message in their terms ("must be a date and time ..."). The serializer's own messages name .NET types ("could not be
/// converted to CrmActors.Routing.RoutingLead") and never reach a client; the expected form is read from the target
/// type's JSON contract instead. Shared by every reader of such JSON: the follow-up policy here, rule sets and sample
/// leads in the grains, and request bodies in the web API.
/// </summary>
public static partial class JsonInputError
{
    /// <summary>The field name of the whole document, when the failure is about all of it.</summary>
    public const string Document = "$";

    /// <summary>
    /// The field <paramref name="exception"/> is about, spelled from <paramref name="root"/> (the document itself by
    /// default), and what is wrong with it, for JSON read as <paramref name="target"/> with <paramref name="options"/>.
    /// </summary>
    public static (string Field, string Message) Describe(JsonException exception, Type target, JsonSerializerOptions options, string root = Document)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(root);
        // Malformed JSON is about the document as a whole; the message says where it broke.
        if (Syntax(exception) is { } syntax)
        {
            return (Join(root, []), syntax);
        }

        var segments = Segments(exception.Path);
        var field = Join(root, segments);

        var message = exception.Message;
        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = QuotedName().Matches(missing.Groups["names"].Value).Select(m => Join(field, [m.Groups["name"].Value])).ToList();
            return names.Count == 0
                ? (field, $"{Name(field)} lacks a required field.")
                : (names[0], names.Count == 1 ? $"'{names[0]}' is required." : $"{string.Join(", ", names.Select(n => $"'{n}'"))} are required.");
        }

        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            var known = segments.Count > 0 && segments[^1] is string last && last == name ? field : Join(field, [name]);
            return (known, $"'{known}' is not a known field; check its spelling.");
        }

        return Expected(target, options, segments) switch
        {
            { Unknown: true } => (field, $"'{field}' is not a known field; check its spelling."),
            { Type: { } type } => (field, $"{Name(field)} must be {Describe(type, options)}."),
            _ => (field, $"{Name(field)} is not in the expected form."),
        };
    }

    private static string Name(string field) => field == Document ? "The body" : $"'{field}'";

    // The reader's own complaint (a missing comma, a bad escape, too deep); it names characters and positions, never types.
    private static string? Syntax(JsonException exception)
    {
        var reader = exception.GetType() != typeof(JsonException) ? exception
            : exception.InnerException is JsonException inner && inner.GetType() != typeof(JsonException) ? inner
            : null;
        if (reader is null)
        {
            return null;
        }

        var text = reader.Message;
        foreach (var tail in new[] { " LineNumber:", " Path:" })
        {
            var at = text.IndexOf(tail, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text[..at].TrimEnd(' ', '|');
            }
        }

        var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {position + 1})")
            : string.Empty;
        return NamesCode(text) ? $"The JSON is malformed{where}." : $"The JSON is malformed{where}: {text}";
    }

    private static bool NamesCode(string text) =>
        text.Contains("CrmActors.", StringComparison.Ordinal) || text.Contains("System.", StringComparison.Ordinal) || text.Contains("Microsoft.", StringComparison.Ordinal);

    // "$.leads[0]['created at'].x" -> ["leads", 0, "created at", "x"].
    private static List<object> Segments(string? path)
    {
        var segments = new List<object>();
        if (string.IsNullOrEmpty(path))
        {
            return segments;
        }

        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : path[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                i++;
            }
        }

        return segments;
    }

    private static string Join(string root, IEnumerable<object> segments)
    {
        var field = root == Document ? string.Empty : root;
        foreach (var segment in segments)
        {
            field = segment is int index
                ? string.Create(CultureInfo.InvariantCulture, $"{field}[{index}]")
                : field.Length == 0 ? (string)segment : $"{field}.{segment}";
        }

        return field.Length == 0 ? Document : field;
    }

    private readonly record struct Expectation(Type? Type, bool Unknown);

    // Follows the path through the target's JSON contract to the type the failing value should have had.
    private static Expectation Expected(Type target, JsonSerializerOptions options, List<object> segments)
    {
        try
        {
            var type = target;
            foreach (var segment in segments)
            {
                type = Nullable.GetUnderlyingType(type) ?? type;
                var info = options.GetTypeInfo(type);
                switch (info.Kind, segment)
                {
                    case (JsonTypeInfoKind.Enumerable, int) when info.ElementType is { } element:
                        type = element;
                        break;
                    case (JsonTypeInfoKind.Dictionary, _) when info.ElementType is { } value:
                        type = value;
                        break;
                    case (JsonTypeInfoKind.Object, string name):
                        var property = info.Properties.FirstOrDefault(p => p.Name == name)
                            ?? info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                        if (property is null)
                        {
                            return new(null, Unknown: true);
                        }

                        type = property.PropertyType;
                        break;
                    default:
                        // Inside free-form JSON (a JsonElement) or a value that is not a container: the path says no more.
                        return new(null, Unknown: false);
                }
            }

            return new(Nullable.GetUnderlyingType(type) ?? type, Unknown: false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return new(null, Unknown: false);
        }
    }

    private static string Describe(Type type, JsonSerializerOptions options)
    {
        if (type == typeof(string))
        {
            return "text";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte))
        {
            return "a whole number within range";
        }

        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            return "a number within range";
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "a date and time in ISO 8601 form, such as 2026-03-01T09:30:00+08:00";
        }

        if (type == typeof(DateOnly))
        {
            return "a date such as 2026-03-01";
        }

        if (type == typeof(TimeOnly))
        {
            return "a time of day such as 09:30";
        }

        if (type == typeof(TimeSpan))
        {
            return "a duration such as 01:30:00";
        }

        if (type == typeof(Guid))
        {
            return "a UUID";
        }

        if (type.IsEnum)
        {
            return $"one of: {string.Join(", ", Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, options).Trim('"')))}";
        }

        try
        {
            return options.GetTypeInfo(type).Kind switch
            {
                JsonTypeInfoKind.Enumerable => "a list ([...])",
                JsonTypeInfoKind.Dictionary => "an object of names and values ({...})",
                JsonTypeInfoKind.Object => "an object ({...})",
                _ => "a value of the documented form",
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return "a value of the documented form";
        }
    }

    [GeneratedRegex(@"missing required properties including: (?<names>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"'(?<name>[^']*)'", RegexOptions.CultureInvariant, 200)]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"^The JSON property '(?<name>[^']*)' could not be mapped", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Unmapped();
}

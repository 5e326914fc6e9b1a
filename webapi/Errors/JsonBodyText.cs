using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.WebApi.Security;

namespace CrmActors.WebApi.Errors;

/// <summary>
/// Applies the text rule (<see cref="UnicodeText.Problem"/>, shaped by <see cref="TextFields"/>) to every string of a
/// JSON body, member names included, naming each bad one by its path (<c>leads[0].name</c>, <c>fields.customerWords</c>).
/// One pass over the raw body covers every field of every endpoint, also those bound as free-form JSON (rule sets,
/// the follow-up policy, sample leads), so no endpoint can forget a field.
/// </summary>
public static class JsonBodyText
{
    /// <summary>
    /// Adds an error to <paramref name="errors"/> for each string in <paramref name="json"/> its field may not hold.
    /// Malformed JSON stops the pass quietly: reading the body reports it, with its position.
    /// </summary>
    public static FieldErrors Check(ReadOnlySpan<byte> json, int maxDepth, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Read(ref reader);
                        frames[^1].Property = name ?? string.Empty;
                        if (name is null || UnicodeText.Problem(name, TextShape.SingleLine) is not null)
                        {
                            var owner = Path(frames, throughProperty: false);
                            errors.Add(owner, $"{(owner == JsonBodyGuard.BodyField ? "The body" : $"'{owner}'")} has a member name that is not a single line of valid text (a control character, a tab or line break, or an unpaired surrogate).");
                        }

                        break;
                    case JsonTokenType.String:
                        Advance(frames);
                        CheckValue(ref reader, frames, errors);
                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed: binding the body says where.
        }

        return errors;
    }

    private static void CheckValue(ref Utf8JsonReader reader, List<Frame> frames, FieldErrors errors)
    {
        // Printable ASCII without escapes is always fine; anything else is decoded and checked.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && !reader.ValueSpan.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E))
        {
            return;
        }

        var path = Path(frames, throughProperty: true);
        var value = Read(ref reader);
        if (value is null)
        {
            errors.Add(path, $"'{path}' is not valid text (an unpaired surrogate).");
        }
        else if (UnicodeText.Problem(value, TextFields.ShapeOf(path)) is { } problem)
        {
            errors.Add(path, $"'{path}' {problem}.");
        }
    }

    // The string, or null when its escapes do not make text (a lone surrogate such as \ud800).
    private static string? Read(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // A value starts: inside an array it is the next element.
    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    private static string Path(List<Frame> frames, bool throughProperty)
    {
        var path = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            if (frame.IsArray)
            {
                path.Append(CultureInfo.InvariantCulture, $"[{frame.Index}]");
            }
            else if (frame.Property is { } property && (throughProperty || i < frames.Count - 1))
            {
                path.Append(path.Length == 0 ? property : $".{property}");
            }
        }

        return path.Length == 0 ? JsonBodyGuard.BodyField : path.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Property { get; set; }
    }
}

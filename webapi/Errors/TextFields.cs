using CrmActors.GrainInterfaces.Common;

namespace CrmActors.WebApi.Errors;

/// <summary>
/// Which request fields may span lines, by their name as the API spells them (the last member of a path such as
/// <c>leads[0].note</c>). Every other text field is a single line: names, ids, channels, phones, titles, tags.
/// </summary>
public static class TextFields
{
    // Free text people write in sentences and paragraphs.
    private static readonly HashSet<string> MultiLine = new(StringComparer.Ordinal)
    {
        "note", "notes", "summary", "description", "comment", "reason", "suggestedAction", "card", "text",
    };

    // The values of an activity's typed fields (fields.customerWords, fields.ourResponse, ...) are sentences too.
    private const string ActivityFields = "fields";

    /// <summary>The shape of the field at <paramref name="path"/> (<c>note</c>, <c>leads[0].note</c>, <c>fields.customerWords</c>).</summary>
    public static TextShape ShapeOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('.');
        var name = WithoutIndexes(segments[^1]);
        return MultiLine.Contains(name) || (segments.Length > 1 && WithoutIndexes(segments[^2]) == ActivityFields && name.Length > 0)
            ? TextShape.MultiLine
            : TextShape.SingleLine;
    }

    private static string WithoutIndexes(string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? segment : segment[..bracket];
    }
}

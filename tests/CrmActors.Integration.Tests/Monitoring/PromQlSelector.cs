using System.Text.RegularExpressions;

namespace CrmActors.Integration.Tests.Monitoring;

/// <summary>
/// A metric a PromQL expression selects: its name and the label values it asks for with <c>=</c> (other matchers
/// are left out: they do not name a value that must exist).
/// </summary>
public sealed partial record class PromQlSelector(string Metric, IReadOnlyDictionary<string, string> Labels)
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan",
    };

    /// <summary>Every metric selected by <paramref name="expression"/>, in order.</summary>
    public static IReadOnlyList<PromQlSelector> Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);

        // Grouping labels and range/subquery windows name no metric.
        var text = Grouping().Replace(expression, " ");
        text = Window().Replace(text, " ");
        var found = new List<PromQlSelector>();
        foreach (Match m in Selector().Matches(text))
        {
            var name = m.Groups["name"].Value;
            var rest = text[(m.Index + m.Length)..];
            if (Keywords.Contains(name) || (!m.Groups["labels"].Success && rest.TrimStart().StartsWith('(')))
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match l in Matcher().Matches(m.Groups["labels"].Value))
            {
                if (l.Groups["op"].Value == "=")
                {
                    labels[l.Groups["label"].Value] = l.Groups["value"].Value;
                }
            }

            found.Add(new PromQlSelector(name, labels));
        }

        return found;
    }

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Window();

    [GeneratedRegex(@"(?<![\w.""])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{(?<labels>[^}]*)\})?")]
    private static partial Regex Selector();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*""(?<value>[^""]*)""")]
    private static partial Regex Matcher();
}

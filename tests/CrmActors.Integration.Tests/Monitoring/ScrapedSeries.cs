using System.Text.RegularExpressions;

namespace CrmActors.Integration.Tests.Monitoring;

/// <summary>One series of a Prometheus text-format scrape: its metric name and labels.</summary>
public sealed partial record class ScrapedSeries(string Metric, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>Every series of a scrape (comments and blank lines skipped).</summary>
    public static IReadOnlyList<ScrapedSeries> Parse(string scrape)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        var series = new List<ScrapedSeries>();
        foreach (var line in scrape.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#' || Line().Match(line) is not { Success: true } m)
            {
                continue;
            }

            var labels = Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["label"].Value, l => l.Groups["value"].Value, StringComparer.Ordinal);
            series.Add(new ScrapedSeries(m.Groups["name"].Value, labels));
        }

        return series;
    }

    /// <summary>True when this series is <paramref name="selector"/>'s metric with every label value it asks for.</summary>
    public bool Matches(PromQlSelector selector, IReadOnlySet<string> targetLabels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(targetLabels);
        return Metric == selector.Metric
            && selector.Labels.All(l => targetLabels.Contains(l.Key) || (Labels.TryGetValue(l.Key, out var v) && v == l.Value));
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+\S+")]
    private static partial Regex Line();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}

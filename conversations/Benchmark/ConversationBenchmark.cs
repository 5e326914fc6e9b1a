using System.Globalization;
using System.Text;

namespace CrmActors.Conversations.Benchmark;

/// <summary>
/// Scores the extractor on labelled conversations, field by field: a single-valued field drafted and right is a true
/// positive, drafted and wrong both a false positive and a false negative; list fields (dates, competitors,
/// objections) count item by item. Names match without titles and case; roles when one contains the other; the need
/// when it contains the labelled word; budgets when both ends are within 0.5% in the same currency.
/// </summary>
public static class ConversationBenchmark
{
    /// <summary>The fields in the order reports list them.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["name", "role", "need", "budget", "dates", "competitors", "objections", "next"];

    /// <summary>Extracts every conversation and scores each field; <paramref name="misses"/> collects what went wrong.</summary>
    public static IReadOnlyList<FieldScore> Score(IEnumerable<LabelledConversation> conversations, TimeZoneInfo zone, ICollection<string>? misses = null)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        var counts = Fields.ToDictionary(f => f, _ => new int[3], StringComparer.Ordinal);
        foreach (var c in conversations)
        {
            var transcript = TranscriptParser.Parse(c.Text, c.At, zone);
            var got = ConversationExtractor.Extract(transcript, [c.RepSpeaker], zone);
            var e = c.Expected;
            void One(string field, string? expected, string? actual, bool match)
            {
                var n = counts[field];
                if (actual is not null && expected is not null && match)
                {
                    n[0]++;
                    return;
                }

                if (actual is not null)
                {
                    n[1]++;
                }

                if (expected is not null)
                {
                    n[2]++;
                }

                if (actual is not null || expected is not null)
                {
                    misses?.Add($"{c.Id} {field}: expected '{expected}', got '{actual}'");
                }
            }

            void Many<T>(string field, IEnumerable<T> expected, IEnumerable<T> actual, IEqualityComparer<T> comparer)
            {
                var want = expected.ToHashSet(comparer);
                var have = actual.ToHashSet(comparer);
                var n = counts[field];
                n[0] += have.Count(want.Contains);
                var extra = have.Where(h => !want.Contains(h)).ToList();
                var missing = want.Where(w => !have.Contains(w)).ToList();
                n[1] += extra.Count;
                n[2] += missing.Count;
                if (extra.Count + missing.Count > 0)
                {
                    misses?.Add($"{c.Id} {field}: missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]");
                }
            }

            One("name", e.Name, got.ContactName?.Value, e.Name is not null && got.ContactName is not null && NameKey(e.Name) == NameKey(got.ContactName.Value));
            One("role", e.Role, got.ContactRole?.Value, e.Role is not null && got.ContactRole is not null && RoleMatches(e.Role, got.ContactRole.Value));
            One("need", e.Need, got.Need?.Value, e.Need is not null && got.Need is not null && got.Need.Value.Contains(e.Need, StringComparison.OrdinalIgnoreCase));
            One("budget", Budget(e.BudgetMin, e.BudgetMax, e.Currency), got.Budget is null ? null : Budget(got.Budget.Min, got.Budget.Max, got.Budget.Currency),
                e.BudgetMax is { } max && got.Budget is { } b && Close(max, b.Max) && CloseOrNull(e.BudgetMin, b.Min) && string.Equals(e.Currency, b.Currency, StringComparison.Ordinal));
            Many("dates", e.Dates, got.Dates.Select(d => d.Date), EqualityComparer<DateOnly>.Default);
            Many("competitors", e.Competitors, got.Competitors.Select(x => x.Value), StringComparer.OrdinalIgnoreCase);
            Many("objections", e.Objections, got.Objections.Select(x => x.Value), StringComparer.Ordinal);
            One("next", e.Next, got.NextStep?.Value, string.Equals(e.Next, got.NextStep?.Value, StringComparison.Ordinal));
        }

        return [.. Fields.Select(f => new FieldScore(f, counts[f][0], counts[f][1], counts[f][2]))];
    }

    /// <summary>The scores as a Markdown table.</summary>
    public static string Table(IReadOnlyList<FieldScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var table = new StringBuilder("| field | right | wrong or extra | missed | precision | recall |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var s in scores)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {s.Field} | {s.TruePositives} | {s.FalsePositives} | {s.FalseNegatives} | {s.Precision:0.00} | {s.Recall:0.00} |\n");
        }

        return table.ToString();
    }

    private static string? Budget(decimal? min, decimal? max, string? currency) =>
        max is null ? null : string.Create(CultureInfo.InvariantCulture, $"{min}-{max} {currency}");

    private static bool Close(decimal a, decimal b) => Math.Abs(a - b) <= Math.Abs(a) * 0.005m;

    private static bool CloseOrNull(decimal? a, decimal? b) => a is null ? b is null : b is not null && Close(a.Value, b.Value);

    private static string NameKey(string name)
    {
        var key = name.Trim().ToUpperInvariant();
        foreach (var title in new[] { "DR. ", "DR ", "MR. ", "MR ", "MS. ", "MS ", "MRS. ", "MRS " })
        {
            if (key.StartsWith(title, StringComparison.Ordinal))
            {
                key = key[title.Length..];
            }
        }

        return key.Replace(" ", string.Empty, StringComparison.Ordinal);
    }

    private static bool RoleMatches(string expected, string actual)
    {
        var e = expected.Trim().ToUpperInvariant();
        var a = actual.Trim().ToUpperInvariant();
        return a.Contains(e, StringComparison.Ordinal) || e.Contains(a, StringComparison.Ordinal);
    }
}

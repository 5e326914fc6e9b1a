using System.Globalization;
using System.Text.Json;

namespace CrmActors.Conversations.Benchmark;

/// <summary>Reads a labelled file: blocks of <c>=== id</c>, <c>at:</c>, <c>rep:</c>, <c>expect: {json}</c>, <c>---</c>, then the text.</summary>
public static class LabelledSet
{
    /// <summary>The conversations in <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">A block is malformed (its id and what is wrong are named).</exception>
    public static IReadOnlyList<LabelledConversation> Read(string path)
    {
        var all = new List<LabelledConversation>();
        var blocks = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split("=== ", StringSplitOptions.RemoveEmptyEntries);
        foreach (var block in blocks)
        {
            var split = block.IndexOf("\n---\n", StringComparison.Ordinal);
            if (split < 0)
            {
                throw new FormatException($"{path}: a block has no '---' line: {block[..Math.Min(40, block.Length)]}");
            }

            var head = block[..split].Split('\n');
            var id = head[0].Trim();
            string Field(string name) => head.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim()
                ?? throw new FormatException($"{path}: {id} has no '{name}:' line.");
            all.Add(new LabelledConversation(
                id,
                DateTimeOffset.Parse(Field("at"), CultureInfo.InvariantCulture),
                Field("rep"),
                block[(split + 5)..].TrimEnd('\n'),
                Expected(Field("expect"), id)));
        }

        return all;
    }

    private static ExpectedFields Expected(string json, string id)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            IReadOnlyList<string> List(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? [.. v.EnumerateArray().Select(e => e.GetString()!)]
                : [];
            decimal? min = null;
            decimal? max = null;
            string? currency = null;
            if (root.TryGetProperty("budget", out var budget) && budget.ValueKind == JsonValueKind.Object)
            {
                min = budget.GetProperty("min").ValueKind == JsonValueKind.Number ? budget.GetProperty("min").GetDecimal() : null;
                max = budget.GetProperty("max").GetDecimal();
                currency = budget.GetProperty("cur").GetString();
            }

            return new ExpectedFields(
                Text("name"), Text("role"), Text("need"), min, max, currency,
                [.. List("dates").Select(d => DateOnly.Parse(d, CultureInfo.InvariantCulture))],
                List("competitors"), List("objections"), Text("next"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{id}: the expect line is not valid: {ex.Message}", ex);
        }
    }
}

using System.Text.Json;

namespace CrmActors.FollowUp;

/// <summary>The lead quality light (S8).</summary>
public enum QualityLight
{
    /// <summary>Not judged yet.</summary>
    Unknown = 0,

    /// <summary>Worth sales' time.</summary>
    Green = 1,

    /// <summary>Unproven.</summary>
    Yellow = 2,

    /// <summary>Not a lead: goes back to marketing with the reason.</summary>
    Red = 3,
}

/// <summary>The quality light rules agreed between marketing and sales.</summary>
public sealed class QualityPolicy
{
    /// <summary>The light when no rule matches.</summary>
    public QualityLight DefaultLight { get; init; } = QualityLight.Yellow;

    /// <summary>Minutes a red lead may stay with sales before it goes back to marketing (0 to 120; S8 says within 2 h).</summary>
    public int ReturnWithinMinutes { get; init; }

    /// <summary>The marketing user whose inbox receives returned leads; null when marketing reads them from the lead.</summary>
    public string? MarketingRepId { get; init; }

    /// <summary>Rules in order; the first whose every condition holds gives the light and the reason.</summary>
    public IReadOnlyList<QualityRule> Rules { get; init; } =
    [
        new()
        {
            Light = QualityLight.Red,
            Reason = "viewed the home page only",
            When = [new() { Fact = FactNames.HomePageOnly, Op = "eq", Value = JsonSerializer.SerializeToElement(true) }],
        },
        new()
        {
            Light = QualityLight.Green,
            Reason = "stayed over 120 s, downloaded a document, valid phone",
            When =
            [
                new() { Fact = FactNames.SecondsOnSite, Op = "gt", Value = JsonSerializer.SerializeToElement(120) },
                new() { Fact = FactNames.Downloads, Op = "gte", Value = JsonSerializer.SerializeToElement(1) },
                new() { Fact = FactNames.ValidPhone, Op = "eq", Value = JsonSerializer.SerializeToElement(true) },
            ],
        },
    ];

    /// <summary>The light for <paramref name="facts"/>, with its reason; rules must have been validated.</summary>
    public QualityVerdict Judge(LeadFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            if (rule.When.All(c => c.Holds(facts)))
            {
                return new QualityVerdict(rule.Light, rule.Reason, i);
            }
        }

        return new QualityVerdict(DefaultLight, "no quality rule matched", null);
    }
}

/// <summary>A light and why; <paramref name="RuleIndex"/> is null when the default applied.</summary>
public sealed record class QualityVerdict(QualityLight Light, string Reason, int? RuleIndex);

/// <summary>One quality rule.</summary>
public sealed class QualityRule
{
    /// <summary>The light the rule gives.</summary>
    public QualityLight Light { get; init; }

    /// <summary>Why, as marketing reads it on a returned lead.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>Conditions that must all hold.</summary>
    public IReadOnlyList<QualityCondition> When { get; init; } = [];
}

/// <summary>One condition on a lead fact: <c>{ "fact": "secondsOnSite", "op": "gt", "value": 120 }</c>.</summary>
public sealed class QualityCondition
{
    /// <summary>The operators: numbers take all, booleans <c>eq</c>, the channel <c>eq</c> and <c>in</c>.</summary>
    public static IReadOnlyList<string> Operators { get; } = ["eq", "in", "gt", "gte", "lt", "lte"];

    /// <summary>The fact, one of <see cref="LeadFacts.Names"/>.</summary>
    public string Fact { get; init; } = string.Empty;

    /// <summary>The operator, one of <see cref="Operators"/>.</summary>
    public string Op { get; init; } = string.Empty;

    /// <summary>A number, a boolean, a string, or (for <c>in</c>) an array of strings.</summary>
    public JsonElement Value { get; init; }

    /// <summary>True when the fact is known and the condition holds; an unknown fact never holds.</summary>
    public bool Holds(LeadFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        switch (facts.Get(Fact))
        {
            case double number:
                var limit = Value.GetDouble();
                return Op switch
                {
                    "eq" => number == limit,
                    "gt" => number > limit,
                    "gte" => number >= limit,
                    "lt" => number < limit,
                    "lte" => number <= limit,
                    _ => false,
                };
            case bool flag:
                return Op == "eq" && flag == Value.GetBoolean();
            case string text:
                return Op switch
                {
                    "eq" => string.Equals(text, Value.GetString(), StringComparison.OrdinalIgnoreCase),
                    "in" => Value.EnumerateArray().Any(v => string.Equals(text, v.GetString(), StringComparison.OrdinalIgnoreCase)),
                    _ => false,
                };
            default:
                return false;
        }
    }

    /// <summary>Problems with this condition, reported under <paramref name="path"/>.</summary>
    public IEnumerable<FollowUpError> Check(string path)
    {
        if (!LeadFacts.Kinds.TryGetValue(Fact ?? string.Empty, out var kind))
        {
            yield return new FollowUpError($"{path}.fact", $"Unknown fact '{Fact}'; use one of: {string.Join(", ", LeadFacts.Names)}.");
            yield break;
        }

        var allowed = kind switch
        {
            JsonValueKind.Number => Operators,
            JsonValueKind.True => ["eq"],
            _ => (IReadOnlyList<string>)["eq", "in"],
        };
        if (!allowed.Contains(Op, StringComparer.Ordinal))
        {
            yield return new FollowUpError($"{path}.op", $"'{Fact}' takes: {string.Join(", ", allowed)}.");
            yield break;
        }

        var fits = (kind, Op) switch
        {
            (JsonValueKind.Number, _) => Value.ValueKind == JsonValueKind.Number,
            (JsonValueKind.True, _) => Value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            (_, "in") => Value.ValueKind == JsonValueKind.Array && Value.GetArrayLength() > 0 && Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String),
            _ => Value.ValueKind == JsonValueKind.String,
        };
        if (!fits)
        {
            var expected = (kind, Op) switch
            {
                (JsonValueKind.Number, _) => "a number",
                (JsonValueKind.True, _) => "true or false",
                (_, "in") => "a non-empty array of strings",
                _ => "a string",
            };
            yield return new FollowUpError($"{path}.value", $"'{Fact}' {Op} needs {expected}.");
        }
    }
}

/// <summary>What is known about a lead for the quality light; null where nothing was reported.</summary>
/// <param name="SecondsOnSite">Seconds the visitor spent on the site.</param>
/// <param name="PagesViewed">Pages viewed.</param>
/// <param name="Downloads">Documents downloaded.</param>
/// <param name="HomePageOnly">True when the home page was the only page viewed.</param>
/// <param name="ValidPhone">True when the phone number is a valid one.</param>
/// <param name="Quality">The 0-100 score a form or import gave.</param>
/// <param name="Channel">The capture channel.</param>
public sealed record class LeadFacts(
    double? SecondsOnSite, double? PagesViewed, double? Downloads, bool? HomePageOnly, bool? ValidPhone, double? Quality, string? Channel)
{
    /// <summary>The facts and their JSON kinds (Number, True for booleans, String).</summary>
    public static IReadOnlyDictionary<string, JsonValueKind> Kinds { get; } = new Dictionary<string, JsonValueKind>(StringComparer.Ordinal)
    {
        [FactNames.SecondsOnSite] = JsonValueKind.Number,
        [FactNames.PagesViewed] = JsonValueKind.Number,
        [FactNames.Downloads] = JsonValueKind.Number,
        [FactNames.HomePageOnly] = JsonValueKind.True,
        [FactNames.ValidPhone] = JsonValueKind.True,
        [FactNames.Quality] = JsonValueKind.Number,
        [FactNames.Channel] = JsonValueKind.String,
    };

    /// <summary>Every fact name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Kinds.Keys];

    /// <summary>The value of fact <paramref name="name"/> (double, bool or string), or null when unknown.</summary>
    public object? Get(string name) => name switch
    {
        FactNames.SecondsOnSite => SecondsOnSite,
        FactNames.PagesViewed => PagesViewed,
        FactNames.Downloads => Downloads,
        FactNames.HomePageOnly => HomePageOnly,
        FactNames.ValidPhone => ValidPhone,
        FactNames.Quality => Quality,
        FactNames.Channel => Channel,
        _ => null,
    };

}

/// <summary>The names of the facts quality rules can test.</summary>
public static class FactNames
{
    /// <summary>Seconds on the site.</summary>
    public const string SecondsOnSite = "secondsOnSite";

    /// <summary>Pages viewed.</summary>
    public const string PagesViewed = "pagesViewed";

    /// <summary>Documents downloaded.</summary>
    public const string Downloads = "downloads";

    /// <summary>Only the home page was viewed.</summary>
    public const string HomePageOnly = "homePageOnly";

    /// <summary>The phone number is valid.</summary>
    public const string ValidPhone = "validPhone";

    /// <summary>The 0-100 score given at capture.</summary>
    public const string Quality = "quality";

    /// <summary>The capture channel.</summary>
    public const string Channel = "channel";
}

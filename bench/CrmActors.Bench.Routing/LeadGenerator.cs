using System.Globalization;
using CrmActors.Routing;

namespace CrmActors.Bench.Routing;

/// <summary>
/// Generates varied leads for a seed: channel, industry (with a fitting institution level and product), region
/// and language, a log-normal budget by institution level, a quality score, and a note of one to three Chinese
/// or English fragments. Some fields are missing, as they are in real intake.
/// </summary>
internal static class LeadGenerator
{
    public static RoutingLead[] Create(int seed, int count)
    {
        var random = new Random(seed);
        var leads = new RoutingLead[count];
        for (var i = 0; i < count; i++)
        {
            leads[i] = Create(random, i);
        }

        return leads;
    }

    private static RoutingLead Create(Random random, int index)
    {
        var industry = random.Chance(0.9) ? Vocabulary.Industries.Next(random) : null;
        var level = random.Chance(0.85) ? random.Pick(Vocabulary.LevelsFor(industry)) : null;
        var region = random.Chance(0.95) ? Vocabulary.Regions.Next(random) : null;
        return new RoutingLead
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"lead-{index:00000}"),
            Channel = Vocabulary.Channels.Next(random),
            Industry = industry,
            InstitutionLevel = level,
            Product = random.Chance(0.9) ? random.Pick(Vocabulary.ProductsFor(industry)) : null,
            Region = region,
            Language = random.Chance(0.97) ? Language(random, region) : null,
            Budget = random.Chance(0.75) ? Budget(random, level) : null,
            Quality = random.Chance(0.9) ? (int)Math.Clamp(Math.Round(55 + (22 * random.Gaussian())), 0, 100) : null,
            Note = random.Chance(0.8) ? Note(random) : null,
            CreatedAt = TenantGenerator.Start.AddSeconds(index),
        };
    }

    private static string Language(Random random, string? region) => region switch
    {
        "overseas-apac" => random.OneOf("en", "en", "ja", "ko", "zh"),
        "overseas-eu" => random.OneOf("en", "en", "de", "zh"),
        "overseas-na" => random.Chance(0.8) ? "en" : "zh",
        "south" or "hk-macau" => random.Chance(0.25) ? "yue" : random.Chance(0.05) ? "en" : "zh",
        _ => random.Chance(0.03) ? "en" : "zh",
    };

    private static decimal Budget(Random random, string? level)
    {
        var budget = (double)Vocabulary.MedianBudget(level) * Math.Exp(random.Gaussian());
        return Math.Round((decimal)budget / 1000m) * 1000m;
    }

    private static string Note(Random random)
    {
        var parts = random.PickDistinct(Vocabulary.NoteFragments, random.Next(1, 4));
        return string.Join(random.Chance(0.5) ? "；" : ". ", parts);
    }
}

using System.Globalization;
using CrmActors.Routing;

namespace CrmActors.Bench.Routing;

/// <summary>
/// Builds a deterministic tenant for a seed: 500 reps in 20 groups (every rep also in <see cref="AllGroup"/>) with
/// varied expertise, deal sizes, capacities, working hours in six time zones and win histories; then the rules.
/// </summary>
internal static class TenantGenerator
{
    /// <summary>The group every rep belongs to; the fallback ranks it.</summary>
    public const string AllGroup = "all";

    /// <summary>The group technical engineers are co-assigned from.</summary>
    public const string EngineerGroup = "presales-engineers";

    /// <summary>Monday 2 March 2026, 08:00 in Shanghai: the simulated clock starts here.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private const string Shanghai = "Asia/Shanghai";
    private const string HongKong = "Asia/Hong_Kong";
    private const string Tokyo = "Asia/Tokyo";
    private const string Singapore = "Asia/Singapore";
    private const string Berlin = "Europe/Berlin";
    private const string LosAngeles = "America/Los_Angeles";

    private static readonly string[] AllIndustries = Vocabulary.Industries.Values;

    /// <summary>The 20 groups; sizes add up to 500.</summary>
    public static readonly GroupProfile[] Groups =
    [
        new("east-medical", 40, ["east"], ["medical", "pharma"], Vocabulary.HospitalLevels, Vocabulary.MedicalProducts, 200_000m, 25, ShiftPattern.Office),
        new("north-medical", 30, ["north", "northeast", "northwest"], ["medical", "pharma"], Vocabulary.HospitalLevels, Vocabulary.MedicalProducts, 200_000m, 25, ShiftPattern.Office),
        new("south-medical", 25, ["south", "hk-macau"], ["medical", "pharma"], Vocabulary.HospitalLevels, Vocabulary.MedicalProducts, 150_000m, 25, ShiftPattern.Office),
        new("east-enterprise", 40, ["east", "central"], ["manufacturing", "automotive", "logistics"], Vocabulary.CompanyLevels, Vocabulary.EnterpriseProducts, 300_000m, 25, ShiftPattern.Office),
        new("north-government", 20, ["north", "northeast"], ["government", "energy", "education"], ["government agency", "state-owned enterprise", "university"], Vocabulary.EnterpriseProducts, 500_000m, 25, ShiftPattern.Office),
        new("south-retail", 33, ["south", "hk-macau"], ["retail", "ecommerce", "real-estate"], ["SME", "listed company"], Vocabulary.SmallBusinessProducts, 30_000m, 40, ShiftPattern.Office),
        new("southwest-general", 20, ["southwest"], ["manufacturing", "retail", "medical", "education", "energy"], Vocabulary.AllLevels, Vocabulary.Products, 50_000m, 30, ShiftPattern.Office),
        new("central-general", 20, ["central"], ["manufacturing", "retail", "medical", "logistics", "education"], Vocabulary.AllLevels, Vocabulary.Products, 50_000m, 30, ShiftPattern.Office),
        new("northeast-northwest", 15, ["northeast", "northwest"], ["manufacturing", "energy", "government", "medical"], Vocabulary.AllLevels, Vocabulary.Products, 50_000m, 30, ShiftPattern.Office),
        new("finance-vertical", 20, ["east", "north", "south"], ["finance", "insurance"], ["listed company", "state-owned enterprise"], Vocabulary.EnterpriseProducts, 500_000m, 30, ShiftPattern.Office),
        new("education-vertical", 15, Vocabulary.DomesticRegions, ["education"], ["university", "SME", "government agency"], Vocabulary.EnterpriseProducts, 100_000m, 20, ShiftPattern.Office),
        new("key-accounts", 12, ["east", "north", "south"], ["medical", "finance", "manufacturing", "government"], ["class-3 hospital", "listed company", "state-owned enterprise"], ["crm-pro", "erp-cloud", "his-connector", "bi-dashboard"], 1_000_000m, 10, ShiftPattern.Office),
        new("smb-inside", 60, Vocabulary.DomesticRegions, ["retail", "ecommerce", "saas", "real-estate", "logistics"], ["SME", "private clinic"], Vocabulary.SmallBusinessProducts, 10_000m, 50, ShiftPattern.Office),
        new("douyin-live", 40, Vocabulary.DomesticRegions, ["retail", "ecommerce", "medical", "education"], ["SME", "private clinic"], Vocabulary.SmallBusinessProducts, 5_000m, 45, ShiftPattern.LongDays),
        new("overseas-apac", 15, ["overseas-apac", "hk-macau"], ["manufacturing", "saas", "ecommerce", "medical"], Vocabulary.CompanyLevels, Vocabulary.EnterpriseProducts, 200_000m, 20, ShiftPattern.AsiaPacific),
        new("overseas-emea-na", 10, ["overseas-eu", "overseas-na"], ["manufacturing", "saas", "automotive", "pharma"], Vocabulary.CompanyLevels, Vocabulary.EnterpriseProducts, 300_000m, 35, ShiftPattern.EuropeAmericas),
        new("renewals", 20, Vocabulary.DomesticRegions, AllIndustries, Vocabulary.AllLevels, Vocabulary.Products, 50_000m, 35, ShiftPattern.Office),
        new("partners", 15, Vocabulary.DomesticRegions, AllIndustries, Vocabulary.AllLevels, Vocabulary.Products, 100_000m, 25, ShiftPattern.Office),
        new(EngineerGroup, 25, ["east", "north", "south"], ["medical", "manufacturing", "finance", "government"], Vocabulary.AllLevels, ["his-connector", "erp-cloud", "iot-gateway", "ai-assistant", "bi-dashboard"], 200_000m, 12, ShiftPattern.Office),
        new("tech-support", 25, Vocabulary.DomesticRegions, AllIndustries, Vocabulary.AllLevels, Vocabulary.Products, 10_000m, 30, ShiftPattern.Support),
    ];

    /// <summary>Groups a rep may belong to as well as their own.</summary>
    private static readonly string[] SecondaryGroups = ["key-accounts", "renewals", "partners", EngineerGroup, "douyin-live", "education-vertical"];

    public static Tenant Create(int seed, int ruleCount)
    {
        var random = new Random(seed);
        var roster = new List<RepProfile>(500);
        foreach (var group in Groups)
        {
            var leadId = RepId(roster.Count);
            for (var i = 0; i < group.Size; i++)
            {
                roster.Add(CreateRep(random, group, roster.Count, i == 0 ? "director-sales" : leadId));
            }
        }

        var members = roster
            .SelectMany(r => r.Groups.Select(g => (Group: g, r.Id)))
            .GroupBy(m => m.Group, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Id).ToArray(), StringComparer.Ordinal);
        var zones = roster.Where(r => r.WorkingHours is not null).Select(r => r.WorkingHours!.TimeZoneId).Distinct(StringComparer.Ordinal).ToArray();
        var rules = new RuleGenerator(random, roster, members).Create(ruleCount);
        var fallback = new RuleAction
        {
            Target = RouteTarget.Group(AllGroup),
            Notify = [NotifyChannel.InApp],
        };
        return new Tenant([.. roster], new RuleSet(1, rules, fallback), members, zones);
    }

    public static string RepId(int index) => string.Create(CultureInfo.InvariantCulture, $"rep-{index:000}");

    private static RepProfile CreateRep(Random random, GroupProfile group, int index, string supervisor)
    {
        var groups = new List<string> { group.Name, AllGroup };
        if (random.Chance(0.15) && random.Pick(SecondaryGroups) is var extra && extra != group.Name)
        {
            groups.Add(extra);
        }

        var regions = Mostly(random, group.Regions, Vocabulary.Regions.Values, random.Next(1, 3));
        var dealMin = Math.Round(group.DealMin * (decimal)(0.5 + (random.NextDouble() * 1.5)) / 1000m) * 1000m;
        var industries = Mostly(random, group.Industries, AllIndustries, random.Next(1, 4));
        var products = Mostly(random, group.Products, Vocabulary.Products, random.Next(1, 5));
        var levels = Mostly(random, group.Levels, Vocabulary.AllLevels, random.Next(1, 4));
        var capacity = random.Chance(0.02) ? 0 : Math.Max(3, (int)Math.Round(group.Capacity * (0.6 + (random.NextDouble() * 0.8))));
        return new RepProfile
        {
            Id = RepId(index),
            DisplayName = group.Shift is ShiftPattern.EuropeAmericas ? random.Pick(Vocabulary.EnglishNames) : random.Pick(Vocabulary.Surnames) + random.Pick(Vocabulary.GivenNames),
            Groups = groups,
            Industries = industries,
            InstitutionLevels = levels,
            Products = products,
            Regions = regions,
            Languages = Languages(random, regions),
            DealSize = new BudgetRange(dealMin, dealMin * random.Next(5, 21)),
            Wins = Wins(random, industries, products, levels),
            Capacity = capacity,
            WorkingHours = Hours(random, group.Shift),
            Active = !random.Chance(0.03),
            OnLeaveUntil = random.Chance(0.04) ? Start.AddHours(random.Next(-48, 24 * 14)) : null,
            SupervisorId = supervisor,
        };
    }

    /// <summary><paramref name="count"/> distinct values, each from <paramref name="focus"/> four times in five.</summary>
    private static string[] Mostly(Random random, string[] focus, string[] all, int count)
    {
        var picked = new List<string>(count);
        for (var attempt = 0; picked.Count < count && attempt < count * 8; attempt++)
        {
            var value = random.Chance(0.8) ? random.Pick(focus) : random.Pick(all);
            if (!picked.Contains(value))
            {
                picked.Add(value);
            }
        }

        return [.. picked];
    }

    private static string[] Languages(Random random, string[] regions)
    {
        var languages = new List<string>();
        if (regions.Any(r => r.StartsWith("overseas", StringComparison.Ordinal)))
        {
            languages.Add("en");
            if (regions.Contains("overseas-apac"))
            {
                languages.Add(random.OneOf("ja", "ko", "zh"));
            }

            if (regions.Contains("overseas-eu") && random.Chance(0.4))
            {
                languages.Add("de");
            }

            if (random.Chance(0.4) && !languages.Contains("zh"))
            {
                languages.Add("zh");
            }

            return [.. languages];
        }

        languages.Add("zh");
        if (random.Chance(0.3))
        {
            languages.Add("en");
        }

        if ((regions.Contains("south") || regions.Contains("hk-macau")) && random.Chance(0.35))
        {
            languages.Add("yue");
        }

        return [.. languages];
    }

    private static WinRecord[] Wins(Random random, string[] industries, string[] products, string[] levels)
    {
        var wins = new WinRecord[random.Next(0, 9)];
        for (var i = 0; i < wins.Length; i++)
        {
            wins[i] = new WinRecord(
                random.Chance(0.9) ? random.Pick(industries) : null,
                random.Chance(0.8) ? random.Pick(products) : null,
                random.Chance(0.7) ? random.Pick(levels) : null,
                (int)Math.Min(60, random.Exponential(6)));
        }

        return wins;
    }

    private static WorkingHours? Hours(Random random, ShiftPattern shift)
    {
        var roll = random.NextDouble();
        return shift switch
        {
            ShiftPattern.Office when roll < 0.85 => Day(Shanghai, 9, 0, 18, 0),
            ShiftPattern.Office when roll < 0.90 => Day(Shanghai, 8, 30, 17, 30) with { Days = Weekdays(DayOfWeek.Saturday) },
            ShiftPattern.Office when roll < 0.95 => Day(HongKong, 9, 0, 18, 0),
            ShiftPattern.Office => null,
            ShiftPattern.LongDays when roll < 0.6 => Day(Shanghai, 10, 0, 22, 0) with { Days = Enum.GetValues<DayOfWeek>() },
            ShiftPattern.LongDays => Day(Shanghai, 14, 0, 23, 0) with { Days = Enum.GetValues<DayOfWeek>() },
            ShiftPattern.Support when roll < 0.4 => Day(Shanghai, 8, 0, 17, 0),
            ShiftPattern.Support when roll < 0.7 => Day(Shanghai, 13, 0, 22, 0) with { Days = Weekdays(DayOfWeek.Saturday) },
            ShiftPattern.Support => Day(Shanghai, 21, 0, 6, 0) with { Days = Weekdays(DayOfWeek.Sunday) },
            ShiftPattern.AsiaPacific when roll < 0.5 => Day(Tokyo, 9, 0, 18, 0),
            ShiftPattern.AsiaPacific when roll < 0.8 => Day(Singapore, 9, 0, 18, 0),
            ShiftPattern.AsiaPacific => Day(HongKong, 9, 0, 18, 0),
            ShiftPattern.EuropeAmericas when roll < 0.6 => Day(Berlin, 9, 0, 17, 30),
            _ => Day(LosAngeles, 8, 0, 17, 0),
        };
    }

    private static WorkingHours Day(string zone, int startHour, int startMinute, int endHour, int endMinute) =>
        new(zone, new TimeOnly(startHour, startMinute), new TimeOnly(endHour, endMinute));

    private static DayOfWeek[] Weekdays(DayOfWeek extra) => [.. WorkingHours.Weekdays, extra];
}

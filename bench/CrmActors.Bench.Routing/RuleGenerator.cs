using System.Globalization;
using CrmActors.Routing;

namespace CrmActors.Bench.Routing;

/// <summary>
/// Writes a tenant's rules the way an operations team would: specific rules first (urgent VIPs, industry and
/// channel, region and level and budget, named reps for key accounts, keyword rules in Chinese and English,
/// overseas languages, tenders, renewals), then about twenty broad catch-alls by region and channel. What none
/// of them takes (rarer channels, leads without a region...) falls through to the fallback, which ranks
/// every rep.
/// </summary>
internal sealed class RuleGenerator(Random random, IReadOnlyList<RepProfile> roster, IReadOnlyDictionary<string, string[]> members)
{
    private const int CatchAllCount = 20;

    private static readonly string[] BudgetSteps = ["0", "10000", "50000", "100000", "200000", "500000", "1000000", "2000000", "5000000"];
    private static readonly NotifyChannel[] AlertChannels = [NotifyChannel.Sms, NotifyChannel.DingTalk, NotifyChannel.WeCom, NotifyChannel.Email];

    private readonly Dictionary<string, RepProfile> _reps = roster.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public Rule[] Create(int count)
    {
        var specific = Math.Max(0, count - CatchAllCount);
        var templates = new Weighted<Func<int, Rule>>(
            (UrgentVip, 6), (IndustryChannel, 16), (RegionLevelBudget, 12), (NamedRep, 10), (Integration, 8),
            (Competitor, 6), (Overseas, 5), (LowQualitySocial, 6), (Renewal, 5), (Tender, 8), (ProductBudget, 10),
            (NotInChannel, 5), (Partner, 3), (Live, 4));
        var rules = new List<Rule>(count);
        for (var i = 0; i < specific; i++)
        {
            rules.Add(templates.Next(random)(i));
        }

        var catchAlls = CatchAlls(specific);
        rules.AddRange(catchAlls.Take(count - specific));
        return [.. rules];
    }

    /// <summary>The sales group a lead of this industry and region belongs to.</summary>
    public static string GroupFor(string? industry, string? region)
    {
        if (region is "overseas-apac")
        {
            return "overseas-apac";
        }

        if (region is "overseas-eu" or "overseas-na")
        {
            return "overseas-emea-na";
        }

        var regional = region switch
        {
            "southwest" => "southwest-general",
            "central" => "central-general",
            "northeast" or "northwest" => "northeast-northwest",
            _ => null,
        };
        return industry switch
        {
            "medical" or "pharma" => region switch
            {
                "north" or "northeast" or "northwest" => "north-medical",
                "south" or "hk-macau" => "south-medical",
                _ => "east-medical",
            },
            "finance" or "insurance" => "finance-vertical",
            "education" => "education-vertical",
            "government" or "energy" => "north-government",
            "manufacturing" or "automotive" or "logistics" => regional ?? "east-enterprise",
            "retail" or "ecommerce" or "real-estate" => region is "south" or "hk-macau" ? "south-retail" : "smb-inside",
            _ => regional ?? "smb-inside",
        };
    }

    private Rule UrgentVip(int i)
    {
        var conditions = new List<Condition>
        {
            When(RuleFields.Note, ConditionOperators.ContainsAny, random.PickDistinct(Vocabulary.UrgentKeywords, random.Next(3, 7))),
            When(RuleFields.Quality, ConditionOperators.Gte, random.OneOf("70", "80", "90")),
            When(RuleFields.Channel, ConditionOperators.In, Vocabulary.Channels.Distinct(random, random.Next(2, 5))),
        };
        var industry = Vocabulary.Industries.Next(random);
        if (random.Chance(0.5))
        {
            conditions.Add(When(RuleFields.Industry, ConditionOperators.EqualTo, industry));
        }

        var target = random.Chance(0.4) ? "key-accounts" : GroupFor(industry, Vocabulary.Regions.Next(random));
        return Make(i, "urgent high-quality", conditions, RouteTarget.TopOfGroup(target, random.Next(2, 4)), Urgency.Critical, CoAssignRole.Supervisor);
    }

    private Rule IndustryChannel(int i)
    {
        var industry = Vocabulary.Industries.Next(random);
        var conditions = new List<Condition>
        {
            When(RuleFields.Industry, ConditionOperators.EqualTo, industry),
            When(RuleFields.Channel, ConditionOperators.In, Vocabulary.Channels.Distinct(random, random.Next(2, 5))),
        };
        string? region = null;
        if (random.Chance(0.5))
        {
            region = Vocabulary.Regions.Next(random);
            conditions.Add(When(RuleFields.Region, ConditionOperators.EqualTo, region));
        }

        if (random.Chance(0.4))
        {
            conditions.Add(When(RuleFields.Quality, ConditionOperators.Gte, random.OneOf("30", "40", "50", "60")));
        }

        var target = random.Chance(0.3)
            ? RouteTarget.TopOfGroup(GroupFor(industry, region), random.Next(2, 6))
            : RouteTarget.Group(GroupFor(industry, region));
        return Make(i, industry + " by channel", conditions, target);
    }

    private Rule RegionLevelBudget(int i)
    {
        var region = Vocabulary.Regions.Next(random);
        var industry = Vocabulary.Industries.Next(random);
        var levels = random.PickDistinct(Vocabulary.LevelsFor(industry), random.Next(1, 3));
        var conditions = new List<Condition>
        {
            When(RuleFields.Region, ConditionOperators.EqualTo, region),
            When(RuleFields.InstitutionLevel, ConditionOperators.In, levels),
            Budget(),
        };
        var target = RouteTarget.TopOfGroup(GroupFor(industry, region), random.Next(2, 4)) with
        {
            RequireMatch = random.Chance(0.5) ? [RuleFields.Region] : [],
        };
        return Make(i, region + " " + levels[0] + " budget band", conditions, target);
    }

    private Rule NamedRep(int i)
    {
        var industry = Vocabulary.Industries.Next(random);
        var region = random.Pick(Vocabulary.DomesticRegions);
        var group = GroupFor(industry, region);
        var candidates = members[group].Where(id => _reps[id].Industries.Contains(industry)).ToArray();
        var rep = random.Pick(candidates.Length > 0 ? candidates : members[group]);
        var conditions = new List<Condition>
        {
            When(RuleFields.Industry, ConditionOperators.EqualTo, industry),
            When(RuleFields.Region, ConditionOperators.EqualTo, region),
            When(RuleFields.Budget, ConditionOperators.Gte, random.OneOf("200000", "500000", "1000000")),
        };
        if (random.Chance(0.5))
        {
            conditions.Add(When(RuleFields.InstitutionLevel, ConditionOperators.In, random.PickDistinct(Vocabulary.LevelsFor(industry), 2)));
        }

        return Make(i, "key account owner " + rep, conditions, RouteTarget.Rep(rep), Urgency.High, CoAssignRole.Supervisor);
    }

    private Rule Integration(int i)
    {
        var industry = Vocabulary.Industries.Next(random);
        var conditions = new List<Condition>
        {
            When(RuleFields.Note, ConditionOperators.ContainsAny, random.PickDistinct(Vocabulary.IntegrationKeywords, random.Next(3, 6))),
            When(RuleFields.Product, ConditionOperators.In, random.PickDistinct(Vocabulary.ProductsFor(industry), random.Next(2, 4))),
        };
        if (random.Chance(0.6))
        {
            conditions.Add(When(RuleFields.Industry, ConditionOperators.EqualTo, industry));
        }

        return Make(i, "integration questions", conditions, RouteTarget.Group(GroupFor(industry, Vocabulary.Regions.Next(random))), coAssign: CoAssignRole.TechnicalEngineer);
    }

    private Rule Competitor(int i)
    {
        var conditions = new List<Condition>
        {
            When(RuleFields.Note, ConditionOperators.ContainsAny, random.PickDistinct(Vocabulary.CompetitorKeywords, random.Next(3, 6))),
            When(RuleFields.Budget, ConditionOperators.Gte, random.OneOf("50000", "100000", "300000")),
            When(RuleFields.Region, ConditionOperators.In, Vocabulary.Regions.Distinct(random, random.Next(2, 4))),
        };
        var group = GroupFor(Vocabulary.Industries.Next(random), Vocabulary.Regions.Next(random));
        return Make(i, "competitive replacement", conditions, RouteTarget.TopOfGroup(group, 3), Urgency.High, CoAssignRole.TechnicalEngineer);
    }

    private Rule Overseas(int i)
    {
        var region = random.Pick(Vocabulary.OverseasRegions);
        var language = region == "overseas-apac" ? random.OneOf("ja", "ko", "en") : random.OneOf("en", "de");
        var conditions = new List<Condition>
        {
            When(RuleFields.Language, ConditionOperators.EqualTo, language),
            When(RuleFields.Region, ConditionOperators.EqualTo, region),
            When(RuleFields.Product, ConditionOperators.In, random.PickDistinct(Vocabulary.Products, random.Next(2, 5))),
        };
        var target = RouteTarget.Group(GroupFor(null, region)) with { RequireMatch = [RuleFields.Language] };
        return Make(i, language + " speakers in " + region, conditions, target, notify: [NotifyChannel.Email]);
    }

    private Rule LowQualitySocial(int i)
    {
        var conditions = new List<Condition>
        {
            When(RuleFields.Quality, ConditionOperators.Lte, random.OneOf("20", "30")),
            When(RuleFields.Channel, ConditionOperators.In, random.PickDistinct(Vocabulary.SocialChannels, random.Next(2, 4))),
            When(RuleFields.Industry, ConditionOperators.In, Vocabulary.Industries.Distinct(random, random.Next(2, 5))),
        };
        return Make(i, "low-quality social leads", conditions, RouteTarget.Group("smb-inside"), Urgency.Low, sla: TimeSpan.FromHours(72));
    }

    private Rule Renewal(int i)
    {
        var conditions = new List<Condition>
        {
            When(RuleFields.Note, ConditionOperators.ContainsAny, random.PickDistinct(Vocabulary.RenewalKeywords, random.Next(3, 6))),
            When(RuleFields.Product, ConditionOperators.In, random.PickDistinct(Vocabulary.Products, random.Next(3, 7))),
        };
        if (random.Chance(0.5))
        {
            conditions.Add(When(RuleFields.Region, ConditionOperators.In, Vocabulary.Regions.Distinct(random, random.Next(2, 5))));
        }

        return Make(i, "renewals and upsell", conditions, RouteTarget.Group("renewals"));
    }

    private Rule Tender(int i)
    {
        var industry = random.OneOf("medical", "government", "education", "energy", "finance", "pharma");
        var region = Vocabulary.Regions.Next(random);
        var conditions = new List<Condition>
        {
            When(RuleFields.Note, ConditionOperators.ContainsAny, random.PickDistinct(Vocabulary.TenderKeywords, random.Next(3, 6))),
            When(RuleFields.InstitutionLevel, ConditionOperators.In, random.PickDistinct(Vocabulary.LevelsFor(industry), random.Next(1, 3))),
            When(RuleFields.Region, ConditionOperators.EqualTo, region),
        };
        return Make(i, "tender in " + region, conditions, RouteTarget.TopOfGroup(GroupFor(industry, region), 3), Urgency.High, CoAssignRole.Supervisor, TimeSpan.FromHours(4));
    }

    private Rule ProductBudget(int i)
    {
        var industry = Vocabulary.Industries.Next(random);
        var conditions = new List<Condition>
        {
            When(RuleFields.Product, ConditionOperators.EqualTo, random.Pick(Vocabulary.ProductsFor(industry))),
            Budget(),
            When(RuleFields.Quality, ConditionOperators.Between, random.OneOf("40", "50", "60"), "100"),
        };
        if (random.Chance(0.5))
        {
            conditions.Add(When(RuleFields.Industry, ConditionOperators.EqualTo, industry));
        }

        return Make(i, "product and budget", conditions, RouteTarget.Group(GroupFor(industry, Vocabulary.Regions.Next(random))));
    }

    private Rule NotInChannel(int i)
    {
        var industry = Vocabulary.Industries.Next(random);
        var conditions = new List<Condition>
        {
            When(RuleFields.Channel, ConditionOperators.NotIn, random.PickDistinct(Vocabulary.SocialChannels, random.Next(2, 5))),
            When(RuleFields.Industry, ConditionOperators.EqualTo, industry),
            When(RuleFields.InstitutionLevel, ConditionOperators.EqualTo, random.Pick(Vocabulary.LevelsFor(industry))),
            When(RuleFields.Quality, ConditionOperators.Gte, random.OneOf("40", "50", "60")),
        };
        return Make(i, industry + " outside social media", conditions, RouteTarget.Group(GroupFor(industry, Vocabulary.Regions.Next(random))));
    }

    private Rule Partner(int i)
    {
        var conditions = new List<Condition>
        {
            When(RuleFields.Channel, ConditionOperators.In, "partner_referral", random.OneOf("customer_referral", "trade_show")),
            When(RuleFields.Region, ConditionOperators.In, random.PickDistinct(Vocabulary.DomesticRegions, random.Next(2, 5))),
        };
        if (random.Chance(0.5))
        {
            conditions.Add(Budget());
        }

        return Make(i, "partner referrals", conditions, RouteTarget.TopOfGroup("partners", 2));
    }

    private Rule Live(int i)
    {
        var conditions = new List<Condition>
        {
            When(RuleFields.Channel, ConditionOperators.In, "douyin_dm", "douyin_ad", "kuaishou"),
            When(RuleFields.Note, ConditionOperators.ContainsAny, random.PickDistinct(Vocabulary.LiveKeywords, random.Next(2, 5))),
            When(RuleFields.Industry, ConditionOperators.In, Vocabulary.Industries.Distinct(random, random.Next(2, 6))),
        };
        return Make(i, "live-stream viewers", conditions, RouteTarget.Group("douyin-live"), Urgency.High, sla: TimeSpan.FromHours(1));
    }

    /// <summary>Broad rules at the end of the list: by region and common channel, overseas, social, hotline.</summary>
    private List<Rule> CatchAlls(int first)
    {
        var rules = new List<Rule>();
        var i = first;
        foreach (var industry in new[] { "medical", "finance", "manufacturing", "education", "government" })
        {
            rules.Add(Make(i++, "catch-all " + industry, [
                When(RuleFields.Industry, ConditionOperators.EqualTo, industry),
                When(RuleFields.Region, ConditionOperators.In, Vocabulary.DomesticRegions),
                When(RuleFields.Channel, ConditionOperators.In, Vocabulary.CommonChannels),
            ], RouteTarget.Group(GroupFor(industry, "east"))));
        }

        rules.Add(Make(i++, "catch-all overseas APAC", [When(RuleFields.Region, ConditionOperators.EqualTo, "overseas-apac")], RouteTarget.Group("overseas-apac")));
        rules.Add(Make(i++, "catch-all overseas EU/NA", [When(RuleFields.Region, ConditionOperators.In, "overseas-eu", "overseas-na")], RouteTarget.Group("overseas-emea-na")));
        rules.Add(Make(i++, "catch-all live", [
            When(RuleFields.Channel, ConditionOperators.In, "douyin_dm", "douyin_ad"),
            When(RuleFields.Quality, ConditionOperators.Gte, "20"),
        ], RouteTarget.Group("douyin-live")));
        rules.Add(Make(i++, "catch-all hotline", [When(RuleFields.Channel, ConditionOperators.EqualTo, "400_hotline"), When(RuleFields.Note, ConditionOperators.ContainsAny, "故障", "报错", "bug", "error", "用不了")], RouteTarget.Group("tech-support")));
        rules.Add(Make(i++, "catch-all low quality web", [
            When(RuleFields.Quality, ConditionOperators.Lte, "35"),
            When(RuleFields.Channel, ConditionOperators.In, "website_form", "baidu_ads"),
        ], RouteTarget.Group("smb-inside"), Urgency.Low));
        foreach (var region in Vocabulary.DomesticRegions)
        {
            rules.Add(Make(i++, "catch-all " + region, [
                When(RuleFields.Region, ConditionOperators.EqualTo, region),
                When(RuleFields.Channel, ConditionOperators.In, Vocabulary.CommonChannels),
                When(RuleFields.Quality, ConditionOperators.Gte, "36"),
            ], RouteTarget.Group(GroupFor(null, region))));
        }

        rules.Add(Make(i++, "catch-all south China", [
            When(RuleFields.Region, ConditionOperators.EqualTo, "hk-macau"),
        ], RouteTarget.Group("south-retail")));
        rules.Add(Make(i++, "catch-all referrals", [
            When(RuleFields.Channel, ConditionOperators.In, "customer_referral", "partner_referral"),
        ], RouteTarget.Group("renewals")));
        rules.Add(Make(i, "catch-all big budgets", [
            When(RuleFields.Budget, ConditionOperators.Gte, "1000000"),
            When(RuleFields.Channel, ConditionOperators.NotIn, "kuaishou", "xiaohongshu"),
        ], RouteTarget.TopOfGroup("key-accounts", 2), Urgency.High));
        return rules;
    }

    private Condition Budget()
    {
        var low = random.Next(0, BudgetSteps.Length - 1);
        var high = random.Next(low + 1, Math.Min(BudgetSteps.Length, low + 4));
        return When(RuleFields.Budget, ConditionOperators.Between, BudgetSteps[low], BudgetSteps[high]);
    }

    private Rule Make(
        int index,
        string name,
        IReadOnlyList<Condition> conditions,
        RouteTarget target,
        Urgency? urgency = null,
        CoAssignRole coAssign = CoAssignRole.None,
        TimeSpan? sla = null,
        NotifyChannel[]? notify = null)
    {
        var level = urgency ?? random.NextDouble() switch
        {
            < 0.1 => Urgency.Low,
            < 0.75 => Urgency.Normal,
            < 0.95 => Urgency.High,
            _ => Urgency.Critical,
        };
        var action = new RuleAction
        {
            Target = target,
            CoAssign = coAssign,
            TechnicalEngineerGroup = coAssign == CoAssignRole.TechnicalEngineer ? TenantGenerator.EngineerGroup : null,
            Urgency = level,
            FirstTouchSla = sla ?? level switch
            {
                Urgency.Critical => TimeSpan.FromMinutes(30),
                Urgency.High => TimeSpan.FromHours(4),
                Urgency.Low => TimeSpan.FromHours(72),
                _ => RuleAction.DefaultFirstTouchSla,
            },
            Notify = notify ?? [NotifyChannel.InApp, .. random.PickDistinct(AlertChannels, level >= Urgency.High ? 2 : random.Next(0, 2))],
        };
        var id = string.Create(CultureInfo.InvariantCulture, $"r{index:000}");
        return new Rule(id, name, conditions, action);
    }

    private static Condition When(string field, string op, params string[] values) => new(field, op, values);
}

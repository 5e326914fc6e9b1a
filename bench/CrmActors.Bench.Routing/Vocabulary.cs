namespace CrmActors.Bench.Routing;

/// <summary>
/// The values the generated tenant's reps, rules and leads draw from, with how often leads carry each. Leads and
/// rules share these lists so that conditions match at realistic rates.
/// </summary>
internal static class Vocabulary
{
    /// <summary>Canonical channels (intake's dictionary) and their share of leads.</summary>
    public static readonly Weighted<string> Channels = new(
        ("website_form", 16), ("baidu_ads", 12), ("douyin_ad", 11), ("douyin_dm", 8), ("wechat_official", 9),
        ("wechat_work", 5), ("kuaishou", 4), ("xiaohongshu", 4), ("400_hotline", 7), ("tmall_store", 3),
        ("trade_show", 4), ("partner_referral", 4), ("customer_referral", 3), ("email_inbound", 4),
        ("linkedin", 2), ("offline_event", 2));

    /// <summary>Channels social-media rules name.</summary>
    public static readonly string[] SocialChannels = ["douyin_ad", "douyin_dm", "kuaishou", "xiaohongshu", "wechat_official"];

    /// <summary>Channels the broad catch-all rules at the end of the list take (the rest falls through).</summary>
    public static readonly string[] CommonChannels = ["website_form", "baidu_ads", "douyin_ad", "douyin_dm", "wechat_official", "wechat_work", "400_hotline"];

    public static readonly Weighted<string> Industries = new(
        ("medical", 14), ("pharma", 5), ("finance", 8), ("insurance", 4), ("manufacturing", 12), ("automotive", 5),
        ("education", 7), ("retail", 9), ("ecommerce", 8), ("logistics", 5), ("energy", 3), ("government", 5),
        ("real-estate", 4), ("saas", 6));

    public static readonly string[] HospitalLevels = ["class-3 hospital", "class-2 hospital", "township clinic", "private clinic"];

    public static readonly string[] CompanyLevels = ["listed company", "state-owned enterprise", "SME"];

    public static readonly string[] AllLevels =
        ["class-3 hospital", "class-2 hospital", "township clinic", "private clinic", "listed company", "state-owned enterprise", "SME", "university", "government agency"];

    public static readonly string[] Products =
        ["crm-pro", "crm-lite", "imaging-suite", "lab-analyzer", "his-connector", "erp-cloud", "bi-dashboard", "call-center", "ai-assistant", "iot-gateway", "hr-suite", "e-sign"];

    public static readonly string[] MedicalProducts = ["imaging-suite", "lab-analyzer", "his-connector", "crm-pro", "ai-assistant"];

    public static readonly string[] EnterpriseProducts = ["crm-pro", "erp-cloud", "bi-dashboard", "iot-gateway", "hr-suite", "e-sign", "call-center"];

    public static readonly string[] SmallBusinessProducts = ["crm-lite", "call-center", "e-sign", "ai-assistant", "bi-dashboard"];

    public static readonly Weighted<string> Regions = new(
        ("east", 28), ("north", 18), ("south", 17), ("southwest", 8), ("central", 8), ("northeast", 5),
        ("northwest", 4), ("hk-macau", 3), ("overseas-apac", 4), ("overseas-eu", 3), ("overseas-na", 2));

    public static readonly string[] DomesticRegions = ["east", "north", "south", "southwest", "central", "northeast", "northwest"];

    public static readonly string[] OverseasRegions = ["overseas-apac", "overseas-eu", "overseas-na"];

    public static readonly string[] UrgentKeywords = ["急", "紧急", "加急", "尽快", "马上", "urgent", "ASAP"];

    public static readonly string[] CompetitorKeywords = ["竞品", "替换", "换掉", "迁移", "switch from", "replace", "migrate"];

    public static readonly string[] IntegrationKeywords = ["对接", "接口", "集成", "HIS", "API", "integration", "SSO"];

    public static readonly string[] RenewalKeywords = ["续费", "续约", "老客户", "增购", "renewal", "upgrade", "existing customer"];

    public static readonly string[] TenderKeywords = ["招标", "采购", "投标", "预算已批", "tender", "RFP", "procurement"];

    public static readonly string[] DemoKeywords = ["演示", "试用", "报价", "价格", "demo", "trial", "quote", "pricing"];

    public static readonly string[] LiveKeywords = ["直播", "直播间", "主播", "短视频", "live"];

    /// <summary>Note fragments; a note joins one to three (Chinese, English, or both), keywords above included.</summary>
    public static readonly string[] NoteFragments =
    [
        "想了解一下价格", "请尽快联系", "急需上线", "我们医院准备采购一批设备", "需要和HIS系统对接", "目前在用竞品，考虑替换",
        "续费咨询", "老客户推荐过来的", "预算已批，下个月招标", "看了直播间的介绍", "想要一个演示", "先试用一下",
        "领导要求这周给方案", "对接企业微信和钉钉", "需要报价单", "分公司也要用", "有没有私有化部署", "数据要放在国内",
        "Looking for a quote", "urgent: need a demo this week", "please call back ASAP", "interested in API integration",
        "we are migrating from another vendor", "existing customer, want to upgrade", "RFP due end of month",
        "just browsing", "need SSO with our identity provider", "ＵＲＧＥＮＴ，请回电", "价格合适就签", "刚开业的诊所",
        "三甲医院信息科", "下周三之前回复", "和现在的ERP集成", "想换掉现在的系统", "我们是经销商", "需要英文版",
        "系统报错了", "登录用不了", "error when exporting",
    ];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];

    public static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "晓东", "海燕"];

    public static readonly string[] EnglishNames = ["Alice Wong", "Ben Carter", "Chloe Tan", "David Müller", "Emma Sato", "Frank Lee", "Grace Kim", "Henry Schmidt"];

    /// <summary>Typical budgets (CNY) by institution level: the median of a log-normal.</summary>
    public static decimal MedianBudget(string? level) => level switch
    {
        "class-3 hospital" => 2_000_000m,
        "class-2 hospital" => 600_000m,
        "township clinic" => 60_000m,
        "private clinic" => 120_000m,
        "listed company" => 1_500_000m,
        "state-owned enterprise" => 2_500_000m,
        "university" => 800_000m,
        "government agency" => 1_200_000m,
        _ => 80_000m,
    };

    /// <summary>The institution levels that fit an industry.</summary>
    public static string[] LevelsFor(string? industry) => industry switch
    {
        "medical" or "pharma" => HospitalLevels,
        "education" => ["university", "SME", "government agency"],
        "government" or "energy" => ["government agency", "state-owned enterprise"],
        _ => CompanyLevels,
    };

    /// <summary>The products an industry asks about.</summary>
    public static string[] ProductsFor(string? industry) => industry switch
    {
        "medical" or "pharma" => MedicalProducts,
        "retail" or "ecommerce" or "real-estate" => SmallBusinessProducts,
        _ => EnterpriseProducts,
    };
}

namespace CrmActors.Bench;

/// <summary>The word lists behind generated leads: what Chinese small-business inbound leads look like.</summary>
internal static class LeadData
{
    /// <summary>The most common full names in China, each shared by hundreds of thousands of people.</summary>
    public static readonly string[] CommonFullNames = ["王伟", "王伟", "王伟", "李娜", "李娜", "张伟", "张伟", "王芳", "李伟", "张敏", "王静", "刘伟", "李静", "张丽", "王秀英"];

    public static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
        "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
        "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
        "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤",
        "欧阳", "司马", "诸葛", "上官",
    ];

    public static readonly string[] GivenChars =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚",
        "辉", "玲", "婷", "鹏", "华", "红", "宇", "浩", "凯", "佳", "欣", "怡", "子", "轩", "梓", "涵", "雨", "晨", "思", "博",
        "文", "建", "国", "志", "海", "林", "斌", "晓", "俊", "雪", "颖", "琳", "嘉", "一", "诺", "然", "泽", "铭", "昊", "瑶",
    ];

    public static readonly string[] Honorifics = ["先生", "女士", "总", "经理", "老师", "姐", "哥"];

    public static readonly string[] EnglishFirst =
    [
        "John", "Mary", "David", "Sarah", "Michael", "Emma", "Daniel", "Olivia", "Lukas", "Anna", "Kevin", "Grace",
        "Tom", "Lily", "Jason", "Cindy", "Eric", "Vivian", "Tony", "Amy",
    ];

    public static readonly string[] EnglishLast =
    [
        "Smith", "Müller", "Johnson", "Brown", "Schmidt", "Garcia", "Wang", "Chen", "Lee", "Wong", "Taylor", "Fischer",
        "Nguyen", "O'Brien", "Tan", "Lim",
    ];

    public static readonly string[] Cities =
    [
        "北京", "上海", "深圳", "广州", "杭州", "成都", "武汉", "南京", "苏州", "西安", "重庆", "天津", "长沙", "郑州", "青岛",
        "厦门", "合肥", "东莞", "佛山", "宁波",
    ];

    public static readonly string[] CompanyWords =
    [
        "华信", "恒达", "盛世", "鼎新", "宏远", "星辰", "智联", "云帆", "博雅", "金诚", "天成", "瑞丰", "汇通", "新锐", "远航",
        "启明", "中科", "锦程", "优品", "蓝海",
    ];

    public static readonly string[] Industries =
    [
        "科技", "贸易", "教育咨询", "装饰工程", "医疗器械", "电子", "网络", "餐饮管理", "物流", "文化传媒", "健康管理", "软件",
    ];

    public static readonly string[] CompanySuffixes = ["有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司", "工作室"];

    public static readonly string[] EnglishCompanies =
    [
        "Acme Trading Ltd", "Nordic Tools GmbH", "Brightline Inc.", "Pacific Rim Logistics", "Bluewave Education",
        "Sunrise Foods Co.", "Helios Medical GmbH", "Kestrel Software LLC", "Harbor & Stone Ltd", "Mapleleaf Consulting",
    ];

    /// <summary>
    /// Raw channel values as forms, ad platforms and people type them, with a weight each. All of them are
    /// aliases the default channel dictionary knows (spelling, case and separators vary), so the http mode
    /// measures accepted leads, not validation errors.
    /// </summary>
    public static readonly (string Value, int Weight)[] Channels =
    [
        ("抖音广告", 12), ("douyin_ad", 8), ("dy_ads", 4), ("百度推广", 8), ("baidu_ads", 6), ("website_form", 14),
        ("official_account", 8), ("trade_show_scan", 5), ("wechat", 10), ("referral", 7), ("douyin_dm", 4), ("企业微信", 3),
        ("官网表单", 4), ("公众号", 3), ("转介绍", 3), ("WeChat", 1), ("Website_Form", 1), ("Baidu-Ads", 1),
    ];

    /// <summary>Channels no dictionary maps: only gen-csv uses them, on purpose.</summary>
    public static readonly string[] UnmappedChannels = ["some_new_source", "tiktok_live", "未知渠道", "kuaishou_test", "partner_x", "小红书", "baidu_SEM"];

    public static readonly string[] Products =
    [
        "企业版年度订阅", "标准版（10 用户）", "私有化部署", "API 对接咨询", "trial class", "少儿编程体验课", "雅思一对一",
        "全屋定制设计", "小程序开发", "SaaS 专业版", "Enterprise plan", "Demo request", "报价咨询", "代理加盟", "售后维保",
        "CRM 标准版 50 用户", "门店收银系统", "财税代理记账", "企业培训课程", "直播带货代运营",
    ];

    public static readonly string[] Notes =
    [
        "急！今天务必回电", "客户比较急，希望本周内上线", "急 需要报价", "下午三点后方便接听", "已加微信，待跟进",
        "想了解价格和优惠活动", "来自展会扫码，对私有化部署感兴趣", "Asked for a callback tomorrow morning",
        "Prefers email, not phone", "老客户推荐的，重点跟进", "预算 5 万左右，决策人是老板", "周末方便联系",
        "要求发送产品手册", "不要在工作时间打电话", "咨询团购优惠 急", "对比过两家竞品，关注售后", "需要开专票",
        "门店 3 家，想统一管理会员", "看了抖音视频来的", "留言说下周出差，月底再联系", "客户很急，明天就要方案",
        "Interested in a pilot for the Shanghai office", "预约到店体验", "孩子 8 岁，想试听", "已发报价单，等回复",
    ];

    public static readonly string LongNote =
        "客户背景：连锁门店，目前用 Excel 管理客户，销售离职时客户经常流失。希望：1. 线索自动分配给销售；2. 超时未跟进自动提醒主管；"
        + "3. 能导入历史客户 2 万条；4. 和企业微信打通。预算待定，决策人是运营总监，下周二可以安排线上演示。另外询问了私有化部署的价格和实施周期，"
        + "以及是否支持多门店分权限管理。";

    public static readonly string[] EmailDomains = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "foxmail.com", "sina.com", "company.cn"];

    public static readonly string[] Pinyin =
    [
        "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo",
        "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie", "tao", "ming", "chao",
    ];

    /// <summary>Phone prefixes. Most are Chinese mobile number blocks; a few are international mobiles.</summary>
    public static readonly PhonePrefix[] PhonePrefixes =
    [
        .. new[]
        {
            "139", "138", "137", "136", "135", "134", "150", "151", "152", "157", "158", "159", "182", "183", "187", "188",
            "130", "131", "132", "155", "156", "185", "186", "166", "133", "153", "180", "181", "189", "177", "199", "198",
            "191", "175",
        }.Select(p => new PhonePrefix(PhoneKind.ChineseMobile, "86", p, [3, 4, 4])),
        new PhonePrefix(PhoneKind.International, "49", "151", [3, 4, 4]), // Germany mobile: +49 151 2345 6789
        new PhonePrefix(PhoneKind.International, "1", "41", [3, 3, 4]),   // US/Canada: +1 415 234 5678
        new PhonePrefix(PhoneKind.International, "44", "79", [4, 6]),     // UK mobile: +44 7912 345678
        new PhonePrefix(PhoneKind.International, "81", "90", [2, 4, 4]),  // Japan mobile: +81 90 1234 5678
        new PhonePrefix(PhoneKind.International, "61", "4", [3, 3, 3]),   // Australia mobile: +61 412 345 678
    ];

    public static readonly string[] InvalidPhones = ["12345", "139123", "000", "abc-phone", "1391234567890123", "tel: none", "+86", "13912345x78"];
}

internal enum PhoneKind
{
    ChineseMobile,
    International,
}

/// <summary>
/// A block of numbers: the country code, the national digits every number of the block starts with (eight
/// subscriber digits follow) and how people group the national number when they write it with spaces.
/// </summary>
internal sealed record class PhonePrefix(PhoneKind Kind, string CountryCode, string NationalPrefix, int[] Groups);

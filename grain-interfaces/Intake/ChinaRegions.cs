using System.Collections.Frozen;
using System.Text;
using CrmActors.GrainInterfaces.Common;

namespace CrmActors.GrainInterfaces.Intake;

/// <summary>
/// The dictionary of China's 34 province-level divisions and its major cities (every provincial capital and the large
/// prefecture-level cities), accepting Chinese ("广东省", "深圳市") and pinyin/English names ("Guangdong", "Shenzhen City"),
/// ignoring case, width, blanks, hyphens and apostrophes ("Xi'an" = "xian"), and the usual suffixes (省, 市, 自治区,
/// Province, City, Municipality, Autonomous Region, SAR). It also reads the region from a Chinese landline's area code
/// (<see cref="FromPhone"/>). A mobile number says nothing dependable: its prefix (号段) belongs to a carrier and an
/// issuing city, that table is not public and not shipped here, and numbers travel with their owners.
/// Where two cities share a pinyin name the larger one is meant: "Suzhou" is 苏州 (Jiangsu), "Fuzhou" 福州 (Fujian).
/// </summary>
public static class ChinaRegions
{
    private static readonly (string En, string Zh, string[] Aliases)[] ProvinceTable =
    [
        ("Beijing", "北京", ["peking"]), ("Shanghai", "上海", []), ("Tianjin", "天津", []), ("Chongqing", "重庆", []),
        ("Hebei", "河北", []), ("Shanxi", "山西", []), ("Liaoning", "辽宁", []), ("Jilin", "吉林", []), ("Heilongjiang", "黑龙江", []),
        ("Jiangsu", "江苏", []), ("Zhejiang", "浙江", []), ("Anhui", "安徽", []), ("Fujian", "福建", []), ("Jiangxi", "江西", []),
        ("Shandong", "山东", []), ("Henan", "河南", []), ("Hubei", "湖北", []), ("Hunan", "湖南", []), ("Guangdong", "广东", []),
        ("Hainan", "海南", []), ("Sichuan", "四川", []), ("Guizhou", "贵州", []), ("Yunnan", "云南", []), ("Shaanxi", "陕西", []),
        ("Gansu", "甘肃", []), ("Qinghai", "青海", []), ("Taiwan", "台湾", []),
        ("Inner Mongolia", "内蒙古", ["neimenggu", "nei mongol"]), ("Guangxi", "广西", ["广西壮族"]), ("Tibet", "西藏", ["xizang"]),
        ("Ningxia", "宁夏", ["宁夏回族"]), ("Xinjiang", "新疆", ["新疆维吾尔"]),
        ("Hong Kong", "香港", []), ("Macau", "澳门", ["macao"]),
    ];

    // Province, city (pinyin), city (Chinese), landline area code without its leading 0 (null: not tabulated).
    private static readonly (string Province, string En, string Zh, string? AreaCode)[] CityTable =
    [
        ("Beijing", "Beijing", "北京", "10"), ("Shanghai", "Shanghai", "上海", "21"), ("Tianjin", "Tianjin", "天津", "22"),
        ("Chongqing", "Chongqing", "重庆", "23"),
        ("Hebei", "Shijiazhuang", "石家庄", "311"), ("Hebei", "Baoding", "保定", "312"), ("Hebei", "Tangshan", "唐山", "315"),
        ("Shanxi", "Taiyuan", "太原", "351"),
        ("Inner Mongolia", "Hohhot", "呼和浩特", "471"), ("Inner Mongolia", "Baotou", "包头", "472"),
        ("Liaoning", "Shenyang", "沈阳", "24"), ("Liaoning", "Dalian", "大连", "411"),
        ("Jilin", "Changchun", "长春", "431"), ("Heilongjiang", "Harbin", "哈尔滨", "451"),
        ("Jiangsu", "Nanjing", "南京", "25"), ("Jiangsu", "Suzhou", "苏州", "512"), ("Jiangsu", "Wuxi", "无锡", "510"),
        ("Jiangsu", "Changzhou", "常州", "519"), ("Jiangsu", "Xuzhou", "徐州", "516"), ("Jiangsu", "Nantong", "南通", "513"),
        ("Zhejiang", "Hangzhou", "杭州", "571"), ("Zhejiang", "Ningbo", "宁波", "574"), ("Zhejiang", "Wenzhou", "温州", "577"),
        ("Anhui", "Hefei", "合肥", "551"),
        ("Fujian", "Fuzhou", "福州", "591"), ("Fujian", "Xiamen", "厦门", "592"), ("Fujian", "Quanzhou", "泉州", "595"),
        ("Jiangxi", "Nanchang", "南昌", "791"),
        ("Shandong", "Jinan", "济南", "531"), ("Shandong", "Qingdao", "青岛", "532"), ("Shandong", "Yantai", "烟台", "535"),
        ("Henan", "Zhengzhou", "郑州", "371"), ("Henan", "Luoyang", "洛阳", "379"),
        ("Hubei", "Wuhan", "武汉", "27"), ("Hunan", "Changsha", "长沙", "731"),
        ("Guangdong", "Guangzhou", "广州", "20"), ("Guangdong", "Shenzhen", "深圳", "755"), ("Guangdong", "Zhuhai", "珠海", "756"),
        ("Guangdong", "Foshan", "佛山", "757"), ("Guangdong", "Dongguan", "东莞", "769"), ("Guangdong", "Zhongshan", "中山", "760"),
        ("Guangxi", "Nanning", "南宁", "771"), ("Guangxi", "Guilin", "桂林", "773"),
        ("Hainan", "Haikou", "海口", null), ("Hainan", "Sanya", "三亚", null),
        ("Sichuan", "Chengdu", "成都", "28"), ("Guizhou", "Guiyang", "贵阳", "851"), ("Yunnan", "Kunming", "昆明", "871"),
        ("Tibet", "Lhasa", "拉萨", "891"), ("Shaanxi", "Xi'an", "西安", "29"), ("Gansu", "Lanzhou", "兰州", "931"),
        ("Qinghai", "Xining", "西宁", "971"), ("Ningxia", "Yinchuan", "银川", "951"), ("Xinjiang", "Urumqi", "乌鲁木齐", "991"),
        ("Taiwan", "Taipei", "台北", null), ("Hong Kong", "Hong Kong", "香港", null), ("Macau", "Macau", "澳门", null),
    ];

    // Hainan's whole province shares 0898, so the code names the province only.
    private static readonly (string AreaCode, string Province)[] ProvinceOnlyCodes = [("898", "Hainan")];

    private static readonly string[] Suffixes =
    [
        "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市",
        "specialadministrativeregion", "autonomousregion", "municipality", "province", "city", "sar",
    ];

    private static readonly FrozenDictionary<string, ChinaPlace> Provinces;
    private static readonly FrozenDictionary<string, ChinaPlace> Cities;
    private static readonly FrozenDictionary<string, ChinaPlace> AreaCodes;

    static ChinaRegions()
    {
        var provinces = new Dictionary<string, ChinaPlace>(StringComparer.Ordinal);
        foreach (var (en, zh, aliases) in ProvinceTable)
        {
            var place = new ChinaPlace(en, zh);
            foreach (var name in aliases.Append(en).Append(zh))
            {
                provinces[Key(name)] = place;
            }
        }

        var cities = new Dictionary<string, ChinaPlace>(StringComparer.Ordinal);
        var codes = new Dictionary<string, ChinaPlace>(StringComparer.Ordinal);
        foreach (var (province, en, zh, code) in CityTable)
        {
            var p = provinces[Key(province)];
            var place = p with { City = en, CityZh = zh };
            cities[Key(en)] = place;
            cities[Key(zh)] = place;
            if (code is not null)
            {
                codes[code] = place;
            }
        }

        foreach (var (code, province) in ProvinceOnlyCodes)
        {
            codes[code] = provinces[Key(province)];
        }

        Provinces = provinces.ToFrozenDictionary(StringComparer.Ordinal);
        Cities = cities.ToFrozenDictionary(StringComparer.Ordinal);
        AreaCodes = codes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every province-level division, by its pinyin/English name, in the dictionary's order.</summary>
    public static IReadOnlyList<ChinaPlace> AllProvinces { get; } = [.. ProvinceTable.Select(p => new ChinaPlace(p.En, p.Zh))];

    /// <summary>The province-level division a name denotes ("广东", "广东省", "Guangdong", "guangdong province"), or null.</summary>
    public static ChinaPlace? Province(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : Provinces.GetValueOrDefault(Key(name));

    /// <summary>The city a name denotes, with its province ("深圳", "深圳市", "Shenzhen"), or null when not in the dictionary.</summary>
    public static ChinaPlace? City(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : Cities.GetValueOrDefault(Key(name));

    /// <summary>
    /// A free-text region ("Shanghai", "深圳", "Guangdong Province"): the city it names, else the province, else null
    /// ("East China", "华南" name no single place).
    /// </summary>
    public static ChinaPlace? Place(string? text) => City(text) ?? Province(text);

    /// <summary>
    /// The place a phone number (E.164, as intake stores it) was issued for: a Chinese landline by its area code
    /// (+86 10 Beijing, +86 21 Shanghai, +86 20 Guangzhou, +86 755 Shenzhen...); null for mobiles (see the class
    /// remarks), for area codes not tabulated and for numbers outside mainland China.
    /// </summary>
    public static ChinaPlace? FromPhone(string? e164)
    {
        if (e164 is null || !e164.StartsWith("+86", StringComparison.Ordinal) || e164.Length < 6)
        {
            return null;
        }

        var national = e164.AsSpan(3);

        // Mobiles start with 1 then 3-9; "10" is Beijing's area code.
        if (national[0] == '1' && national[1] != '0')
        {
            return null;
        }

        var two = national[..2].ToString();
        if (national[0] is '1' or '2')
        {
            return AreaCodes.GetValueOrDefault(two);
        }

        return AreaCodes.GetValueOrDefault(national[..3].ToString());
    }

    /// <summary>The matching key of a name: NFKC, lower case, without blanks, hyphens, apostrophes, dots or a known suffix.</summary>
    private static string Key(string name)
    {
        var folded = UnicodeText.FoldKc(name.Trim()).ToLowerInvariant();
        var key = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (c is not (' ' or '-' or '_' or '.' or '\'' or '’' or '·'))
            {
                key.Append(c);
            }
        }

        var text = key.ToString();
        foreach (var suffix in Suffixes)
        {
            if (text.Length > suffix.Length && text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return text[..^suffix.Length];
            }
        }

        return text;
    }
}

using System.Collections.Frozen;
using System.Text;
using CrmActors.GrainInterfaces.Common;

namespace CrmActors.GrainInterfaces.Intake;

/// <summary>
/// Maps the many spellings of a lead source ("抖音广告", "douyin_ad", "dy_ads") to one canonical channel.
/// Matching ignores case, width (full-width forms), surrounding blanks and the separators ' ', '-', '.', '_'.
/// </summary>
public sealed class ChannelDictionary
{
    private readonly FrozenDictionary<string, string> _aliases;

    /// <summary>Builds a dictionary from canonical channels and their aliases (each canonical name is its own alias).</summary>
    public ChannelDictionary(IReadOnlyDictionary<string, IReadOnlyList<string>> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (canonical, aliases) in channels)
        {
            map[Key(canonical)] = canonical;
            foreach (var alias in aliases)
            {
                map[Key(alias)] = canonical;
            }
        }

        _aliases = map.ToFrozenDictionary(StringComparer.Ordinal);
        Channels = channels;
    }

    /// <summary>The canonical channels with their aliases.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Channels { get; }

    /// <summary>The canonical channel for a raw value, or null when the dictionary does not know it.</summary>
    public string? Map(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null : _aliases.GetValueOrDefault(Key(raw));

    /// <summary>The matching key of a spelling: NFKC, lower case, separators unified and collapsed.</summary>
    public static string Key(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = UnicodeText.FoldKc(value).Trim().ToLowerInvariant();
        var builder = new StringBuilder(text.Length);
        var separator = false;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '.' or '_' or '\t')
            {
                separator = builder.Length > 0;
                continue;
            }

            if (separator)
            {
                builder.Append('_');
                separator = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The defaults every tenant starts with: common Chinese and international sources.</summary>
    public static ChannelDictionary Default { get; } = new(new Dictionary<string, IReadOnlyList<string>>
    {
        ["website_form"] = ["website", "web", "web_form", "官网", "官网表单", "网站", "网站表单", "home_page_consult", "官网咨询"],
        ["trade_show_scan"] = ["trade_show", "tradeshow", "expo", "qr_scan", "展会", "展会扫码", "扫码"],
        ["phone_400"] = ["400", "400_line", "hotline", "phone", "call_in", "400电话", "电话", "热线"],
        ["wechat"] = ["weixin", "wx", "wecom", "wechat_work", "微信", "企业微信", "企微"],
        ["douyin_dm"] = ["douyin", "tiktok", "tiktok_dm", "dy_dm", "抖音", "抖音私信"],
        ["douyin_ads"] = ["douyin_ad", "dy_ads", "dy_ad", "tiktok_ads", "抖音广告", "巨量引擎"],
        ["baidu_ads"] = ["baidu", "baidu_ad", "bd_ads", "sem", "百度", "百度推广", "百度广告"],
        ["official_account"] = ["wechat_official_account", "mp", "gzh", "公众号", "公众号报名", "服务号"],
        ["referral"] = ["referal", "recommendation", "word_of_mouth", "转介绍", "推荐", "老客户推荐"],
        ["email"] = ["e_mail", "mail", "邮件", "邮箱"],
        ["linkedin"] = ["linked_in", "领英"],
        ["google_ads"] = ["google", "adwords", "谷歌广告"],
        ["import"] = ["csv", "excel", "xlsx", "导入"],
        ["other"] = ["others", "misc", "其他", "其它"],
    });
}

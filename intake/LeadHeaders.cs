using System.Collections.Frozen;
using System.Text;

namespace CrmActors.Intake;

/// <summary>
/// The English and Chinese column headers that name each lead field. Headers are compared after
/// <see cref="Normalize"/>, so "Phone Number", "phone_number" and "ＰＨＯＮＥ　ＮＵＭＢＥＲ" are the same header.
/// </summary>
internal static class LeadHeaders
{
    private static readonly FrozenDictionary<string, LeadField> Synonyms = Build(new Dictionary<LeadField, string[]>
    {
        [LeadField.Name] = ["name", "full name", "contact", "contact name", "姓名", "客户姓名", "联系人", "名字"],
        [LeadField.Phone] =
        [
            "phone", "mobile", "tel", "telephone", "phone number", "mobile number", "mobile phone", "cell phone",
            "电话", "手机", "手机号", "手机号码", "联系电话", "电话号码",
        ],
        [LeadField.Channel] = ["channel", "source", "lead source", "渠道", "来源", "线索来源", "来源渠道"],
        [LeadField.ProductInterest] = ["product", "product interest", "interest", "意向产品", "产品", "意向"],
        [LeadField.Note] = ["note", "notes", "remark", "remarks", "comment", "comments", "备注"],
        [LeadField.Email] = ["email", "e-mail", "mail", "email address", "邮箱", "电子邮箱", "邮件"],
        [LeadField.Company] = ["company", "company name", "organization", "organisation", "公司", "单位", "公司名称"],
        [LeadField.Industry] = ["industry", "sector", "行业", "所属行业"],
        [LeadField.InstitutionLevel] = ["institution level", "level", "hospital level", "school level", "机构等级", "医院等级", "等级", "级别"],
        [LeadField.Region] = ["region", "province", "city", "area", "地区", "区域", "省份", "城市"],
        [LeadField.Language] = ["language", "语言"],
        [LeadField.Budget] = ["budget", "budget cny", "预算", "预算金额"],
        [LeadField.Quality] = ["quality", "lead quality", "rating", "线索质量", "质量", "评级"],
    });

    /// <summary>The fields a file must have a column for.</summary>
    public static IReadOnlyList<LeadField> Required { get; } = [LeadField.Name, LeadField.Phone];

    /// <summary>Finds the field a header names, if any.</summary>
    public static bool TryMatch(string header, out LeadField field) => Synonyms.TryGetValue(Normalize(header), out field);

    /// <summary>
    /// Folds full-width forms to ASCII (NFKC), lower-cases, and drops whitespace (including the ideographic
    /// space), underscores and the asterisks templates put on required columns ("*姓名").
    /// </summary>
    public static string Normalize(string header)
    {
        string folded;
        try
        {
            folded = header.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            folded = header; // Not well-formed text (an unpaired surrogate): matches no known header.
        }

        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && c is not '_' and not '*' and not '\uFEFF')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static FrozenDictionary<string, LeadField> Build(Dictionary<LeadField, string[]> synonyms) =>
        synonyms
            .SelectMany(pair => pair.Value.Select(header => KeyValuePair.Create(Normalize(header), pair.Key)))
            .ToFrozenDictionary();
}

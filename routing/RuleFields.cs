namespace CrmActors.Routing;

/// <summary>
/// The lead fields a <see cref="Condition"/> can test, spelled as rule authors write them (matching ignores case).
/// Text fields take <c>equals</c>, <c>in</c>, <c>notIn</c> and <c>containsAny</c>; the numeric fields
/// <see cref="Budget"/> and <see cref="Quality"/> take <c>equals</c>, <c>in</c>, <c>notIn</c>, <c>between</c>,
/// <c>gte</c> and <c>lte</c>; <see cref="Note"/> takes only <c>containsAny</c>.
/// </summary>
public static class RuleFields
{
    /// <summary>The canonical source channel, e.g. <c>website_form</c>, <c>douyin_dm</c>, <c>baidu_ads</c>.</summary>
    public const string Channel = "channel";

    /// <summary>The customer's industry, e.g. <c>finance</c>, <c>manufacturing</c>.</summary>
    public const string Industry = "industry";

    /// <summary>The customer's region.</summary>
    public const string Region = "region";

    /// <summary>The institution level, e.g. <c>class-3 hospital</c>, <c>township clinic</c>.</summary>
    public const string InstitutionLevel = "institutionLevel";

    /// <summary>The product the lead asks about.</summary>
    public const string Product = "product";

    /// <summary>The language the customer speaks.</summary>
    public const string Language = "language";

    /// <summary>The stated budget in CNY (numeric).</summary>
    public const string Budget = "budget";

    /// <summary>The lead quality score, 0 to 100 (numeric).</summary>
    public const string Quality = "quality";

    /// <summary>The free-text note; keywords only.</summary>
    public const string Note = "note";

    /// <summary>Every field, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Channel, Industry, Region, InstitutionLevel, Product, Language, Budget, Quality, Note];
}

namespace CrmActors.Routing;

/// <summary>The operators a <see cref="Condition"/> can use, spelled as rule authors write them (matching ignores case).</summary>
public static class ConditionOperators
{
    /// <summary>The value equals the single given value (text ignores case).</summary>
    public const string EqualTo = "equals";

    /// <summary>The value is one of the given values.</summary>
    public const string In = "in";

    /// <summary>The value is present and none of the given values.</summary>
    public const string NotIn = "notIn";

    /// <summary>Numeric: min &lt;= value &lt;= max, given as two values.</summary>
    public const string Between = "between";

    /// <summary>Numeric: value &gt;= the single given value.</summary>
    public const string Gte = "gte";

    /// <summary>Numeric: value &lt;= the single given value.</summary>
    public const string Lte = "lte";

    /// <summary>Text: the value contains at least one keyword (ignores case and full/half width; works for Chinese).</summary>
    public const string ContainsAny = "containsAny";

    /// <summary>Every operator, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [EqualTo, In, NotIn, Between, Gte, Lte, ContainsAny];
}

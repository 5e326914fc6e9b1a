using System.Collections.Frozen;
using System.Text;

namespace CrmActors.Routing;

/// <summary>Field and operator names, which operators each field takes, and how text is folded for keyword search.</summary>
internal static class RuleVocabulary
{
    private static readonly FrozenDictionary<string, FieldId> Fields = new Dictionary<string, FieldId>
    {
        [RuleFields.Channel] = FieldId.Channel,
        [RuleFields.Industry] = FieldId.Industry,
        [RuleFields.Region] = FieldId.Region,
        [RuleFields.InstitutionLevel] = FieldId.InstitutionLevel,
        [RuleFields.Product] = FieldId.Product,
        [RuleFields.Language] = FieldId.Language,
        [RuleFields.Budget] = FieldId.Budget,
        [RuleFields.Quality] = FieldId.Quality,
        [RuleFields.Note] = FieldId.Note,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, OperatorId> Operators = new Dictionary<string, OperatorId>
    {
        [ConditionOperators.EqualTo] = OperatorId.EqualTo,
        [ConditionOperators.In] = OperatorId.In,
        [ConditionOperators.NotIn] = OperatorId.NotIn,
        [ConditionOperators.Between] = OperatorId.Between,
        [ConditionOperators.Gte] = OperatorId.Gte,
        [ConditionOperators.Lte] = OperatorId.Lte,
        [ConditionOperators.ContainsAny] = OperatorId.ContainsAny,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool TryField(string? name, out FieldId field)
    {
        field = default;
        return name is not null && Fields.TryGetValue(name.Trim(), out field);
    }

    public static bool TryOperator(string? name, out OperatorId op)
    {
        op = default;
        return name is not null && Operators.TryGetValue(name.Trim(), out op);
    }

    public static bool IsNumeric(FieldId field) => field is FieldId.Budget or FieldId.Quality;

    /// <summary>Fields a rep profile describes, which a target may require a candidate to cover.</summary>
    public static bool IsProfileField(FieldId field) =>
        field is FieldId.Industry or FieldId.InstitutionLevel or FieldId.Product or FieldId.Region or FieldId.Language;

    public static bool Supports(FieldId field, OperatorId op) => field switch
    {
        FieldId.Note => op is OperatorId.ContainsAny,
        FieldId.Budget or FieldId.Quality => op is not OperatorId.ContainsAny,
        _ => op is OperatorId.EqualTo or OperatorId.In or OperatorId.NotIn or OperatorId.ContainsAny,
    };

    public static string SupportedOperators(FieldId field) => field switch
    {
        FieldId.Note => ConditionOperators.ContainsAny,
        FieldId.Budget or FieldId.Quality => "equals, in, notIn, between, gte, lte",
        _ => "equals, in, notIn, containsAny",
    };

    public static string Name(FieldId field) => RuleFields.All[(int)field];

    public static string Name(OperatorId op) => ConditionOperators.All[(int)op];

    /// <summary>
    /// Folds full-width letters and digits to their usual forms (NFKC) so that "ＵＲＧＥＮＴ" finds "urgent";
    /// case is ignored by the ordinal comparison that follows. Allocates only when the text changes.
    /// </summary>
    public static string Fold(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text; // Not well-formed text (an unpaired surrogate): folded as is, it matches no rule keyword.
        }
    }
}

using System.Collections.Frozen;

namespace CrmActors.Routing;

/// <summary>A validated condition reduced to one cheap test: a set lookup, a keyword scan or a numeric range.</summary>
internal sealed class CompiledCondition
{
    private readonly FieldId _field;
    private readonly Test _test;
    private readonly FrozenSet<string>? _texts;
    private readonly string[]? _keywords;
    private readonly decimal[]? _numbers;
    private readonly decimal _min;
    private readonly decimal _max;

    private CompiledCondition(FieldId field, Test test, FrozenSet<string>? texts, string[]? keywords, decimal[]? numbers, decimal min, decimal max)
    {
        _field = field;
        _test = test;
        _texts = texts;
        _keywords = keywords;
        _numbers = numbers;
        _min = min;
        _max = max;
    }

    private enum Test
    {
        TextIn,
        TextNotIn,
        TextContainsAny,
        NumberRange,
        NumberIn,
        NumberNotIn,
    }

    public static CompiledCondition ForText(FieldId field, OperatorId op, IReadOnlyList<string> values) => op switch
    {
        OperatorId.ContainsAny => new(field, Test.TextContainsAny, null, [.. values.Select(RuleVocabulary.Fold)], null, 0, 0),
        OperatorId.NotIn => new(field, Test.TextNotIn, values.ToFrozenSet(StringComparer.OrdinalIgnoreCase), null, null, 0, 0),
        _ => new(field, Test.TextIn, values.ToFrozenSet(StringComparer.OrdinalIgnoreCase), null, null, 0, 0),
    };

    public static CompiledCondition ForNumbers(FieldId field, OperatorId op, IReadOnlyList<decimal> values) => op switch
    {
        OperatorId.In => new(field, Test.NumberIn, null, null, [.. values], 0, 0),
        OperatorId.NotIn => new(field, Test.NumberNotIn, null, null, [.. values], 0, 0),
        OperatorId.Between => new(field, Test.NumberRange, null, null, null, values[0], values[1]),
        OperatorId.Gte => new(field, Test.NumberRange, null, null, null, values[0], decimal.MaxValue),
        OperatorId.Lte => new(field, Test.NumberRange, null, null, null, decimal.MinValue, values[0]),
        _ => new(field, Test.NumberRange, null, null, null, values[0], values[0]),
    };

    public bool Matches(in LeadView lead) => _test switch
    {
        Test.TextIn => lead.Text(_field) is { } text && _texts!.Contains(text),
        Test.TextNotIn => lead.Text(_field) is { } text && !_texts!.Contains(text),
        Test.TextContainsAny => lead.Text(_field) is { } text && ContainsAny(_field == FieldId.Note ? text : RuleVocabulary.Fold(text)),
        Test.NumberRange => lead.Number(_field) is { } number && number >= _min && number <= _max,
        Test.NumberIn => lead.Number(_field) is { } number && Array.IndexOf(_numbers!, number) >= 0,
        Test.NumberNotIn => lead.Number(_field) is { } number && Array.IndexOf(_numbers!, number) < 0,
        _ => false,
    };

    private bool ContainsAny(string text)
    {
        foreach (var keyword in _keywords!)
        {
            if (text.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

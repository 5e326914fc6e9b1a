namespace CrmActors.Conversations;

/// <summary>A clause of an utterance: the unit objections, needs and budgets are read from.</summary>
/// <param name="Utterance">The message it is in.</param>
/// <param name="Start">Its offset in the message's text.</param>
/// <param name="Length">Its length.</param>
public sealed record class Clause(Utterance Utterance, int Start, int Length)
{
    /// <summary>The clause's words.</summary>
    public string Text => Utterance.Text.Substring(Start, Length);

    /// <summary>The evidence that points at it.</summary>
    public Evidence Evidence => Evidence.Of(Utterance, Start, Length);

    /// <summary>The clauses of <paramref name="utterance"/>: split at Chinese and English punctuation (not in 1.2 or Dr.).</summary>
    public static IReadOnlyList<Clause> Of(Utterance utterance)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        var text = utterance.Text;
        var clauses = new List<Clause>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !IsBreak(text, i))
            {
                continue;
            }

            var (s, e) = (start, i);
            while (s < e && char.IsWhiteSpace(text[s]))
            {
                s++;
            }

            while (e > s && char.IsWhiteSpace(text[e - 1]))
            {
                e--;
            }

            if (e > s)
            {
                clauses.Add(new Clause(utterance, s, e - s));
            }

            start = i + 1;
        }

        return clauses;
    }

    private static bool IsBreak(string text, int i)
    {
        var c = text[i];
        if ("，。；！？、\n;!?".Contains(c, StringComparison.Ordinal))
        {
            return true;
        }

        if (c == ',')
        {
            // 1,200,000 stays whole.
            return !(i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]));
        }

        if (c != '.')
        {
            return false;
        }

        if (i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]))
        {
            return false;
        }

        var wordStart = i;
        while (wordStart > 0 && char.IsLetter(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text[wordStart..i];
        return word is not ("Dr" or "Mr" or "Ms" or "Mrs" or "Prof" or "St");
    }
}

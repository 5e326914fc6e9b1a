using System.Text.RegularExpressions;

namespace CrmActors.Conversations;

/// <summary>
/// Drafts the fields of a conversation in-process, by dictionaries and rules: who was spoken to and their role, the
/// need, the budget, promised dates, competitors, objections and the agreed next step, each with its evidence. The
/// customer's side is every speaker not named as ours; needs, budgets, roles and objections are read from the
/// customer's side only, the next step from ours, dates and competitors from both.
/// </summary>
public static partial class ConversationExtractor
{
    /// <summary>Drafts the fields of <paramref name="transcript"/>; <paramref name="repSpeakers"/> name our side (guessed when empty).</summary>
    public static ConversationFields Extract(Transcript transcript, IReadOnlyCollection<string> repSpeakers, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(repSpeakers);
        ArgumentNullException.ThrowIfNull(zone);
        var speakers = transcript.Speakers;
        var ours = OurSide(transcript, repSpeakers);
        var theirs = transcript.Utterances.Where(u => !ours.Contains(u.Speaker)).ToList();
        var primary = theirs.GroupBy(u => u.Speaker, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(u => u.Text.Length)).Select(g => g.Key).FirstOrDefault();
        var primaryClauses = theirs.Where(u => u.Speaker == primary).SelectMany(Clause.Of).ToList();
        var theirClauses = theirs.SelectMany(Clause.Of).ToList();
        var (name, role) = Contact(primary, theirs.Where(u => u.Speaker == primary).ToList(), primaryClauses);
        return new ConversationFields(
            transcript.Kind,
            speakers,
            [.. speakers.Where(ours.Contains)],
            name,
            role,
            Need(theirClauses),
            Budget(transcript, ours),
            Dates(transcript, zone),
            Competitors(transcript),
            Objections(theirClauses),
            NextStep(transcript, ours));
    }

    private static HashSet<string> OurSide(Transcript transcript, IReadOnlyCollection<string> repSpeakers)
    {
        var named = transcript.Speakers.Where(s => repSpeakers.Any(r => r.Trim().Length > 0
            && (string.Equals(s, r.Trim(), StringComparison.OrdinalIgnoreCase) || s.Contains(r.Trim(), StringComparison.OrdinalIgnoreCase)))).ToHashSet(StringComparer.Ordinal);
        if (named.Count > 0)
        {
            return named;
        }

        var byName = transcript.Speakers.Where(s => Lexicon.OurSideName().IsMatch(s)).ToHashSet(StringComparer.Ordinal);
        if (byName.Count > 0 || transcript.Speakers.Count < 2)
        {
            return byName;
        }

        // Nobody named: our side is the speaker who promises the most (I'll send, 给您, 我们可以).
        var guess = transcript.Speakers.OrderByDescending(s => transcript.Utterances.Where(u => u.Speaker == s).Sum(u => OurSideCue().Count(u.Text))).First();
        return [guess];
    }

    private static (ExtractedText? Name, ExtractedText? Role) Contact(string? speaker, List<Utterance> said, List<Clause> clauses)
    {
        if (speaker is null || said.Count == 0)
        {
            return (null, null);
        }

        var first = said[0];
        var labelEvidence = new Evidence(speaker, first.SpeakerStart, speaker.Length, speaker, first.At);
        ExtractedText? name = null;
        ExtractedText? titleRole = null;
        if (!Lexicon.GenericName().IsMatch(speaker))
        {
            var han = speaker.Any(IsHan);
            var bare = Regex.Replace(speaker, @"^(?:Dr|Mr|Ms|Mrs|Prof)\.?\s+", string.Empty);
            if (han)
            {
                foreach (var (title, isRole) in Lexicon.ChineseTitles)
                {
                    if (bare.Length > title.Length && bare.EndsWith(title, StringComparison.Ordinal))
                    {
                        bare = bare[..^title.Length];
                        titleRole = isRole ? new ExtractedText(title, labelEvidence) : null;
                        break;
                    }
                }
            }

            name = new ExtractedText(bare, labelEvidence);
        }

        ExtractedText? introName = null;
        ExtractedText? introRole = null;
        foreach (var clause in clauses.Take(8))
        {
            introRole ??= ChineseIntroRole(clause, speaker) ?? EnglishIntroRole(clause);
            introName ??= IntroName(clause);
        }

        if (name is null || (introName is not null && name.Value.Length == 1 && introName.Value.StartsWith(name.Value, StringComparison.Ordinal)))
        {
            name = introName ?? name;
        }

        return (name, introRole ?? titleRole);
    }

    private static ExtractedText? ChineseIntroRole(Clause clause, string speaker)
    {
        var match = ChineseIntro().Match(clause.Text);
        if (!match.Success)
        {
            return null;
        }

        var desc = match.Groups["desc"].Value;
        var of = desc.LastIndexOf('的');
        if (of >= 0 && Lexicon.ChineseRole().IsMatch(desc[(of + 1)..]))
        {
            desc = desc[(of + 1)..];
        }

        if (desc.Length > speaker.Length && desc.EndsWith(speaker, StringComparison.Ordinal))
        {
            desc = desc[..^speaker.Length];
        }
        else
        {
            var roles = Lexicon.ChineseRole().Matches(desc);
            if (roles.Count > 0)
            {
                var last = roles[^1];
                var tail = desc[(last.Index + last.Length)..];
                if (tail.Length is 2 or 3 && tail.All(IsHan))
                {
                    desc = desc[..(last.Index + last.Length)];
                }
            }
        }

        return Lexicon.ChineseRole().IsMatch(desc) ? new ExtractedText(desc, clause.Evidence) : null;
    }

    private static ExtractedText? EnglishIntroRole(Clause clause)
    {
        var text = GreetingPrefix().Replace(clause.Text, string.Empty).Trim();
        if (IOwn().IsMatch(text))
        {
            return new ExtractedText("owner", clause.Evidence);
        }

        string candidate;
        if (IntroPrefix().Match(text) is { Success: true } intro)
        {
            candidate = intro.Groups["r"].Value;
        }
        else if (AsPrefix().Match(text) is { Success: true } asRole)
        {
            candidate = asRole.Groups["r"].Value;
        }
        else
        {
            candidate = text;
        }

        candidate = HereSuffix().Replace(candidate, string.Empty);
        candidate = RoleCut().Replace(candidate, string.Empty).Trim();
        var words = candidate.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is > 0 and <= 6 && Lexicon.EnglishRole().IsMatch(candidate) && !NotARole().IsMatch(candidate)
            ? new ExtractedText(candidate, clause.Evidence)
            : null;
    }

    private static ExtractedText? IntroName(Clause clause)
    {
        if (EnglishName().Match(clause.Text) is { Success: true } en && !Lexicon.EnglishRole().IsMatch(en.Groups["name"].Value))
        {
            return new ExtractedText(en.Groups["name"].Value, clause.Evidence);
        }

        if (ChineseIntro().Match(clause.Text) is { Success: true } intro && Lexicon.ChineseRole().Matches(intro.Groups["desc"].Value) is { Count: > 0 } roles)
        {
            var desc = intro.Groups["desc"].Value;
            var tail = desc[(roles[^1].Index + roles[^1].Length)..];
            if (tail.Length is 2 or 3 && tail.All(IsHan))
            {
                return new ExtractedText(tail, clause.Evidence);
            }
        }

        if (Surname().Match(clause.Text) is { Success: true } surname)
        {
            return new ExtractedText(surname.Groups["s"].Value, clause.Evidence);
        }

        return null;
    }

    private static ExtractedText? Need(List<Clause> clauses)
    {
        // A self-introduction ("我是负责采购的", "I'm the plant manager") says who, not what.
        var said = clauses.Where(c => Lexicon.NeedCue().IsMatch(c.Text) && !ChineseIntro().IsMatch(c.Text) && EnglishIntroRole(c) is null).ToList();
        var clause = said.FirstOrDefault(c => !Lexicon.BudgetCue().IsMatch(c.Text) && !Lexicon.Objections.Any(o => o.Cue.IsMatch(c.Text)))
            ?? said.FirstOrDefault();
        return clause is null ? null : new ExtractedText(clause.Text, clause.Evidence);
    }

    private static ExtractedBudget? Budget(Transcript transcript, HashSet<string> ours)
    {
        ExtractedBudget? weak = null;
        Utterance? previous = null;
        foreach (var utterance in transcript.Utterances)
        {
            var askedBudget = previous is not null && ours.Contains(previous.Speaker) && Lexicon.BudgetCue().IsMatch(previous.Text);
            previous = utterance;
            if (ours.Contains(utterance.Speaker))
            {
                continue;
            }

            foreach (var clause in Clause.Of(utterance))
            {
                var text = clause.Text;
                var cue = Lexicon.BudgetCue().IsMatch(text);
                if (!cue && Lexicon.PriceNotBudget().IsMatch(text))
                {
                    continue;
                }

                foreach (var amount in AmountReader.Find(text))
                {
                    var found = new ExtractedBudget(amount.Min, amount.Max, amount.Currency, clause.Evidence);
                    if (cue || askedBudget)
                    {
                        return found;
                    }

                    weak ??= found;
                }
            }
        }

        return weak;
    }

    private static List<ExtractedDate> Dates(Transcript transcript, TimeZoneInfo zone)
    {
        var dates = new List<ExtractedDate>();
        foreach (var clause in transcript.Utterances.SelectMany(Clause.Of))
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clause.Utterance.At, zone).DateTime);
            foreach (var mention in DateReader.Find(clause.Text, today))
            {
                if (dates.All(d => d.Date != mention.Date))
                {
                    dates.Add(new ExtractedDate(mention.Date, clause.Text.Substring(mention.Index, mention.Length), clause.Evidence));
                }
            }
        }

        return dates;
    }

    private static List<ExtractedText> Competitors(Transcript transcript)
    {
        var found = new List<ExtractedText>();
        foreach (var clause in transcript.Utterances.SelectMany(Clause.Of))
        {
            foreach (var (name, aliases) in Lexicon.Competitors)
            {
                if (found.Any(f => f.Value == name) || !aliases.Any(a => Names(clause.Text, a)))
                {
                    continue;
                }

                found.Add(new ExtractedText(name, clause.Evidence));
            }
        }

        return found;
    }

    private static bool Names(string text, string alias)
    {
        if (alias.Any(IsHan))
        {
            var at = text.IndexOf(alias, StringComparison.Ordinal);
            return at >= 0 && !(alias == "富士" && at + 2 < text.Length && text[at + 2] == '康');
        }

        var options = alias.All(c => !char.IsLetter(c) || char.IsUpper(c)) && alias.Length <= 3 ? RegexOptions.None : RegexOptions.IgnoreCase;
        return Regex.IsMatch(text, $@"(?<![A-Za-z]){Regex.Escape(alias)}(?![A-Za-z])", options, TimeSpan.FromSeconds(1));
    }

    private static List<ExtractedText> Objections(List<Clause> clauses)
    {
        var found = new List<ExtractedText>();
        foreach (var clause in clauses)
        {
            foreach (var (category, cue) in Lexicon.Objections)
            {
                if (found.All(f => f.Value != category) && cue.IsMatch(clause.Text))
                {
                    found.Add(new ExtractedText(category, clause.Evidence));
                }
            }
        }

        return found;
    }

    private static ExtractedText? NextStep(Transcript transcript, HashSet<string> ours)
    {
        // What we promised, latest first; else what the customer asked for ("下下周三之前给我报价就行"), leaving out
        // what they say about others ("签了三年的维保合同").
        var promised = transcript.Utterances.Where(u => ours.Count == 0 || ours.Contains(u.Speaker)).Reverse()
            .Select(u => NextStepIn(Clause.Of(u))).FirstOrDefault(s => s is not null);
        return promised ?? transcript.Utterances.Where(u => !ours.Contains(u.Speaker)).Reverse()
            .Select(u => NextStepIn([.. Clause.Of(u).Where(c => !Lexicon.Objections.Any(o => o.Cue.IsMatch(c.Text)) || Lexicon.QuoteCue().IsMatch(c.Text))]))
            .FirstOrDefault(s => s is not null);
    }

    private static ExtractedText? NextStepIn(IReadOnlyList<Clause> clauses)
    {
        foreach (var (category, cue) in Lexicon.NextSteps)
        {
            if (clauses.FirstOrDefault(c => cue.IsMatch(c.Text)) is { } clause)
            {
                return new ExtractedText(category, clause.Evidence);
            }
        }

        return null;
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    [GeneratedRegex(@"您|I'll|I will|we'll|we can|let me|let's|我们可以|我把|我给|给您", RegexOptions.IgnoreCase)]
    private static partial Regex OurSideCue();

    [GeneratedRegex(@"(?:我是|本人是|我负责|我是负责)(?<desc>[^，。,；;！!？?\s]{1,20})")]
    private static partial Regex ChineseIntro();

    [GeneratedRegex(@"^(?:hi|hello|hey)\b[\s,]*(?:[A-Z][a-z]+\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex GreetingPrefix();

    [GeneratedRegex(@"^I\s+own\b", RegexOptions.IgnoreCase)]
    private static partial Regex IOwn();

    [GeneratedRegex(@"^(?:I'm|I am|I’m)\s+(?:the\s+|a\s+|an\s+)?(?<r>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex IntroPrefix();

    [GeneratedRegex(@"^As\s+(?:the\s+|a\s+)?(?<r>.+?)(?:\s+I\b.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex AsPrefix();

    [GeneratedRegex(@"\s+here$", RegexOptions.IgnoreCase)]
    private static partial Regex HereSuffix();

    [GeneratedRegex(@"\s+(?:at|for|in|from)\s+.*$", RegexOptions.IgnoreCase)]
    private static partial Regex RoleCut();

    [GeneratedRegex(@"\b(?:we|we're|our|us|need|needs|want|wants|is|are|was|have|has|had|looking|plan|plans|must|would|can|will|makes|decides|approves|sign|signs|call|goes|can't|isn't)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotARole();

    [GeneratedRegex(@"\b(?:I'm|I am|this is|my name is)\s+(?:Dr\.?\s+|Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+)?(?<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")]
    private static partial Regex EnglishName();

    [GeneratedRegex(@"(?:我)?姓(?<s>[\u4e00-\u9fff])")]
    private static partial Regex Surname();
}

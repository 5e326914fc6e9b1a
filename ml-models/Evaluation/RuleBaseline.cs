using CrmActors.FollowUp;

namespace CrmActors.MlModels.Evaluation;

/// <summary>
/// What a tenant gets without a model: the rule hints it wrote (followup's <see cref="HintRule.FieldDefaults"/>,
/// the S5 patterns as first written) and a points-based lead score of the kind CRMs ship.
/// </summary>
public static class RuleBaseline
{
    /// <summary>
    /// The actions the hint rules rank for a lead with <paramref name="history"/>: fired hints in rule order, then
    /// every other action by how often the team took it (<paramref name="byFrequency"/>, most frequent first).
    /// </summary>
    public static int[] RankActions(IReadOnlyList<Interaction> history, IReadOnlyList<int> byFrequency, IReadOnlyList<HintRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(byFrequency);
        var hints = HintRule.Evaluate(rules ?? HintRule.FieldDefaults, [.. history.Select(ToHintActivity)]);
        var ranked = new List<int>();
        foreach (var hint in hints)
        {
            var index = ActionOfHint(hint.Id);
            if (index >= 0 && !ranked.Contains(index))
            {
                ranked.Add(index);
            }
        }

        ranked.AddRange(byFrequency.Where(i => !ranked.Contains(i)));
        return [.. ranked];
    }

    /// <summary>The action a hint rule suggests, by its id; -1 when none.</summary>
    public static int ActionOfHint(string hintId)
    {
        for (var i = 0; i < ActionCatalogue.Count; i++)
        {
            if (ActionCatalogue.All[i].HintId == hintId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// A points score: budget band x 10, qualification quality x 5, referral 15 / trade show 10, 5 per pricing view,
    /// download or price question, capped at 100 and read as a probability. Crude on purpose: it is what ships.
    /// </summary>
    public static double PointsScore(LeadFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var points = (f.BudgetBand * 10) + (f.Quality * 5) + (f.Channel switch { "referral" => 15, "trade-show" => 10, _ => 0 })
            + (5 * (f.PricingViews + f.Downloads + f.PriceAsks));
        return Math.Clamp(points / 100.0, 0.01, 0.99);
    }

    /// <summary>An interaction as the hint rules read it (a demo action is a <c>solution-demo</c> activity).</summary>
    public static HintActivity ToHintActivity(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var type = interaction.Action is { } action ? ActionCatalogue.All[Math.Max(0, ActionCatalogue.IndexOf(action))].ActivityType : "site-visit";
        return new HintActivity(type, interaction.Tags, interaction.Text);
    }
}

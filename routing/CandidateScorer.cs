namespace CrmActors.Routing;

/// <summary>Computes one eligible candidate's score terms; see README.md for the formula.</summary>
internal static class CandidateScorer
{
    /// <summary>How many components a breakdown under <paramref name="weights"/> lists (<see cref="ScoreComponents.For"/>).</summary>
    public static int ComponentCount(ScoringWeights weights) => ScoreComponents.For(weights).Count;

    /// <summary>The share of <see cref="ScoringWeights.UrgencyBoost"/> an on-shift rep gets at each urgency.</summary>
    public static double UrgencyFactor(Urgency urgency) => urgency switch
    {
        Urgency.Low => 0,
        Urgency.High => 0.5,
        Urgency.Critical => 1,
        _ => 0.25,
    };

    /// <summary>
    /// Fills <paramref name="into"/> (<see cref="ComponentCount"/> long) in <see cref="ScoreComponents.For"/> order and
    /// returns the total. The lead score and data quality terms are computed only when weighed, so with their weights at 0
    /// nothing changes.
    /// </summary>
    public static double Score(CompiledRep rep, in LeadView lead, RepLoad load, bool onShift, Urgency urgency, ScoringWeights weights, ScoreComponent[] into)
    {
        var open = Math.Max(0, load.OpenLeads);
        var recent = Math.Max(0, load.RecentAssignments);
        var similarWins = rep.SimilarWins(lead);

        var total = 0.0;
        total += Put(into, 0, ScoreComponents.Industry, Covers(rep, lead, FieldId.Industry), weights.Industry);
        total += Put(into, 1, ScoreComponents.InstitutionLevel, Covers(rep, lead, FieldId.InstitutionLevel), weights.InstitutionLevel);
        total += Put(into, 2, ScoreComponents.Product, Covers(rep, lead, FieldId.Product), weights.Product);
        total += Put(into, 3, ScoreComponents.Region, Covers(rep, lead, FieldId.Region), weights.Region);
        total += Put(into, 4, ScoreComponents.Language, Covers(rep, lead, FieldId.Language), weights.Language);
        total += Put(into, 5, ScoreComponents.BudgetBand, rep.BudgetFit(lead.Budget), weights.BudgetBand);
        total += Put(into, 6, ScoreComponents.PastWins, similarWins / (similarWins + weights.PastWinsHalfPoint), weights.PastWins);
        total += Put(into, 7, ScoreComponents.Capacity, rep.Capacity > 0 ? Math.Clamp((rep.Capacity - open) / (double)rep.Capacity, 0, 1) : 0, weights.Capacity);
        total += Put(into, 8, ScoreComponents.Fairness, weights.FairnessHalfPoint / (weights.FairnessHalfPoint + recent), weights.Fairness);
        total += Put(into, 9, ScoreComponents.Urgency, onShift ? 1 : 0, weights.UrgencyBoost * UrgencyFactor(urgency));
        if (weights.LeadScore > 0)
        {
            total += Put(into, 10, ScoreComponents.LeadScore, (lead.Score ?? 0) * rep.ClosingStrength(weights.PastWinsHalfPoint), weights.LeadScore);
        }

        if (weights.DataQuality > 0)
        {
            total += Put(into, weights.LeadScore > 0 ? 11 : 10, ScoreComponents.DataQuality, rep.DataQuality, weights.DataQuality);
        }

        return total;
    }

    private static double Covers(CompiledRep rep, in LeadView lead, FieldId field) =>
        lead.Text(field) is { } value && rep.Covers(field, value) ? 1 : 0;

    private static double Put(ScoreComponent[] into, int index, string name, double raw, double weight)
    {
        var contribution = weight * raw;
        into[index] = new ScoreComponent(name, raw, weight, contribution);
        return contribution;
    }
}

using System.Globalization;
using CrmActors.MlModels.Training;

namespace CrmActors.MlModels.Serving;

/// <summary>
/// The first advice when the concern model is on: a stalled lead gets the supervisor; else the concern most likely
/// still open gets its answer when that chance is at least the threshold; else the stage's next step (the demo, then
/// the quote, then a call). The same steps as the hand-written playbook, reading the chances the tenant's own logs
/// give instead of raw signal counts.
/// </summary>
public static class ConcernAdvice
{
    /// <summary>The advised action (catalogue index) and the concern it answers, if any.</summary>
    /// <param name="features">The lead's features now.</param>
    /// <param name="open">The chance each concern is open (<see cref="ConcernModel.OpenConcerns"/>).</param>
    /// <param name="threshold">The chance a concern needs for its answer to come first.</param>
    public static (int Action, int? Concern) Choose(LeadFeatures features, IReadOnlyList<double> open, double threshold)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(open);
        if (features.HoursSinceLastTouch > FeatureExtractor.StallHours)
        {
            return (ActionCatalogue.IndexOf("escalate-supervisor"), null);
        }

        var demoDone = features.DemoDone > 0;
        var best = 0;
        for (var i = 1; i < open.Count; i++)
        {
            best = open[i] > open[best] ? i : best;
        }

        if (open.Count > 0 && open[best] >= threshold)
        {
            return (ActionCatalogue.IndexOf(ConcernModel.AnswerOf(best, demoDone)), best);
        }

        var next = !demoDone ? "schedule-demo" : features.QuoteSent == 0 ? "send-quote" : "call-back";
        return (ActionCatalogue.IndexOf(next), null);
    }

    /// <summary>The reason shown with an answer the concern model chose.</summary>
    public static string Reason(int concern, double chance) =>
        $"the customer is likely worried about {ConcernModel.NameOf(concern)} ({(chance * 100).ToString("0", CultureInfo.InvariantCulture)}%, from leads like this one and the signals logged)";
}

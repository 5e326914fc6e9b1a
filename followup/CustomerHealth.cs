namespace CrmActors.FollowUp;

/// <summary>Thresholds of the customer health light (S6), tenant-tunable.</summary>
public sealed class HealthPolicy
{
    /// <summary>A payment this many days late (or unpaid past due) turns the light yellow.</summary>
    public int YellowLateDays { get; init; } = 7;

    /// <summary>... and this many days, red.</summary>
    public int RedLateDays { get; init; } = 30;

    /// <summary>Average hours to resolve the customer's tickets above which the light is yellow.</summary>
    public int YellowResolutionHours { get; init; } = 48;

    /// <summary>... and red.</summary>
    public int RedResolutionHours { get; init; } = 96;

    /// <summary>Average feedback score (1-5, the latest 5) below which the light is yellow.</summary>
    public decimal YellowFeedback { get; init; } = 3.5m;

    /// <summary>... and red.</summary>
    public decimal RedFeedback { get; init; } = 2.5m;

    /// <summary>Problems, under <c>health</c>.</summary>
    public IEnumerable<FollowUpError> Check()
    {
        if (YellowLateDays < 1 || RedLateDays <= YellowLateDays)
        {
            yield return new("health.redLateDays", "yellowLateDays at least 1, redLateDays above it.");
        }

        if (YellowResolutionHours < 1 || RedResolutionHours <= YellowResolutionHours)
        {
            yield return new("health.redResolutionHours", "yellowResolutionHours at least 1, redResolutionHours above it.");
        }

        if (RedFeedback is < 1 or > 5 || YellowFeedback <= RedFeedback || YellowFeedback > 5)
        {
            yield return new("health.yellowFeedback", "Scores are 1 to 5; yellowFeedback above redFeedback.");
        }
    }
}

/// <summary>What the health light reads: payments, ticket resolution times, feedback.</summary>
/// <param name="PaymentDelaysDays">For each payment due by now: days late (paid late, or still unpaid), 0 when on time.</param>
/// <param name="ResolutionHours">Hours each resolved ticket took; open tickets past their SLA count with their age.</param>
/// <param name="FeedbackScores">Feedback scores, oldest first.</param>
/// <param name="PaymentLabels">
/// Beside each payment delay, what the payment was for when it came from another system ("order SO-1 from kingdee-erp"),
/// so the reason names the source; null entries (or no list) for payments recorded here.
/// </param>
/// <param name="FeedbackSources">Beside each feedback score, the system it came from (a service visit's score), or null.</param>
/// <param name="Notes">Further reasons other systems gave (a return), each with the light it asks for.</param>
public sealed record class HealthInputs(
    IReadOnlyList<double> PaymentDelaysDays,
    IReadOnlyList<double> ResolutionHours,
    IReadOnlyList<int> FeedbackScores,
    IReadOnlyList<string?>? PaymentLabels = null,
    IReadOnlyList<string?>? FeedbackSources = null,
    IReadOnlyList<HealthNote>? Notes = null);

/// <summary>The light and every reason for it.</summary>
public sealed record class HealthVerdict(QualityLight Light, IReadOnlyList<string> Reasons);

/// <summary>The customer health light: the worst of payments, ticket resolution and feedback, each with its reason.</summary>
public static class CustomerHealth
{
    /// <summary>How many of the latest feedback scores count.</summary>
    public const int FeedbackWindow = 5;

    /// <summary>Judges <paramref name="inputs"/> under <paramref name="policy"/>.</summary>
    public static HealthVerdict Judge(HealthInputs inputs, HealthPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(policy);
        var light = QualityLight.Green;
        var reasons = new List<string>();

        void Raise(QualityLight to, string reason)
        {
            light = (QualityLight)Math.Max((int)light, (int)to);
            reasons.Add(reason);
        }

        if (inputs.PaymentDelaysDays.Count > 0 && inputs.PaymentDelaysDays.Max() is var late && late >= policy.YellowLateDays)
        {
            var worst = inputs.PaymentDelaysDays.ToList().IndexOf(late);
            var label = inputs.PaymentLabels is { } labels && worst < labels.Count ? labels[worst] : null;
            Raise(late >= policy.RedLateDays ? QualityLight.Red : QualityLight.Yellow, label is null ? $"a payment {late:0} days late" : $"a payment {late:0} days late ({label})");
        }

        if (inputs.ResolutionHours.Count > 0 && inputs.ResolutionHours.Average() is var hours && hours > policy.YellowResolutionHours)
        {
            Raise(hours > policy.RedResolutionHours ? QualityLight.Red : QualityLight.Yellow, $"tickets take {hours:0} h to resolve on average");
        }

        var recent = inputs.FeedbackScores.TakeLast(FeedbackWindow).ToList();
        if (recent.Count > 0 && (decimal)recent.Average() is var score && score < policy.YellowFeedback)
        {
            var sources = (inputs.FeedbackSources ?? []).TakeLast(recent.Count).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var from = sources.Count == 0 ? string.Empty : $" (scores from {string.Join(", ", sources)} among them)";
            Raise(score < policy.RedFeedback ? QualityLight.Red : QualityLight.Yellow, $"feedback averages {score:0.0} of 5{from}");
        }

        foreach (var note in inputs.Notes ?? [])
        {
            Raise(note.Light, note.Reason);
        }

        if (reasons.Count == 0)
        {
            reasons.Add("payments on time, tickets resolved in time, feedback good (or nothing recorded yet)");
        }

        return new HealthVerdict(light, reasons);
    }
}

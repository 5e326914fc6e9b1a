namespace CrmActors.MlModels;

/// <summary>Turns a lead's history into <see cref="LeadFeatures"/>: at a decision point for training, or now for serving.</summary>
public static class FeatureExtractor
{
    /// <summary>A gap between touches longer than this many hours counts as a stall (five days).</summary>
    public const double StallHours = 120;

    /// <summary>The features of <paramref name="profile"/> with <paramref name="history"/> (oldest first), as of <paramref name="now"/>.</summary>
    public static LeadFeatures Extract(LeadProfile profile, IReadOnlyList<Interaction> history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(history);
        var f = new LeadFeatures
        {
            Industry = Normalize(profile.Industry),
            Channel = Normalize(profile.Channel),
            BudgetBand = profile.BudgetBand,
            Quality = profile.Quality,
            DaysSinceCreated = (float)Math.Max(0, (now - profile.CreatedAt).TotalDays),
        };

        var demoDone = false;
        Interaction? latest = null;
        var previousAt = profile.CreatedAt;
        foreach (var interaction in history)
        {
            if (interaction.Action is { } action)
            {
                demoDone |= action == "schedule-demo";
                f.Interactions++;
                f.InteractionsAfterDemo += demoDone ? 1 : 0;
                f.QuoteSent = action == "send-quote" || f.QuoteSent > 0 ? 1 : 0;
                f.PreviousAction = f.LastAction;
                f.LastAction = action;
                var index = ActionCatalogue.IndexOf(action);
                if (index >= 0)
                {
                    f.PastActions[index]++;
                }

                f.PastStalls += (interaction.At - previousAt).TotalHours > StallHours ? 1 : 0;
                previousAt = interaction.At;
            }

            f.PriceSensitive += Count(interaction, Signal.PriceSensitive);
            f.DeliveryQuestions += Count(interaction, Signal.DeliveryQuestion);
            if (demoDone)
            {
                f.CompetitorAfterDemo += Count(interaction, Signal.Competitor);
            }
            else
            {
                f.CompetitorBeforeDemo += Count(interaction, Signal.Competitor);
            }

            f.AfterSalesViews += Count(interaction, Signal.AfterSalesView);
            f.TechnicalQuestions += Count(interaction, Signal.TechnicalQuestion);
            f.Hesitations += Count(interaction, Signal.Hesitation);
            f.PriceAsks += Count(interaction, Signal.PriceAsk);
            f.PricingViews += Count(interaction, Signal.PricingView);
            f.Downloads += Count(interaction, Signal.Download);
            latest = interaction;
        }

        f.DemoDone = demoDone ? 1 : 0;
        f.LatestHesitation = latest is not null ? Count(latest, Signal.Hesitation) : 0;
        f.LatestPriceAsk = latest is not null ? Count(latest, Signal.PriceAsk) : 0;
        f.Stage = f.QuoteSent > 0 ? 3 : demoDone ? 2 : f.Interactions > 0 ? 1 : 0;
        var last = latest?.At ?? profile.CreatedAt;
        f.HoursSinceLastTouch = (float)Math.Max(0, (now - last).TotalHours);
        f.Points = (float)Evaluation.RuleBaseline.PointsScore(f);
        return f;
    }

    /// <summary>
    /// The training examples of one lead: one per rep action, with the features of what came before it, the action
    /// as the next-action label, and the lead's outcome as the scoring label.
    /// </summary>
    public static IEnumerable<LeadFeatures> DecisionPoints(LeadHistory lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        for (var k = 0; k < lead.Interactions.Count; k++)
        {
            if (DecisionPoint(lead, k) is { } features)
            {
                yield return features;
            }
        }
    }

    /// <summary>The training example at interaction <paramref name="k"/>, or null when that interaction is no catalogued rep action.</summary>
    public static LeadFeatures? DecisionPoint(LeadHistory lead, int k)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var next = lead.Interactions[k];
        if (next.Action is not { } action || ActionCatalogue.IndexOf(action) < 0)
        {
            return null;
        }

        var features = Extract(lead.Profile, [.. lead.Interactions.Take(k)], next.At);
        features.SetCandidate(action);
        features.Won = lead.Won == true;
        features.Closed = lead.Won is not null;
        return features;
    }

    private static float Count(Interaction interaction, Signal signal) => Signals.Shows(interaction, signal) ? 1 : 0;

    private static string Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "unknown" : value.Trim().ToLowerInvariant();
}

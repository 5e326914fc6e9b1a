using System.Globalization;

namespace CrmActors.MlModels.Serving;

/// <summary>
/// A group of columns that together say one thing a rep understands: when it is present, how to copy its columns
/// from one lead to another (copying from <see cref="Explanations.Neutral"/> removes it), and how to say it.
/// </summary>
internal sealed record class EvidenceGroup(Func<LeadFeatures, bool> IsPresent, Action<LeadFeatures, LeadFeatures> Copy, Func<LeadFeatures, string> Describe)
{
    /// <summary>The lead without this group.</summary>
    public LeadFeatures Remove(LeadFeatures features)
    {
        var copy = features.Copy();
        Copy(copy, Explanations.Neutral);
        return copy;
    }

    /// <summary><paramref name="bare"/> (a lead without any evidence) with only this group taken from <paramref name="features"/>.</summary>
    public LeadFeatures KeepOnly(LeadFeatures features, LeadFeatures bare)
    {
        var copy = bare.Copy();
        Copy(copy, features);
        return copy;
    }
}

/// <summary>The evidence groups reasons are made of.</summary>
internal static class Explanations
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A lead that shows nothing: no signals, no actions, an unknown profile, touched a day ago.</summary>
    public static LeadFeatures Neutral { get; } = new() { HoursSinceLastTouch = 24 };

    public static IReadOnlyList<EvidenceGroup> Groups { get; } =
    [
        Count(f => f.PriceSensitive, (t, s) => t.PriceSensitive = s.PriceSensitive, n => $"'price-sensitive' raised {n} times"),
        Count(f => f.DeliveryQuestions, (t, s) => t.DeliveryQuestions = s.DeliveryQuestions, n => $"asked about delivery time {n} times"),
        new(f => f.CompetitorBeforeDemo + f.CompetitorAfterDemo > 0, (t, s) => (t.CompetitorBeforeDemo, t.CompetitorAfterDemo) = (s.CompetitorBeforeDemo, s.CompetitorAfterDemo),
            f => string.Create(Inv, $"asked about competitors {f.CompetitorBeforeDemo + f.CompetitorAfterDemo} times ({f.CompetitorAfterDemo} since the demo)")),
        Count(f => f.AfterSalesViews, (t, s) => t.AfterSalesViews = s.AfterSalesViews, n => $"viewed the after-sales policy {n} times"),
        Count(f => f.TechnicalQuestions, (t, s) => t.TechnicalQuestions = s.TechnicalQuestions, n => $"asked {n} technical questions"),
        Count(f => f.Hesitations, (t, s) => (t.Hesitations, t.LatestHesitation) = (s.Hesitations, s.LatestHesitation), n => $"hesitated ('let me think') {n} times"),
        new(f => f.PriceAsks + f.PricingViews + f.Downloads > 0,
            (t, s) => (t.PriceAsks, t.LatestPriceAsk, t.PricingViews, t.Downloads) = (s.PriceAsks, s.LatestPriceAsk, s.PricingViews, s.Downloads),
            f => string.Create(Inv, $"buying signals: asked the price {f.PriceAsks} times, viewed pricing {f.PricingViews} times, downloaded {f.Downloads} documents")),
        new(f => f.Stage > 0, (t, s) => (t.Stage, t.DemoDone, t.QuoteSent, t.InteractionsAfterDemo, t.Interactions) = (s.Stage, s.DemoDone, s.QuoteSent, s.InteractionsAfterDemo, s.Interactions),
            f => f.QuoteSent > 0 ? "the quote has been sent" : f.DemoDone > 0 ? "the demo is done, no quote yet" : "contacted, no demo yet"),
        new(f => f.HoursSinceLastTouch > 72, (t, s) => t.HoursSinceLastTouch = s.HoursSinceLastTouch,
            f => string.Create(Inv, $"no touch for {f.HoursSinceLastTouch / 24:0.#} days")),
        new(f => f.Industry != "unknown" || f.BudgetBand > 0, (t, s) => (t.Industry, t.BudgetBand, t.Channel, t.Quality) = (s.Industry, s.BudgetBand, s.Channel, s.Quality),
            f => string.Create(Inv, $"{f.Industry} customer from {f.Channel}, budget band {f.BudgetBand}")),
        new(f => f.LastAction != "none",
            (t, s) => (t.LastAction, t.PreviousAction, t.PastActions, t.PastStalls) = (s.LastAction, s.PreviousAction, (float[])s.PastActions.Clone(), s.PastStalls),
            f => $"actions so far: {string.Join(", ", f.PastActions.Select((n, i) => (n, i)).Where(x => x.n > 0).Select(x => string.Create(Inv, $"{ActionCatalogue.All[x.i].Id} x{x.n}")))}"),
    ];

    private static EvidenceGroup Count(Func<LeadFeatures, float> value, Action<LeadFeatures, LeadFeatures> copy, Func<string, string> describe) =>
        new(f => value(f) > 0, copy, f => describe(value(f).ToString("0", Inv)));
}

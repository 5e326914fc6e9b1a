using System.Globalization;

namespace CrmActors.MlModels.Serving;

/// <summary>A group of features that together say one thing a rep understands, how to remove it, and how to say it.</summary>
internal sealed record class EvidenceGroup(Func<LeadFeatures, bool> IsPresent, Action<LeadFeatures> Clear, Func<LeadFeatures, string> Describe)
{
    public LeadFeatures Remove(LeadFeatures features)
    {
        var copy = features.Copy();
        Clear(copy);
        return copy;
    }
}

/// <summary>The evidence groups reasons are made of.</summary>
internal static class Explanations
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IReadOnlyList<EvidenceGroup> Groups { get; } =
    [
        Count(f => f.PriceSensitive, f => f.PriceSensitive = 0, n => $"'price-sensitive' raised {n} times"),
        Count(f => f.DeliveryQuestions, f => f.DeliveryQuestions = 0, n => $"asked about delivery time {n} times"),
        new(f => f.CompetitorBeforeDemo + f.CompetitorAfterDemo > 0, f => (f.CompetitorBeforeDemo, f.CompetitorAfterDemo) = (0, 0),
            f => string.Create(Inv, $"asked about competitors {f.CompetitorBeforeDemo + f.CompetitorAfterDemo} times ({f.CompetitorAfterDemo} since the demo)")),
        Count(f => f.AfterSalesViews, f => f.AfterSalesViews = 0, n => $"viewed the after-sales policy {n} times"),
        Count(f => f.TechnicalQuestions, f => f.TechnicalQuestions = 0, n => $"asked {n} technical questions"),
        Count(f => f.Hesitations, f => (f.Hesitations, f.LatestHesitation) = (0, 0), n => $"hesitated ('let me think') {n} times"),
        new(f => f.PriceAsks + f.PricingViews + f.Downloads > 0, f => (f.PriceAsks, f.LatestPriceAsk, f.PricingViews, f.Downloads) = (0, 0, 0, 0),
            f => string.Create(Inv, $"buying signals: asked the price {f.PriceAsks} times, viewed pricing {f.PricingViews} times, downloaded {f.Downloads} documents")),
        new(f => f.Stage > 0, f => (f.Stage, f.DemoDone, f.QuoteSent, f.InteractionsAfterDemo) = (0, 0, 0, 0),
            f => f.QuoteSent > 0 ? "the quote has been sent" : f.DemoDone > 0 ? "the demo is done, no quote yet" : "contacted, no demo yet"),
        new(f => f.HoursSinceLastTouch > 72, f => f.HoursSinceLastTouch = 24,
            f => string.Create(Inv, $"no touch for {f.HoursSinceLastTouch / 24:0.#} days")),
        new(f => f.Industry != "unknown" || f.BudgetBand > 0, f => (f.Industry, f.BudgetBand) = ("unknown", 0),
            f => string.Create(Inv, $"{f.Industry} customer, budget band {f.BudgetBand}")),
        new(f => f.LastAction != "none", f => (f.LastAction, f.PreviousAction, f.PastActions, f.PastStalls) = ("none", "none", new float[ActionCatalogue.Count], 0),
            f => $"actions so far: {string.Join(", ", f.PastActions.Select((n, i) => (n, i)).Where(x => x.n > 0).Select(x => string.Create(Inv, $"{ActionCatalogue.All[x.i].Id} x{x.n}")))}"),
    ];

    private static EvidenceGroup Count(Func<LeadFeatures, float> value, Action<LeadFeatures> clear, Func<string, string> describe) =>
        new(f => value(f) > 0, clear, f => describe(value(f).ToString("0", Inv)));
}

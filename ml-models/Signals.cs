namespace CrmActors.MlModels;

/// <summary>
/// What a customer can show in one interaction, counted at most once per interaction. Tags come from activities
/// and site visits; phrases are the hint rules' own (followup's <c>HintRule.FieldDefaults</c>).
/// </summary>
public enum Signal
{
    /// <summary>Tag <c>price-sensitive</c>.</summary>
    PriceSensitive,

    /// <summary>Tag <c>delivery-time</c>.</summary>
    DeliveryQuestion,

    /// <summary>Tag <c>competitor</c>.</summary>
    Competitor,

    /// <summary>Page <c>page:after-sales-policy</c> viewed.</summary>
    AfterSalesView,

    /// <summary>Tag <c>technical</c>.</summary>
    TechnicalQuestion,

    /// <summary>The words say "let me think" (or 考虑一下 / 再想想).</summary>
    Hesitation,

    /// <summary>The words ask "how much" (or 多少钱 / 报价).</summary>
    PriceAsk,

    /// <summary>Page <c>page:pricing</c> viewed.</summary>
    PricingView,

    /// <summary>A document downloaded (tag <c>download</c>).</summary>
    Download,
}

/// <summary>How signals are read from an interaction.</summary>
public static class Signals
{
    /// <summary>Every signal.</summary>
    public static IReadOnlyList<Signal> All { get; } = Enum.GetValues<Signal>();

    /// <summary>The tag each tag-borne signal is read from (phrase signals have none).</summary>
    public static string? TagOf(Signal signal) => signal switch
    {
        Signal.PriceSensitive => "price-sensitive",
        Signal.DeliveryQuestion => "delivery-time",
        Signal.Competitor => "competitor",
        Signal.AfterSalesView => "page:after-sales-policy",
        Signal.TechnicalQuestion => "technical",
        Signal.PricingView => "page:pricing",
        Signal.Download => "download",
        _ => null,
    };

    /// <summary>The phrases a phrase-borne signal is read from.</summary>
    public static IReadOnlyList<string> PhrasesOf(Signal signal) => signal switch
    {
        Signal.Hesitation => ["let me think", "考虑一下", "再想想"],
        Signal.PriceAsk => ["how much", "多少钱", "报价"],
        _ => [],
    };

    /// <summary>True when <paramref name="interaction"/> shows <paramref name="signal"/>.</summary>
    public static bool Shows(Interaction interaction, Signal signal)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (TagOf(signal) is { } tag)
        {
            foreach (var t in interaction.Tags)
            {
                if (string.Equals(t, tag, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var phrase in PhrasesOf(signal))
        {
            if (interaction.Text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

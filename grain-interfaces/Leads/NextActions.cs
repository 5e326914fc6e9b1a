namespace CrmActors.GrainInterfaces.Leads;

/// <summary>One interaction of a lead as the next-action model reads it.</summary>
[GenerateSerializer, Immutable, Alias("crm.AdviceInteraction")]
public sealed record class AdviceInteraction(DateTimeOffset At, string? Action, IReadOnlyList<string> Tags, string Text);

/// <summary>
/// What the model needs to advise on one lead: its attributes and its history, oldest first; reasons cost about
/// ten more predictions and are left out when only the score is wanted (<paramref name="WithReasons"/> false).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.AdviceRequest")]
public sealed record class AdviceRequest(
    string Industry, string Channel, int BudgetBand, int Quality, DateTimeOffset CreatedAt, IReadOnlyList<AdviceInteraction> Interactions, DateTimeOffset Now,
    bool WithReasons = true, string? Tenant = null);

/// <summary>A recommended next action: its probability (null for a rule hint) and the strongest reasons.</summary>
[GenerateSerializer, Immutable, Alias("crm.RecommendedAction")]
public sealed record class RecommendedAction(string Action, string Card, double? Probability, IReadOnlyList<string> Reasons);

/// <summary>
/// The advice on a lead: from the model (<see cref="Model"/>) or, when no compatible model is loaded or the tenant's
/// model does not beat them, from the tenant's rule hints (<see cref="Rules"/>, with the reason). The answer names the
/// model it consulted (<paramref name="ModelKind"/>: <see cref="ModelKinds.Starter"/> or <see cref="ModelKinds.Tenant"/>,
/// with <paramref name="ModelVersion"/>) and where the score came from (<paramref name="ScoreSource"/>:
/// <see cref="ScoreSources.Model"/>, or <see cref="ScoreSources.Points"/> with <paramref name="ScoreFallbackReason"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.NextActionAdvice")]
public sealed record class NextActionAdvice(
    string Source, string? ModelVersion, string? FallbackReason, IReadOnlyList<RecommendedAction> Actions, double? WinProbability,
    string? ModelKind = null, string? ScoreSource = null, string? ScoreFallbackReason = null)
{
    /// <summary>Advice from the model.</summary>
    public const string Model = "model";

    /// <summary>Advice from the rule hints.</summary>
    public const string Rules = "rules";
}

/// <summary>
/// A lead's latest conversion score, for routing and the dashboard: from the model named by <paramref name="ModelKind"/>
/// and <paramref name="ModelVersion"/>, or, when <paramref name="Source"/> is <see cref="ScoreSources.Points"/>, the points
/// score read as a probability (the tenant's model did not rank its held-out leads better; <paramref name="Reason"/> says so).
/// Scores stored before models were labelled have no kind or source: they came from the starter model.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.LeadScore")]
public sealed record class LeadScore(
    double WinProbability, string ModelVersion, DateTimeOffset ScoredAt, string? ModelKind = null, string? Source = null, string? Reason = null);

/// <summary>Which model an answer came from.</summary>
public static class ModelKinds
{
    /// <summary>The model shipped with the product, trained on simulated data (ml-models/models).</summary>
    public const string Starter = "starter";

    /// <summary>A model trained on the tenant's own journal.</summary>
    public const string Tenant = "tenant";
}

/// <summary>Where a served score came from.</summary>
public static class ScoreSources
{
    /// <summary>The model's calibrated win probability.</summary>
    public const string Model = "model";

    /// <summary>The points score (budget, quality, channel, buying signals), read as a probability.</summary>
    public const string Points = "points";
}

/// <summary>Which model a silo serves, or why it serves the rule hints instead.</summary>
[GenerateSerializer, Immutable, Alias("crm.ModelStatus")]
public sealed record class ModelStatus(string? Version, string? Problem, string Directory, DateTimeOffset CheckedAt)
{
    /// <summary>True when a model is loaded (it may still report a problem with a newer version it refused).</summary>
    public bool Serving => Version is not null;
}

/// <summary>
/// The next-action model of one silo: a stateless worker holding the loaded model (one per silo activation set),
/// swapped without a restart when the model directory's <c>current</c> file names another version.
/// </summary>
public interface INextActionGrain : IGrainWithIntegerKey
{
    /// <summary>The top three actions with probabilities and reasons, and the win probability; or, with no model, no actions and the reason.</summary>
    Task<NextActionAdvice> AdviseAsync(AdviceRequest request);

    /// <summary>The model this silo serves.</summary>
    Task<ModelStatus> GetStatusAsync();
}

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
    bool WithReasons = true);

/// <summary>A recommended next action: its probability (null for a rule hint) and the strongest reasons.</summary>
[GenerateSerializer, Immutable, Alias("crm.RecommendedAction")]
public sealed record class RecommendedAction(string Action, string Card, double? Probability, IReadOnlyList<string> Reasons);

/// <summary>
/// The advice on a lead: from the model (<see cref="Model"/>) or, when no compatible model is loaded, from the
/// tenant's rule hints (<see cref="Rules"/>, with the reason).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.NextActionAdvice")]
public sealed record class NextActionAdvice(
    string Source, string? ModelVersion, string? FallbackReason, IReadOnlyList<RecommendedAction> Actions, double? WinProbability)
{
    /// <summary>Advice from the model.</summary>
    public const string Model = "model";

    /// <summary>Advice from the rule hints.</summary>
    public const string Rules = "rules";
}

/// <summary>A lead's latest conversion score, for routing and the dashboard.</summary>
[GenerateSerializer, Immutable, Alias("crm.LeadScore")]
public sealed record class LeadScore(double WinProbability, string ModelVersion, DateTimeOffset ScoredAt);

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

namespace CrmActors.GrainInterfaces.Leads;

/// <summary>
/// One stored version of a tenant's own model, as judged on the tenant's held-out leads (the newest fifth of its
/// closed leads by capture time): the model's score AUC beside the points score's, its next-action top-1 beside the
/// rule hints', and so which of the two parts is served.
/// </summary>
/// <param name="Version">The version, e.g. <c>v2-acme-1a2b3c4d5e</c>.</param>
/// <param name="TrainedAt">When it was stored.</param>
/// <param name="ClosedLeads">Closed leads in the journal when it was trained.</param>
/// <param name="TrainingLeads">Leads trained on.</param>
/// <param name="HeldOutLeads">Leads held out (the newest by capture time).</param>
/// <param name="HeldOutFrom">The capture time from which leads were held out.</param>
/// <param name="ModelAuc">The scoring model's AUC on the held-out closed leads.</param>
/// <param name="PointsAuc">The points score's AUC on the same leads.</param>
/// <param name="ModelTop1">The next-action model's top-1 agreement with what the team did on held-out leads.</param>
/// <param name="RuleTop1">The rule hints' top-1 on the same decision points.</param>
/// <param name="ScoreFromModel">True when the model's AUC is above the points score's: the model's score is served.</param>
/// <param name="ActionsFromModel">True when the model's top-1 is above the rule hints': the model's advice is served.</param>
[GenerateSerializer, Immutable, Alias("crm.TenantModelSummary")]
public sealed record class TenantModelSummary(
    string Version, DateTimeOffset TrainedAt, int ClosedLeads, int TrainingLeads, int HeldOutLeads, DateTimeOffset HeldOutFrom,
    double ModelAuc, double PointsAuc, double ModelTop1, double RuleTop1, bool ScoreFromModel, bool ActionsFromModel);

/// <summary>Where a tenant's automatic training stands.</summary>
/// <param name="Running">True while a training runs.</param>
/// <param name="MinimumClosedLeads">Closed leads the journal needs before a first model is trained.</param>
/// <param name="ClosedLeads">Closed leads counted at the last check (null before the first).</param>
/// <param name="ClosedLeadsAtLastTraining">Closed leads the last training saw (null before the first).</param>
/// <param name="LastCheckAt">When the journal was last counted.</param>
/// <param name="LastResult">What the last check or training did, in words.</param>
[GenerateSerializer, Immutable, Alias("crm.TenantTrainingStatus")]
public sealed record class TenantTrainingStatus(
    bool Running, int MinimumClosedLeads, int? ClosedLeads, int? ClosedLeadsAtLastTraining, DateTimeOffset? LastCheckAt, string? LastResult);

/// <summary>
/// The model a tenant is served: <see cref="ModelKinds.Starter"/> (with the silo's starter version) until it has a
/// current model of its own, then <see cref="ModelKinds.Tenant"/> with that version's figures; every stored version,
/// newest first; and the training status.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.TenantModelOverview")]
public sealed record class TenantModelOverview(
    string Kind, string? Version, TenantModelSummary? Current, IReadOnlyList<TenantModelSummary> Versions, TenantTrainingStatus Training);

/// <summary>
/// A tenant's own models (key <c>tenant/models</c>): counts the tenant's closed leads in the journal on a daily
/// reminder, trains a model when there are enough and they have grown since the last training, stores each
/// version in the database (every silo serves the tenant's current one), and rolls back to the previous version.
/// </summary>
public interface ITenantModelGrain : IGrainWithStringKey
{
    /// <summary>The grain's id within its tenant.</summary>
    const string Id = "models";

    /// <summary>The current model, the versions and the training status.</summary>
    Task<TenantModelOverview> GetAsync();

    /// <summary>The training report (JSON) of <paramref name="version"/>, or null when the tenant has no such version.</summary>
    Task<string?> GetReportAsync(string version);

    /// <summary>Serves the version stored before the current one (or the starter model before the first); a conflict when the starter is served.</summary>
    Task<TenantModelOverview> RollbackAsync(string by);

    /// <summary>Starts a training now, without waiting for it (a conflict when the journal has too few closed leads).</summary>
    Task<TenantTrainingStatus> TrainNowAsync(string by);

    /// <summary>The status once the training under way, if any, has finished.</summary>
    Task<TenantTrainingStatus> WaitForTrainingAsync();

    /// <summary>Counts the closed leads and trains when due (what the daily reminder does); returns once done.</summary>
    Task<TenantTrainingStatus> CheckAsync();

    /// <summary>A lead of the tenant closed: the daily check is armed if it was not.</summary>
    [Orleans.Concurrency.OneWay]
    Task NoteClosedLeadAsync();
}

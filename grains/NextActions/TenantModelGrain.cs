using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using CrmActors.MlModels.Journal;
using CrmActors.MlModels.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmActors.Grains.NextActions;

/// <summary>The persisted state of a tenant's model training.</summary>
[GenerateSerializer, Alias("crm.TenantModelState")]
public sealed class TenantModelState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "tenant-models";

    [Id(0)] public bool CheckArmed { get; set; }
    [Id(1)] public int? ClosedLeads { get; set; }
    [Id(2)] public int? ClosedLeadsAtLastTraining { get; set; }
    [Id(3)] public DateTimeOffset? LastCheckAt { get; set; }
    [Id(4)] public string? LastResult { get; set; }
}

/// <summary>When a tenant's journal is due a training: plain rules, apart from the grain that applies them.</summary>
public static class TenantTrainingRule
{
    /// <summary>
    /// Due when the journal holds at least <paramref name="minimum"/> closed leads and, after a first training, they have
    /// grown by <paramref name="growth"/> (a fraction) since it.
    /// </summary>
    public static bool IsDue(int closedLeads, int? atLastTraining, int minimum, double growth) =>
        closedLeads >= minimum && (atLastTraining is not { } last || closedLeads >= Math.Ceiling(last * (1 + growth)));
}

/// <summary>
/// A tenant's own models (<see cref="ITenantModelGrain"/>): a durable daily reminder (armed by the first closed lead)
/// counts the tenant's closed leads in the journal and trains when <see cref="TenantTrainingRule.IsDue"/>; the training
/// runs on the thread pool, off the grain's scheduler, and its result is stored as the tenant's current version.
/// </summary>
public sealed partial class TenantModelGrain(
    [PersistentState(TenantModelState.StateName, CrmStorage.Name)] IPersistentState<TenantModelState> state,
    ITenantModelRepository repository,
    TenantModelCache cache,
    ModelStore starter,
    IOptions<ModelOptions> options,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    ILogger<TenantModelGrain> logger) : Grain, ITenantModelGrain, IRemindable
{
    /// <summary>The reminder that counts the journal.</summary>
    public const string CheckReminder = "tenant-model-check";

    private Task? training;

    private TenantModelState S => state.State;

    private string Tenant => GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    /// <inheritdoc />
    public async Task<TenantModelOverview> GetAsync()
    {
        var current = await repository.ReadCurrentVersionAsync(Tenant);
        var versions = await repository.ListAsync(Tenant);
        var summary = versions.FirstOrDefault(v => v.Version == current);
        return summary is null
            ? new TenantModelOverview(ModelKinds.Starter, starter.Status.Version, null, versions, Status())
            : new TenantModelOverview(ModelKinds.Tenant, summary.Version, summary, versions, Status());
    }

    /// <inheritdoc />
    public Task<string?> GetReportAsync(string version) => repository.ReadReportAsync(Tenant, version);

    /// <inheritdoc />
    public async Task<TenantModelOverview> RollbackAsync(string by)
    {
        var current = await repository.ReadCurrentVersionAsync(Tenant)
            ?? throw new CrmException(CrmErrorCode.Conflict, "The tenant is served the starter model: there is no earlier version to roll back to.");
        var versions = await repository.ListAsync(Tenant);
        var at = versions.ToList().FindIndex(v => v.Version == current);
        var previous = at >= 0 && at + 1 < versions.Count ? versions[at + 1].Version : null;
        await repository.SetCurrentAsync(Tenant, previous, by);
        cache.Invalidate(Tenant);
        LogRolledBack(logger, Tenant, current, previous ?? ModelKinds.Starter, by);
        S.LastResult = $"rolled back from {current} to {previous ?? "the starter model"} by {by}";
        await state.WriteOrFailAsync(this, logger);
        return await GetAsync();
    }

    /// <inheritdoc />
    public async Task<TenantTrainingStatus> TrainNowAsync(string by)
    {
        if (training is not null)
        {
            return Status();
        }

        var closed = await CountAsync();
        if (closed < options.Value.TenantMinimumClosedLeads)
        {
            await state.WriteOrFailAsync(this, logger);
            throw new CrmException(
                CrmErrorCode.Conflict,
                $"The journal holds {closed} closed leads; a model is trained from {options.Value.TenantMinimumClosedLeads} (Models:TenantMinimumClosedLeads).");
        }

        StartTraining(closed, by);
        return Status();
    }

    /// <inheritdoc />
    public async Task<TenantTrainingStatus> WaitForTrainingAsync()
    {
        if (training is { } running)
        {
            await running;
        }

        return Status();
    }

    /// <inheritdoc />
    public async Task<TenantTrainingStatus> CheckAsync()
    {
        await StartCheckAsync();
        return await WaitForTrainingAsync();
    }

    /// <inheritdoc />
    public async Task NoteClosedLeadAsync()
    {
        if (!S.CheckArmed)
        {
            var period = options.Value.TenantCheckPeriod;
            await this.RegisterOrUpdateReminder(CheckReminder, period, period);
            S.CheckArmed = true;
            await state.WriteOrFailAsync(this, logger);
        }
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The tick only starts the training: a reminder's call should not wait tens of seconds.
        if (reminderName == CheckReminder)
        {
            await StartCheckAsync();
        }
    }

    /// <summary>Counts the closed leads and starts a training when one is due, without waiting for it.</summary>
    private async Task StartCheckAsync()
    {
        if (training is null)
        {
            var closed = await CountAsync();
            var o = options.Value;
            if (TenantTrainingRule.IsDue(closed, S.ClosedLeadsAtLastTraining, o.TenantMinimumClosedLeads, o.TenantRetrainGrowth))
            {
                StartTraining(closed, "the daily check");
            }
            else
            {
                S.LastResult = S.ClosedLeadsAtLastTraining is { } last
                    ? $"{closed} closed leads; the next training follows at {Math.Max(o.TenantMinimumClosedLeads, Math.Ceiling(last * (1 + o.TenantRetrainGrowth)))}"
                    : $"{closed} closed leads; a first model is trained from {o.TenantMinimumClosedLeads}";
                await state.WriteOrFailAsync(this, logger);
            }
        }
    }

    private async Task<int> CountAsync()
    {
        var closed = await repository.CountClosedLeadsAsync(Tenant);
        S.ClosedLeads = closed;
        S.LastCheckAt = clock.GetUtcNow();
        return closed;
    }

    private void StartTraining(int closed, string by)
    {
        // A long training keeps the activation (and the task it waits on) alive.
        DelayDeactivation(TimeSpan.FromHours(1));
        var run = TrainAsync(closed, by);
        if (!run.IsCompleted)
        {
            training = run;
        }
    }

    /// <summary>Reads the journal, trains on the thread pool and stores the version; the outcome goes to the state either way.</summary>
    private async Task TrainAsync(int closed, string by)
    {
        var tenant = Tenant;
        try
        {
            var leads = JournalHistories.Build(await repository.ReadLeadRowsAsync(tenant));
            LogTraining(logger, tenant, leads.Count, closed);
            var result = await Task.Run(() => TenantTraining.Train(tenant, leads));
            var now = clock.GetUtcNow();
            var verdict = result.Verdict;
            var summary = new TenantModelSummary(
                result.Manifest.Version, now, result.ClosedLeads, result.Manifest.TrainingLeads, result.HeldOutLeads, result.HeldOutFrom,
                Math.Round(verdict.ModelAuc, 4), Math.Round(verdict.PointsAuc, 4), Math.Round(verdict.ModelTop1, 4), Math.Round(verdict.RuleTop1, 4),
                verdict.ScoreFromModel, verdict.ActionsFromModel);
            await repository.SaveAsync(
                tenant,
                new StoredTenantModel(summary.Version, now, result.ClosedLeads, result.NextActionZip, result.ScoringZip, result.PracticeZip, result.ManifestJson, result.ReportJson, summary),
                by);
            cache.Invalidate(tenant);
            S.LastResult = $"trained {summary.Version} on {summary.TrainingLeads} leads ({by}); score from {(summary.ScoreFromModel ? "the model" : "the points score")}, "
                + $"advice from {(summary.ActionsFromModel ? "the model" : "the rule hints")}";
            LogTrained(logger, tenant, summary.Version, summary.ModelAuc, summary.PointsAuc, summary.ModelTop1, summary.RuleTop1);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogTrainingFailed(logger, ex, tenant);
            S.LastResult = $"training failed ({by}): {ex.Message}";
        }
        finally
        {
            // A failed training is not retried before the journal has grown as for a new one.
            S.ClosedLeadsAtLastTraining = closed;
            training = null;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The model is stored; only the count is lost, and the next check trains again at worst.
            LogTrainingFailed(logger, ex, tenant);
        }
    }

    private TenantTrainingStatus Status() =>
        new(training is not null, options.Value.TenantMinimumClosedLeads, S.ClosedLeads, S.ClosedLeadsAtLastTraining, S.LastCheckAt, S.LastResult);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: training its model on {Leads} leads ({Closed} closed)")]
    private static partial void LogTraining(ILogger logger, string tenant, int leads, int closed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: model {Version} stored and served; held-out AUC {Auc} (points {PointsAuc}), top-1 {Top1} (rules {RuleTop1})")]
    private static partial void LogTrained(ILogger logger, string tenant, string version, double auc, double pointsAuc, double top1, double ruleTop1);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant}: training failed; the current model stays")]
    private static partial void LogTrainingFailed(ILogger logger, Exception ex, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: model rolled back from {From} to {To} by {By}")]
    private static partial void LogRolledBack(ILogger logger, string tenant, string from, string to, string by);
}

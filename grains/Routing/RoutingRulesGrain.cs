using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Leads;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Common;
using CrmActors.FollowUp;
using CrmActors.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Routing;

/// <summary>
/// Draft, test, publish and roll back a tenant's routing rules. Publishing is one state write that
/// stores the new version and makes it live together, so routing never sees half a change; a draft never
/// affects live routing.
/// </summary>
public sealed class RoutingRulesGrain(
    [PersistentState(RoutingRulesState.StateName, CrmStorage.Name)] IPersistentState<RoutingRulesState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    ILogger<RoutingRulesGrain> logger) : Grain, IRoutingRulesGrain
{
    /// <summary>Most sample leads one test may route.</summary>
    public const int MaxSampleLeads = 200;

    private RoutingRulesState S => state.State;

    private string Tenant => GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    /// <inheritdoc />
    public Task<RoutingRulesSnapshot> GetAsync() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public async Task<RuleSetCheck> SaveDraftAsync(string ruleSetJson, string by)
    {
        var (ruleSet, errors) = await ParseAndValidateAsync(ruleSetJson);
        if (errors.Count > 0)
        {
            return new RuleSetCheck(errors, Snapshot());
        }

        S.DraftJson = JsonSerializer.Serialize(ruleSet, RoutingJson.Options);
        S.DraftSavedAt = clock.GetUtcNow();
        S.DraftSavedBy = by;
        await state.WriteOrFailAsync(this, logger);
        return new RuleSetCheck([], Snapshot());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> TestDraftAsync(IReadOnlyList<string> leadsJson, IReadOnlyList<string> leadIds)
    {
        ArgumentNullException.ThrowIfNull(leadsJson);
        ArgumentNullException.ThrowIfNull(leadIds);
        var draft = S.DraftJson ?? throw new CrmException(CrmErrorCode.Conflict, "There is no draft to test; save one first.", "draft");
        if (leadsJson.Count + leadIds.Count is 0 or > MaxSampleLeads)
        {
            throw CrmException.Invalid("leads", $"Send 1 to {MaxSampleLeads} sample leads (posted ones and lead ids together).");
        }

        // Samples are what a person typed: the capture time defaults to now (this grain's clock), and every problem
        // names the sample's field, never a .NET type.
        var now = clock.GetUtcNow();
        var leads = new List<RoutingLead>(leadsJson.Count);
        for (var i = 0; i < leadsJson.Count; i++)
        {
            var at = $"leads[{i}]";
            SampleLead? sample;
            try
            {
                sample = JsonSerializer.Deserialize<SampleLead>(leadsJson[i], RoutingJson.Options);
            }
            catch (JsonException ex)
            {
                var (field, message) = JsonInputError.Describe(ex, typeof(SampleLead), RoutingJson.Options, at);
                throw CrmException.Invalid(field, message);
            }

            if (sample is null)
            {
                throw CrmException.Invalid(at, $"'{at}' must be a sample lead object, such as {{ \"channel\": \"website_form\", \"industry\": \"healthcare\" }}.");
            }

            if (sample.Check(at) is { } problem)
            {
                throw CrmException.Invalid(problem.Field, problem.Message);
            }

            leads.Add(sample.ToRoutingLead(at, now));
        }

        var real = await Task.WhenAll(leadIds.Select(id => GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(Tenant, id)).GetAsync()));
        for (var i = 0; i < real.Length; i++)
        {
            var lead = real[i] ?? throw CrmException.NotFound("Lead", leadIds[i], $"leadIds[{i}]");
            leads.Add(LeadRoutingView.Of(lead.Id, lead.Captured, lead.CreatedAt, lead.Score?.WinProbability));
        }

        var roster = await RosterSnapshot.ReadAsync(GrainFactory, Tenant);
        var ruleSet = JsonSerializer.Deserialize<RuleSet>(draft, RoutingJson.Options)!;
        CompiledRuleSet router;
        try
        {
            router = CompiledRuleSet.Create(ruleSet, roster);
        }
        catch (RuleSetValidationException ex)
        {
            // The roster changed since the draft was saved (a rep it names was removed).
            throw CrmException.Invalid(ex.Errors[0].Path, $"The draft no longer fits the roster: {ex.Errors[0]}");
        }

        // Decisions of a test are computed against the loads live decisions see now, and returned; nothing is assigned,
        // reserved or stored.
        var loads = (await Router().GetLoadsAsync()).ToDictionary(l => l.Key, l => new RepLoad(l.Value.OpenLeads, l.Value.RecentAssignments), StringComparer.Ordinal);
        return [.. leads.Select(lead => JsonSerializer.Serialize(StoredExplanation.Shown(router.Route(lead, loads, now)), RoutingJson.Options))];
    }

    /// <inheritdoc />
    public async Task<RuleSetCheck> PublishAsync(string by)
    {
        var draft = S.DraftJson ?? throw new CrmException(CrmErrorCode.Conflict, "There is no draft to publish; save one first.", "draft");
        var (ruleSet, errors) = await ParseAndValidateAsync(draft);
        if (errors.Count > 0)
        {
            return new RuleSetCheck(errors, Snapshot());
        }

        var version = S.Versions.Count == 0 ? 1 : S.Versions.Max(v => v.Version) + 1;
        var json = JsonSerializer.Serialize(ruleSet! with { Version = version }, RoutingJson.Options);
        S.Versions.Add(new PublishedRuleSet(version, json, clock.GetUtcNow(), by));
        S.ActiveVersion = version;
        S.Revision++;
        await state.WriteOrFailAsync(this, logger);
        await Router().RulesChangedAsync(Live());
        return new RuleSetCheck([], Snapshot());
    }

    /// <inheritdoc />
    public async Task<RoutingRulesSnapshot> RollbackAsync(int version, string by)
    {
        if (!S.Versions.Exists(v => v.Version == version))
        {
            throw CrmException.NotFound("Rule set version", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "version");
        }

        if (S.ActiveVersion != version)
        {
            S.ActiveVersion = version;
            S.Revision++;
            await state.WriteOrFailAsync(this, logger);
        }

        // Also when nothing changed: a retry of a rollback whose answer was lost tells the router again.
        await Router().RulesChangedAsync(Live());
        return Snapshot();
    }

    private async Task<(RuleSet? RuleSet, IReadOnlyList<RuleProblem> Errors)> ParseAndValidateAsync(string json)
    {
        RuleSet? ruleSet;
        try
        {
            ruleSet = JsonSerializer.Deserialize<RuleSet>(json, RoutingJson.Options);
        }
        catch (JsonException ex)
        {
            var (field, message) = JsonInputError.Describe(ex, typeof(RuleSet), RoutingJson.Options);
            return (null, [new RuleProblem(field, message, null, null)]);
        }

        if (ruleSet is null)
        {
            return (null, [new RuleProblem("$", "A rule set is required.", null, null)]);
        }

        var roster = await RosterSnapshot.ReadAsync(GrainFactory, Tenant);
        var errors = RuleSetValidator.Validate(ruleSet, roster);
        return (ruleSet, [.. errors.Select(e => new RuleProblem(e.Path, e.Message, e.RuleIndex, e.RuleId))]);
    }

    /// <inheritdoc />
    public Task<int?> GetActiveVersionAsync() => Task.FromResult(S.ActiveVersion);

    /// <inheritdoc />
    public Task<LiveRuleSet> GetLiveAsync() => Task.FromResult(Live());

    private LiveRuleSet Live() => new(S.Revision, S.ActiveVersion, S.Versions.Find(v => v.Version == S.ActiveVersion)?.Json);

    private IRouterGrain Router() => GrainFactory.GetGrain<IRouterGrain>(GrainKeys.For(Tenant, IRouterGrain.Id));

    private RoutingRulesSnapshot Snapshot() => new(S.DraftJson, S.DraftSavedAt, S.DraftSavedBy, S.ActiveVersion, [.. S.Versions]);
}

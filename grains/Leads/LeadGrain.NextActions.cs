using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.MlModels;
using CrmActors.MlModels.Evaluation;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Leads;

/// <summary>Next-best-action advice and the conversion score (ml-models; served by the silo's NextActionGrain).</summary>
public sealed partial class LeadGrain
{
    private INextActionGrain Advisor => GrainFactory.GetGrain<INextActionGrain>(0);

    /// <inheritdoc />
    public async Task<NextActionAdvice> GetNextActionsAsync()
    {
        RequireExists();
        var advice = await Advisor.AdviseAsync(AdviceRequestOf(clock.GetUtcNow()));
        if (advice.Source == NextActionAdvice.Model)
        {
            return advice;
        }

        // No model: the tenant's own rule hints, named by the catalogue action they suggest where there is one.
        var hints = await GetHintsAsync();
        return advice with
        {
            Actions = [.. hints.Take(3).Select(h => new RecommendedAction(
                RuleBaseline.ActionOfHint(h.Id) is var i and >= 0 ? ActionCatalogue.All[i].Id : h.Id, h.Card, null, [h.Reason]))],
        };
    }

    /// <summary>Refreshes the stored score before a write; a model that cannot answer leaves the old score.</summary>
    private async Task RefreshScoreAsync(DateTimeOffset now)
    {
        try
        {
            var advice = await Advisor.AdviseAsync(AdviceRequestOf(now) with { WithReasons = false });
            if (advice is { WinProbability: { } p, ModelVersion: { } version })
            {
                S.Score = new LeadScore(p, version, now, advice.ModelKind, advice.ScoreSource, advice.ScoreFallbackReason);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogScoreFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    /// <summary>The lead as the model reads it: site visits first (their pages, one by one), then the activities.</summary>
    private AdviceRequest AdviceRequestOf(DateTimeOffset now)
    {
        var interactions = new List<AdviceInteraction>(S.Pages.Count + S.Activities.Count + 1);
        interactions.AddRange(S.Pages.Select(p => new AdviceInteraction(S.CreatedAt, null, ["page:" + p.Trim('/')], string.Empty)));
        if (S.Downloads > 0)
        {
            interactions.Add(new AdviceInteraction(S.CreatedAt, null, ["download"], string.Empty));
        }

        interactions.AddRange(S.Activities.Select(a => new AdviceInteraction(a.At, ActionCatalogue.ActionOf(a.Type, a.Tags), a.Tags, TextOf(a))));
        var profile = ProfileOf();
        return new AdviceRequest(profile.Industry, profile.Channel, profile.BudgetBand, profile.Quality, profile.CreatedAt, interactions, now, Tenant: Tenant);
    }

    /// <summary>Tells the tenant's model grain a lead closed, so its daily training check is armed (one-way).</summary>
    private Task NoteClosedAsync() =>
        GrainFactory.GetGrain<ITenantModelGrain>(GrainKeys.For(Tenant, ITenantModelGrain.Id)).NoteClosedLeadAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {Lead}: scoring failed; the previous score stays")]
    private static partial void LogScoreFailed(ILogger logger, Exception ex, string lead);
}

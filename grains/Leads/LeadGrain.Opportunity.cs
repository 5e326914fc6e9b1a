using System.Globalization;
using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;

namespace CrmActors.Grains.Leads;

/// <summary>Opportunity validity (S8): the claim, the supervisor's confirmation and the tenant's checks.</summary>
public sealed partial class LeadGrain
{
    private static readonly string[] Unknown = ["tbd", "待定", "unknown", "?"];

    /// <inheritdoc />
    public async Task<OpportunityView> ClaimOpportunityAsync(string by)
    {
        RequireExists();
        if (!S.IsWithSales || S.OwnerRepId is not { } owner)
        {
            throw new CrmException(CrmErrorCode.Conflict, "Only an open lead with an owner can be claimed as an opportunity.", "leadId");
        }

        if (S.OpportunityClaimedAt is null)
        {
            var now = clock.GetUtcNow();
            S.OpportunityClaimedAt = now;
            S.OpportunityClaimedBy = by;
            S.Record(now, "opportunity-claimed", $"by {by}");
            await state.WriteOrFailAsync(this, logger);
            if (await SupervisorOfAsync(owner) is { } supervisor)
            {
                await Rep(supervisor).DeliverAsync(new InboxItem(
                    Id: $"lead/{LeadId}/opportunity-claimed",
                    Kind: "opportunity-to-confirm",
                    Title: $"Confirm the opportunity {owner} claims: {S.Captured!.Name} ({S.Captured.Channel})",
                    LeadId: LeadId,
                    CreatedAt: now,
                    Severity: InboxItem.Yellow));
            }
        }

        return await GetOpportunityAsync();
    }

    /// <inheritdoc />
    public async Task<OpportunityView> ConfirmOpportunityAsync(string by)
    {
        RequireExists();
        if (S.OpportunityClaimedAt is null)
        {
            throw new CrmException(CrmErrorCode.Conflict, "The lead was not claimed as an opportunity yet.", "leadId");
        }

        if (S.OpportunityConfirmedAt is null)
        {
            var now = clock.GetUtcNow();
            S.OpportunityConfirmedAt = now;
            S.OpportunityConfirmedBy = by;
            S.Record(now, "opportunity-confirmed", $"by {by}, {(now - S.OpportunityClaimedAt.Value).TotalHours:0} h after the claim");
            await state.WriteOrFailAsync(this, logger);
        }

        return await GetOpportunityAsync();
    }

    /// <inheritdoc />
    public async Task<OpportunityView> GetOpportunityAsync()
    {
        RequireExists();
        var policy = (await policies.GetAsync(Tenant)).Policy.Opportunity;
        var meeting = S.Activities.Find(a => a.Type is "visit" or "solution-demo")?.At;
        var budget = S.Captured!.Qualification?.Budget ?? S.Activities.Select(a => ParseBudget(a.Fields.GetValueOrDefault("budget"))).LastOrDefault(b => b is not null);
        var document = S.Activities
            .SelectMany(a => a.Evidence.Where(e => e.Kind is "document" or "email-receipt").Select(e => e.Ref)
                .Prepend(a.Type == ActivityType.QuoteSent.Id ? a.Fields.GetValueOrDefault("quoteDocument") : null))
            .LastOrDefault(d => !string.IsNullOrWhiteSpace(d));
        var checks = policy.Evaluate(new OpportunityFacts(meeting, budget, document, S.OpportunityClaimedAt, S.OpportunityConfirmedAt, S.OpportunityConfirmedBy));
        return new OpportunityView(
            checks.All(c => c.Passed),
            [.. checks.Select(c => new OpportunityCheckResult(c.Name, c.Passed, c.Detail))],
            S.OpportunityClaimedAt,
            S.OpportunityClaimedBy,
            S.OpportunityConfirmedAt,
            S.OpportunityConfirmedBy);
    }

    private static decimal? ParseBudget(string? text) =>
        text is null || Unknown.Contains(text.Trim().ToLowerInvariant()) || !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value <= 0
            ? null
            : value;
}

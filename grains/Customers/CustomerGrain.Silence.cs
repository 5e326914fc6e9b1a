using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using CrmActors.Grains.Deadlines;

namespace CrmActors.Grains.Customers;

/// <summary>
/// The customer's silence clock (S3): a customer with open leads and no new activity for the tenant's days gets a
/// to-do for each owner and their supervisor, once per silence. A durable reminder carries it, registered before the
/// write that needs it, like the lead's deadlines.
/// </summary>
public sealed partial class CustomerGrain
{
    /// <summary>The reminder that carries the silence deadline.</summary>
    public const string SilenceReminder = "silence";

    /// <inheritdoc />
    public async Task TrackFollowUpAsync(string leadId, string? ownerRepId, DateTimeOffset lastActivityAt, bool open)
    {
        if (S.MergedInto is { } target)
        {
            await Customer(target).TrackFollowUpAsync(leadId, ownerRepId, lastActivityAt, open);
            return;
        }

        var index = S.Followed.FindIndex(f => f.LeadId == leadId);
        var entry = open && ownerRepId is not null ? new FollowedLead(leadId, ownerRepId, lastActivityAt) : null;
        if (index >= 0 && S.Followed[index] == entry)
        {
            return;
        }

        if (index >= 0)
        {
            S.Followed.RemoveAt(index);
        }

        if (entry is not null)
        {
            S.Followed.Add(entry);
        }

        await SettleSilenceAsync();
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == SilenceReminder ? CheckSilenceAsync() : Task.CompletedTask;

    private async Task CheckSilenceAsync()
    {
        var now = clock.GetUtcNow();
        var policy = await policies.GetAsync(Tenant);
        if (S.LastActivityAt is { } last && S.SilenceNotifiedFor != last && now >= last.AddDays(policy.Policy.CustomerSilenceDays))
        {
            var due = last.AddDays(policy.Policy.CustomerSilenceDays);
            var name = S.Captured?.Name ?? CustomerId;
            foreach (var owner in S.Followed.Select(f => f.OwnerRepId).Distinct(StringComparer.Ordinal))
            {
                var rep = GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, owner));
                var supervisor = (await rep.GetAsync())?.Profile.SupervisorId;
                foreach (var recipient in supervisor is null ? [owner] : new[] { owner, supervisor })
                {
                    // The id names the silence, so a firing repeated after a crash delivers nothing twice.
                    await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, recipient)).DeliverAsync(new InboxItem(
                        Id: $"customer/{CustomerId}/silence/{last.ToUnixTimeMilliseconds()}/{recipient}",
                        Kind: "customer-silent",
                        Title: $"To-do: {name} has had no new contact for {policy.Policy.CustomerSilenceDays} days" + (recipient == owner ? string.Empty : $" (owner {owner})"),
                        LeadId: S.Followed.Find(f => f.OwnerRepId == owner)?.LeadId,
                        CreatedAt: now,
                        Severity: recipient == owner ? null : InboxItem.Yellow));
                }
            }

            S.SilenceNotifiedFor = last;
            S.History.Add(new CustomerEvent(now, "silent", $"no new contact since {last:u}; to-dos sent to the owners and their supervisors"));
            DeadlineMetrics.Applied("customer-silence", due, now);
        }

        await SettleSilenceAsync();
    }

    /// <summary>Registers, moves or drops the silence reminder and writes the state.</summary>
    private async Task SettleSilenceAsync()
    {
        var policy = await policies.GetAsync(Tenant);
        DateTimeOffset? due = S.LastActivityAt is { } last && S.SilenceNotifiedFor != last ? last.AddDays(policy.Policy.CustomerSilenceDays) : null;
        var armed = S.SilenceArmedFor;
        if (due is not null && due != armed)
        {
            var dueIn = due.Value - clock.GetUtcNow();
            await this.RegisterOrUpdateReminder(SilenceReminder, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, TimeSpan.FromMinutes(1));
            S.SilenceArmedFor = due;
        }
        else if (due is null)
        {
            S.SilenceArmedFor = null;
        }

        await state.WriteOrFailAsync(this, logger);
        if (due is null && await this.GetReminder(SilenceReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}

using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Customers;

/// <summary>
/// A customer and what is linked to it. Customers born from intake are keyed by their phone
/// (IntakeIds.CustomerForPhone), which makes this actor the one place where every submission with that
/// phone meets: a concurrent burst of the same phone is serialized here and yields one customer.
/// </summary>
public sealed class CustomerGrain(
    [PersistentState(CustomerState.StateName, CrmStorage.Name)] IPersistentState<CustomerState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private CustomerState S => state.State;

    private string CustomerId => GrainKeys.Parse(this.GetPrimaryKeyString()).Id;

    private string Tenant => GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    /// <inheritdoc />
    public async Task<CustomerSnapshot> CreateAsync(NewCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (S.Captured is null)
        {
            S.Captured = customer;
            S.CreatedAt = clock.GetUtcNow();
            if (customer.Phone is { } phone)
            {
                S.Phones.Add(phone);
            }

            S.History.Add(new CustomerEvent(S.CreatedAt, "created", $"by {customer.CreatedBy}"));
            await state.WriteOrFailAsync(this, logger);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public Task<CustomerSnapshot?> GetAsync() => Task.FromResult(S.Captured is null ? null : Snapshot());

    /// <inheritdoc />
    public async Task<IntakeResult> CaptureLeadAsync(LeadSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (S.MergedInto is { } target)
        {
            return await Customer(target).CaptureLeadAsync(submission);
        }

        var lead = submission.Lead with { CustomerId = CustomerId };

        // A retry of a keyed submission: answer as the first time. Creating again is harmless (the lead
        // ignores it) and completes a first attempt that stopped between this actor's write and the lead's.
        if (S.LeadIds.Contains(submission.LeadId))
        {
            var replayed = await Lead(submission.LeadId).CreateAsync(lead);
            RequireSameSubmission(replayed, lead);
            return new IntakeResult(replayed, CustomerId, IntakeOutcome.Replayed);
        }

        if (S.Resubmissions.TryGetValue(submission.LeadId, out var landedOn))
        {
            var earlier = await Lead(landedOn).GetAsync() ?? throw CrmException.NotFound("Lead", landedOn, "leadId");
            return new IntakeResult(earlier, CustomerId, IntakeOutcome.Duplicate);
        }

        if (submission.Keyed && await Lead(submission.LeadId).GetAsync() is { } elsewhere)
        {
            // The key was used before for a submission with another phone.
            RequireSameSubmission(elsewhere, lead);
        }

        if (S.Captured is not null && S.LeadIds.Count > 0)
        {
            var current = S.LeadIds[^1];
            if (submission.Keyed)
            {
                S.Resubmissions[submission.LeadId] = current;
                if (S.Resubmissions.Count > CustomerState.ResubmissionLimit)
                {
                    S.Resubmissions.Remove(S.Resubmissions.Keys.First());
                }

                await state.WriteOrFailAsync(this, logger);
            }

            var duplicateOf = await Lead(current).RecordResubmissionAsync(lead);
            return new IntakeResult(duplicateOf, CustomerId, IntakeOutcome.Duplicate);
        }

        // The customer records the lead before the lead exists: a crash in between leaves an id that the
        // client's retry (or the next duplicate) completes, never a lead without its customer.
        var now = clock.GetUtcNow();
        if (S.Captured is null)
        {
            S.Captured = new NewCustomer(lead.Name, lead.Company, lead.Phone, lead.Email, lead.CreatedBy);
            S.CreatedAt = now;
            S.Phones.Add(lead.Phone);
            S.History.Add(new CustomerEvent(now, "created", $"from lead {submission.LeadId} ({lead.Channel})"));
        }

        S.LeadIds.Add(submission.LeadId);
        await state.WriteOrFailAsync(this, logger);
        var created = await Lead(submission.LeadId).CreateAsync(lead);
        return new IntakeResult(created, CustomerId, IntakeOutcome.Created);
    }

    /// <inheritdoc />
    public async Task<CustomerSnapshot> MergeAsync(string duplicateCustomerId, string mergedBy)
    {
        ArgumentException.ThrowIfNullOrEmpty(duplicateCustomerId);
        RequireExists();
        if (S.MergedInto is not null)
        {
            throw new CrmException(CrmErrorCode.Conflict, $"Customer '{CustomerId}' was merged into '{S.MergedInto}'; merge into that one.", "customerId");
        }

        if (duplicateCustomerId == CustomerId)
        {
            throw CrmException.Invalid("duplicateCustomerId", "A customer cannot be merged into itself.");
        }

        if (S.MergedFrom.Contains(duplicateCustomerId))
        {
            return Snapshot();
        }

        // The duplicate hands over first and points here from then on; if this actor fails before its own
        // write, repeating the merge gets the same hand-over again (MarkMergedIntoAsync is idempotent).
        var duplicate = await Customer(duplicateCustomerId).MarkMergedIntoAsync(CustomerId);
        var now = clock.GetUtcNow();
        S.LeadIds.AddRange(duplicate.LeadIds?.Where(id => !S.LeadIds.Contains(id)) ?? []);
        S.TicketIds.AddRange(duplicate.TicketIds.Where(id => !S.TicketIds.Contains(id)));
        S.Phones.AddRange(duplicate.Phones?.Where(p => !S.Phones.Contains(p)) ?? []);
        S.MergedFrom.Add(duplicateCustomerId);
        S.History.AddRange(duplicate.History?.Select(e => e with { Detail = $"[{duplicateCustomerId}] {e.Detail}" }) ?? []);
        S.History.Add(new CustomerEvent(now, "merged", $"{duplicateCustomerId} ({duplicate.Captured.Name}) merged in by {mergedBy}"));
        S.History.Sort((a, b) => a.At.CompareTo(b.At));
        await state.WriteOrFailAsync(this, logger);

        foreach (var leadId in duplicate.LeadIds ?? [])
        {
            await Lead(leadId).RelinkCustomerAsync(CustomerId);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<CustomerSnapshot> MarkMergedIntoAsync(string targetCustomerId)
    {
        RequireExists();
        if (S.MergedInto is { } already && already != targetCustomerId)
        {
            throw new CrmException(CrmErrorCode.Conflict, $"Customer '{CustomerId}' was already merged into '{already}'.", "duplicateCustomerId");
        }

        if (S.MergedFrom.Contains(targetCustomerId))
        {
            throw new CrmException(CrmErrorCode.Conflict, $"Customer '{targetCustomerId}' was merged into '{CustomerId}'; merge the other way round.", "duplicateCustomerId");
        }

        if (S.MergedInto is null)
        {
            S.MergedInto = targetCustomerId;
            S.History.Add(new CustomerEvent(clock.GetUtcNow(), "merged-into", targetCustomerId));
            await state.WriteOrFailAsync(this, logger);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public async Task LinkTicketAsync(string ticketId)
    {
        RequireExists();
        if (S.MergedInto is { } target)
        {
            await Customer(target).LinkTicketAsync(ticketId);
            return;
        }

        if (!S.TicketIds.Contains(ticketId))
        {
            S.TicketIds.Add(ticketId);
            await state.WriteOrFailAsync(this, logger);
        }
    }

    private static void RequireSameSubmission(LeadSnapshot stored, NewLead submitted)
    {
        if (stored.Captured with { CustomerId = submitted.CustomerId } != submitted)
        {
            throw new CrmException(
                CrmErrorCode.Conflict,
                "This Idempotency-Key was already used for a different lead; use a new key for a new submission.",
                "Idempotency-Key");
        }
    }

    private void RequireExists()
    {
        if (S.Captured is null)
        {
            throw CrmException.NotFound("Customer", CustomerId, "customerId");
        }
    }

    private ICustomerGrain Customer(string id) => GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(Tenant, id));

    private ILeadGrain Lead(string id) => GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(Tenant, id));

    private CustomerSnapshot Snapshot() => new(
        CustomerId, S.Captured!, S.CreatedAt, [.. S.TicketIds], [.. S.LeadIds], [.. S.Phones], S.MergedInto, [.. S.MergedFrom], [.. S.History]);
}

using CrmActors.GrainInterfaces.Approvals;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using CrmActors.Grains.FollowUp;
using CrmActors.Grains.Intake;
using CrmActors.Grains.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmActors.Grains.Customers;

/// <summary>
/// A customer and what is linked to it. Customers born from intake are keyed by their phone
/// (IntakeIds.CustomerForPhone), which makes this actor the one place where every submission with that
/// phone meets: a concurrent burst of the same phone is serialized here and yields one customer.
/// </summary>
public sealed partial class CustomerGrain(
    [PersistentState(CustomerState.StateName, CrmStorage.Name)] IPersistentState<CustomerState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    IOptions<IntakeRoutingOptions> routingOptions,
    LiveRoutingCache liveRouting,
    Stats.StatsFeed stats,
    FollowUpPolicyCache policies,
    IJournal journal,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private readonly IntakeRoutingOptions _routing = routingOptions.Value;

    // Leads appended but not yet durable: never handed to a lead actor.
    private readonly HashSet<string> _unsaved = new(StringComparer.Ordinal);

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
            FileInDirectory();
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public Task<CustomerSnapshot?> GetAsync() => Task.FromResult(S.Captured is null ? null : Snapshot());

    /// <inheritdoc />
    public Task<CapturedLead?> GetCapturedLeadAsync(string leadId) =>
        Task.FromResult(_unsaved.Contains(leadId) ? null : S.Captures.Find(c => c.LeadId == leadId));

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

        foreach (var shard in DirectoryShards(duplicate.Captured))
        {
            await shard.Grain.RemoveAsync(duplicateCustomerId);
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
    public async Task<CustomerSnapshot> SaveContactAsync(CustomerContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        RequireExists();
        if (S.MergedInto is { } target)
        {
            return await Customer(target).SaveContactAsync(contact);
        }

        var index = S.Contacts.FindIndex(c => c.Id == contact.Id);
        if (index < 0 && S.Contacts.Count >= 100)
        {
            throw new CrmException(CrmErrorCode.Conflict, "A customer keeps at most 100 contacts.", "contactId");
        }

        if (index >= 0)
        {
            S.Contacts[index] = contact;
        }
        else
        {
            S.Contacts.Add(contact);
        }

        S.History.Add(new CustomerEvent(contact.UpdatedAt, "contact-saved", $"{contact.Name} ({contact.Role}, {contact.Attitude.ToString().ToLowerInvariant()}{(contact.Decides ? ", decides" : string.Empty)}) by {contact.UpdatedBy}"));
        await state.WriteOrFailAsync(this, logger);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<CustomerSnapshot> RemoveContactAsync(string contactId, string by)
    {
        RequireExists();
        if (S.MergedInto is { } target)
        {
            return await Customer(target).RemoveContactAsync(contactId, by);
        }

        if (S.Contacts.Find(c => c.Id == contactId) is { } contact)
        {
            S.Contacts.Remove(contact);
            S.History.Add(new CustomerEvent(clock.GetUtcNow(), "contact-removed", $"{contact.Name} ({contact.Role}) by {by}"));
            await state.WriteOrFailAsync(this, logger);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<OrderRecorded> RecordOrderAsync(NewOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        RequireExists();
        if (S.MergedInto is { } target)
        {
            return await Customer(target).RecordOrderAsync(order);
        }

        // A retry (the same Idempotency-Key, or the same order of the source system) gets the first order and changes nothing.
        if (order.RequestKey is { } key && S.OrderKeys.Find(k => k.Key == key) is { } keyed && S.Orders.Find(o => o.Id == keyed.OrderId) is { } first)
        {
            return order.IsRetryOf(first)
                ? new OrderRecorded(first, Replayed: true)
                : throw new CrmException(
                    CrmErrorCode.Conflict,
                    $"This Idempotency-Key was already used with another body (order {first.Number}); resend the first body unchanged to get its answer, or use a new key for a new order.",
                    "Idempotency-Key");
        }

        if (order.ExternalId is { } externalId && S.Orders.Find(o => o.ExternalId == externalId && o.Source is null) is { } recorded)
        {
            return order.IsRetryOf(recorded)
                ? new OrderRecorded(recorded, Replayed: true)
                : throw new CrmException(
                    CrmErrorCode.Conflict,
                    $"Order '{externalId}' of the source system was already recorded (order {recorded.Number}) with other details; nothing was changed.",
                    "externalId");
        }

        if (S.Orders.Count >= 1000)
        {
            throw new CrmException(CrmErrorCode.Conflict, "A customer keeps at most 1,000 orders here.", "orderId");
        }

        var approval = order.DiscountApprovalId is { } approvalId
            ? await GrainFactory.GetGrain<IDiscountApprovalGrain>(GrainKeys.For(Tenant, approvalId)).GetAsync()
            : null;
        var policy = (await policies.GetAsync(Tenant)).Policy.Approvals;
        if (OrderRules.DiscountRefusal(order, approval, policy, S.LeadIds) is { } refusal)
        {
            throw refusal;
        }

        var now = clock.GetUtcNow();
        var stored = new CustomerOrder(
            order.Id, order.Number, order.Product, order.Amount, order.Cost, order.DiscountPercent, order.OrderedAt ?? now, order.PaymentDueAt,
            null, order.DeliveryEta, order.RecordedBy, order.ExternalId, order.DiscountApprovalId);
        S.Orders.Add(stored);
        if (order.RequestKey is { } newKey)
        {
            S.OrderKeys.Add(new KeyedOrder(newKey, stored.Id));
            if (S.OrderKeys.Count > CustomerState.KeyLimit)
            {
                S.OrderKeys.RemoveAt(0);
            }
        }

        S.History.Add(new CustomerEvent(now, "order-recorded", $"order {stored.Number} ({stored.Product}) by {stored.RecordedBy}"));
        await state.WriteOrFailAsync(this, logger);
        return new OrderRecorded(stored, Replayed: false);
    }

    /// <inheritdoc />
    public async Task<CustomerSnapshot> RecordPaymentAsync(string orderId, DateTimeOffset paidAt, string by)
    {
        RequireExists();
        if (S.MergedInto is { } target)
        {
            return await Customer(target).RecordPaymentAsync(orderId, paidAt, by);
        }

        var index = S.Orders.FindIndex(o => o.Id == orderId);
        if (index < 0)
        {
            throw CrmException.NotFound("Order", orderId, "orderId");
        }

        if (S.Orders[index].Source is { } source)
        {
            throw new CrmException(CrmErrorCode.Conflict, $"Order {S.Orders[index].Number} came from {source}; its payments come from there too.", "orderId");
        }

        if (S.Orders[index].PaidAt is null)
        {
            S.Orders[index] = S.Orders[index] with { PaidAt = paidAt };
            S.History.Add(new CustomerEvent(clock.GetUtcNow(), "payment-recorded", $"order {S.Orders[index].Number} paid {paidAt:u} (recorded by {by})"));
            await state.WriteOrFailAsync(this, logger);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<CustomerSnapshot> RecordFeedbackAsync(CustomerFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        RequireExists();
        if (S.MergedInto is { } target)
        {
            return await Customer(target).RecordFeedbackAsync(feedback);
        }

        S.Feedback.Add(feedback);
        if (S.Feedback.Count > 100)
        {
            S.Feedback.RemoveRange(0, S.Feedback.Count - 100);
        }

        S.History.Add(new CustomerEvent(feedback.At, "feedback", $"{feedback.Score}/5 recorded by {feedback.RecordedBy}"));
        await state.WriteOrFailAsync(this, logger);
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

    /// <inheritdoc />
    public async Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync()
    {
        RequireExists();
        var found = new Dictionary<string, DuplicateCandidate>(StringComparer.Ordinal);
        foreach (var (grain, key, reason) in DirectoryShards(S.Captured!))
        {
            foreach (var entry in await grain.FindSimilarAsync(key))
            {
                if (entry.CustomerId != CustomerId && !S.MergedFrom.Contains(entry.CustomerId) && !found.ContainsKey(entry.CustomerId))
                {
                    found[entry.CustomerId] = new DuplicateCandidate(entry.CustomerId, entry.Name, entry.Company, entry.Phone, reason);
                }
            }
        }

        return [.. found.Values];
    }

    private void FileInDirectory()
    {
        foreach (var (grain, key, _) in DirectoryShards(S.Captured!))
        {
            // One-way: the index is advisory and must not slow intake down.
            _ = grain.FileAsync(new DirectoryEntry(CustomerId, key, S.Captured!.Name, S.Captured.Company, S.Captured.Phone));
        }
    }

    private IEnumerable<(ICustomerDirectoryGrain Grain, string Key, string Reason)> DirectoryShards(NewCustomer customer)
    {
        var person = NameKey.Person(customer.Name);
        if (person.Length >= 2)
        {
            yield return (Directory($"dir-p-{NameKey.Bucket(person)}"), person, $"similar name ('{customer.Name}')");
        }

        var company = NameKey.Company(customer.Company);
        if (company.Length >= 2)
        {
            yield return (Directory($"dir-c-{NameKey.Bucket(company)}"), company, $"similar company ('{customer.Company}')");
        }
    }

    private ICustomerDirectoryGrain Directory(string shard) => GrainFactory.GetGrain<ICustomerDirectoryGrain>(GrainKeys.For(Tenant, shard));

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
        CustomerId, S.Captured!, S.CreatedAt, [.. S.TicketIds], [.. S.LeadIds], [.. S.Phones], S.MergedInto, [.. S.MergedFrom], [.. S.History], [.. S.Contacts], [.. S.Orders], [.. S.Feedback], WaitingLedgerEvents());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing lead {LeadId} failed; trying again in {RetryEvery}")]
    private static partial void LogRoutingRetry(ILogger logger, Exception ex, string leadId, TimeSpan retryEvery);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell whether tenant {Tenant} routes leads; the new lead owes routing")]
    private static partial void LogRoutingUnknown(ILogger logger, Exception ex, string tenant);
}

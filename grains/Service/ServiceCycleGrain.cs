using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Service;
using CrmActors.Grains.Common;
using CrmActors.Grains.Deadlines;
using CrmActors.Grains.FollowUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Service;

/// <summary>The persisted state of a service cycle.</summary>
[GenerateSerializer, Alias("crm.ServiceCycleState")]
public sealed class ServiceCycleState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "service-cycle";

    [Id(0)] public ServiceEvent? Event { get; set; }
    [Id(1)] public string ServiceRepId { get; set; } = string.Empty;
    [Id(2)] public int OverdueAfterDays { get; set; }
    [Id(3)] public List<ServiceVisit> Visits { get; set; } = [];
    [Id(4)] public List<LeadEvent> History { get; set; } = [];
}

/// <summary>
/// A service cycle: one durable reminder for the next visit step (due, or overdue), registered before the write that
/// needs it; to-dos and escalations reach inboxes idempotently by visit.
/// </summary>
public sealed class ServiceCycleGrain(
    [PersistentState(ServiceCycleState.StateName, CrmStorage.Name)] IPersistentState<ServiceCycleState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    FollowUpPolicyCache policies,
    ILogger<ServiceCycleGrain> logger) : Grain, IServiceCycleGrain, IRemindable
{
    /// <summary>The reminder that carries the next visit step.</summary>
    public const string Reminder = "visits";

    private ServiceCycleState S => state.State;

    private (string Tenant, string Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<ServiceCycleSnapshot> StartAsync(ServiceEvent serviceEvent)
    {
        ArgumentNullException.ThrowIfNull(serviceEvent);
        if (S.Event is not null)
        {
            return Snapshot();
        }

        var policy = (await policies.GetAsync(Key.Tenant)).Policy.Service;
        if (!policy.Cycles.TryGetValue(serviceEvent.Kind, out var cycle))
        {
            throw CrmException.Invalid("kind", $"The tenant schedules nothing for '{serviceEvent.Kind}'; known events: {string.Join(", ", policy.Cycles.Keys)}.");
        }

        var customer = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(Key.Tenant, serviceEvent.CustomerId)).GetAsync()
            ?? throw CrmException.NotFound("Customer", serviceEvent.CustomerId, "customerId");
        var region = serviceEvent.Region ?? await RegionOfAsync(customer);
        var rep = (region is not null && policy.RegionalServiceReps.TryGetValue(region, out var regional) ? regional : null) ?? policy.DefaultServiceRep
            ?? throw new CrmException(CrmErrorCode.Conflict, $"No service rep covers region '{region ?? "(unknown)"}' and the tenant has no default service rep.", "region");
        var now = clock.GetUtcNow();
        var at = serviceEvent.At ?? now;
        S.Event = serviceEvent with { Region = region };
        S.ServiceRepId = rep;
        S.OverdueAfterDays = cycle.OverdueAfterDays;
        S.Visits = [.. Enumerable.Range(1, cycle.Visits).Select(n => new ServiceVisit(n, at.AddDays(cycle.EveryDays * n)))];
        Record(now, "scheduled", $"{serviceEvent.Kind} reported by {serviceEvent.ReportedBy}: {cycle.Visits} visits every {cycle.EveryDays} days by {rep}, first due {S.Visits[0].DueAt:u}");
        await ArmAsync(now);
        await state.WriteOrFailAsync(this, logger);
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<ServiceCycleSnapshot?> GetAsync() => Task.FromResult(S.Event is null ? null : Snapshot());

    /// <inheritdoc />
    public async Task<ServiceCycleSnapshot> CompleteVisitAsync(int number, string? notes, string by)
    {
        if (S.Event is null)
        {
            throw CrmException.NotFound("Service cycle", Key.Id, "cycleId");
        }

        var index = S.Visits.FindIndex(v => v.Number == number);
        if (index < 0)
        {
            throw CrmException.Invalid("number", $"The cycle has visits 1 to {S.Visits.Count}.");
        }

        if (S.Visits[index].CompletedAt is not null)
        {
            return Snapshot();
        }

        var now = clock.GetUtcNow();
        S.Visits[index] = S.Visits[index] with { CompletedAt = now, CompletedBy = by, Notes = notes };
        Record(now, "visit-completed", $"visit {number} by {by}" + (S.Visits[index].EscalatedAt is null ? string.Empty : " (after it escalated)"));
        await state.WriteOrFailAsync(this, logger);
        if (NextStepAt() is null)
        {
            await this.RetireAsync(Reminder);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != Reminder || S.Event is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        for (var i = 0; i < S.Visits.Count; i++)
        {
            var visit = S.Visits[i];
            if (visit.CompletedAt is not null)
            {
                continue;
            }

            if (visit.RemindedAt is null && now >= visit.DueAt)
            {
                await DeliverAsync(S.ServiceRepId, visit, "due", $"Service visit {visit.Number} of {S.Visits.Count} is due ({S.Event.Kind} at customer {S.Event.CustomerId})", null);
                visit = visit with { RemindedAt = now };
                Record(now, "visit-due", $"visit {visit.Number}: to-do for {S.ServiceRepId}");
                DeadlineMetrics.Applied("service-visit", visit.DueAt, now);
            }

            var overdueAt = visit.DueAt.AddDays(S.OverdueAfterDays);
            if (visit.EscalatedAt is null && now >= overdueAt)
            {
                var supervisor = await GrainFactory.SupervisorOfAsync(Key.Tenant, S.ServiceRepId) ?? S.ServiceRepId;
                await DeliverAsync(supervisor, visit, "overdue", $"Red: service visit {visit.Number} by {S.ServiceRepId} at customer {S.Event.CustomerId} is {S.OverdueAfterDays} days overdue", InboxItem.Red);
                visit = visit with { EscalatedAt = now };
                Record(now, "visit-overdue", $"visit {visit.Number}: escalated to {supervisor}");
                DeadlineMetrics.Applied("service-visit-overdue", overdueAt, now);
            }

            S.Visits[i] = visit;
        }

        await ArmAsync(now);
        await state.WriteOrFailAsync(this, logger);
        if (NextStepAt() is null)
        {
            await this.RetireAsync(Reminder);
        }
    }

    /// <summary>The next instant a visit needs something: its due to-do, or its escalation.</summary>
    private DateTimeOffset? NextStepAt() => S.Visits
        .Where(v => v.CompletedAt is null && v.EscalatedAt is null)
        .Select(v => v.RemindedAt is null ? v.DueAt : v.DueAt.AddDays(S.OverdueAfterDays))
        .Order()
        .Cast<DateTimeOffset?>()
        .FirstOrDefault();

    private async Task ArmAsync(DateTimeOffset now)
    {
        if (NextStepAt() is { } next)
        {
            await this.ArmAsync(Reminder, next, now);
        }
    }

    private async Task<string?> RegionOfAsync(CustomerSnapshot customer)
    {
        foreach (var leadId in (customer.LeadIds ?? []).Reverse())
        {
            if ((await GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(Key.Tenant, leadId)).GetAsync())?.Captured.Qualification?.Region is { } region)
            {
                return region;
            }
        }

        return null;
    }

    private Task<bool> DeliverAsync(string recipient, ServiceVisit visit, string step, string title, string? severity) =>
        GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Key.Tenant, recipient)).DeliverAsync(new InboxItem(
            Id: $"service/{Key.Id}/visit/{visit.Number}/{step}/{recipient}",
            Kind: "service-visit-" + step,
            Title: title,
            LeadId: null,
            CreatedAt: clock.GetUtcNow(),
            Severity: severity));

    private void Record(DateTimeOffset at, string type, string detail) => S.History.Add(new LeadEvent(at, type, detail));

    private ServiceCycleSnapshot Snapshot() => new(Key.Id, S.Event!, S.ServiceRepId, S.OverdueAfterDays, [.. S.Visits], [.. S.History]);
}

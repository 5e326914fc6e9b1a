using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.GrainInterfaces.Service;

/// <summary>
/// An after-sales cycle: an event such as installation-complete schedules the tenant's periodic visits for the
/// customer's regional service rep; each visit is a to-do when due and escalates to the rep's supervisor when it stays
/// undone. Key: "{tenant}/{cycleId}".
/// </summary>
public interface IServiceCycleGrain : IGrainWithStringKey
{
    /// <summary>Starts the cycle for an event (idempotent).</summary>
    Task<ServiceCycleSnapshot> StartAsync(ServiceEvent serviceEvent);

    /// <summary>The cycle, or null when it does not exist.</summary>
    Task<ServiceCycleSnapshot?> GetAsync();

    /// <summary>Marks visit <paramref name="number"/> (1-based) done; doing it again changes nothing.</summary>
    Task<ServiceCycleSnapshot> CompleteVisitAsync(int number, string? notes, string by);
}

/// <summary>An after-sales event on a customer.</summary>
[GenerateSerializer, Immutable, Alias("crm.ServiceEvent")]
public sealed record class ServiceEvent(string CustomerId, string Kind, string? Region, DateTimeOffset? At, string ReportedBy);

/// <summary>One scheduled visit.</summary>
[GenerateSerializer, Immutable, Alias("crm.ServiceVisit")]
public sealed record class ServiceVisit(int Number, DateTimeOffset DueAt, DateTimeOffset? RemindedAt = null, DateTimeOffset? EscalatedAt = null, DateTimeOffset? CompletedAt = null, string? CompletedBy = null, string? Notes = null);

/// <summary>A service cycle as a reader sees it.</summary>
[GenerateSerializer, Immutable, Alias("crm.ServiceCycleSnapshot")]
public sealed record class ServiceCycleSnapshot(string Id, ServiceEvent Event, string ServiceRepId, int OverdueAfterDays, IReadOnlyList<ServiceVisit> Visits, IReadOnlyList<LeadEvent> History);

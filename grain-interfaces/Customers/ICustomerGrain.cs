using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using Orleans.Concurrency;

namespace CrmActors.GrainInterfaces.Customers;

/// <summary>A customer and what is linked to it. Key: "{tenant}/{customerId}".</summary>
public interface ICustomerGrain : IGrainWithStringKey, IWakeUpGrain
{
    /// <summary>Creates the customer; creating an existing one returns it unchanged.</summary>
    Task<CustomerSnapshot> CreateAsync(NewCustomer customer);

    /// <summary>
    /// Intake for the customer owning a phone (key from IntakeIds.CustomerForPhone): creates the customer and
    /// the lead, records a duplicate on the existing lead, or replays an earlier keyed submission.
    /// </summary>
    Task<IntakeResult> CaptureLeadAsync(LeadSubmission submission);

    /// <summary>
    /// A lead this customer captured and durably stored, for the lead actor's first activation. Interleaves
    /// with intake (it only reads), so a lead can start while its customer is busy.
    /// </summary>
    [AlwaysInterleave]
    Task<CapturedLead?> GetCapturedLeadAsync(string leadId);

    /// <summary>Other customers (other phones) with a similar name or company: candidates for a human to merge.</summary>
    Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync();

    /// <summary>Merges another customer into this one: its leads, tickets, phones and history move here; idempotent.</summary>
    Task<CustomerSnapshot> MergeAsync(string duplicateCustomerId, string mergedBy);

    /// <summary>Marks this customer as merged into another and hands over what it held; idempotent for the same target.</summary>
    Task<CustomerSnapshot> MarkMergedIntoAsync(string targetCustomerId);

    /// <summary>The customer, or null when it does not exist.</summary>
    Task<CustomerSnapshot?> GetAsync();

    /// <summary>
    /// Records that one of the customer's leads had an activity at <paramref name="at"/> (kept when it is the latest).
    /// One-way: a lead must never wait on its customer, which may be waiting on it (routing from its wake-up).
    /// </summary>
    [OneWay]
    Task NoteActivityAsync(string leadId, DateTimeOffset at);

    /// <summary>The latest activity on any of the customer's leads, for the silence clock; interleaves (it only reads).</summary>
    [AlwaysInterleave]
    Task<DateTimeOffset?> GetLastActivityAsync();

    /// <summary>Adds or replaces a contact of the decision chain (by id); the customer must exist.</summary>
    Task<CustomerSnapshot> SaveContactAsync(CustomerContact contact);

    /// <summary>Removes a contact of the decision chain; removing a missing one changes nothing.</summary>
    Task<CustomerSnapshot> RemoveContactAsync(string contactId, string by);

    /// <summary>
    /// Records an order once (a retry with the same request key or external id gets the first one back); the customer
    /// must exist, and a discount above the tenant's automatic tier must rest on an approved request that covers it.
    /// </summary>
    Task<OrderRecorded> RecordOrderAsync(NewOrder order);

    /// <summary>Records that an order was paid at <paramref name="paidAt"/>; the first payment date stays.</summary>
    Task<CustomerSnapshot> RecordPaymentAsync(string orderId, DateTimeOffset paidAt, string by);

    /// <summary>
    /// Stores events of other systems for this customer in one write (each source, kind and id once: a retry is a
    /// duplicate, the same id with other details is rejected naming the field), settles the customer's orders from every
    /// event stored, and answers per event in the order given. Nothing of a call is stored when its write fails.
    /// </summary>
    Task<IReadOnlyList<Integration.IntegrationOutcome>> ApplyIntegrationAsync(IReadOnlyList<Integration.IntegrationEvent> events);

    /// <summary>Records the customer's feedback.</summary>
    Task<CustomerSnapshot> RecordFeedbackAsync(CustomerFeedback feedback);

    /// <summary>Links a service ticket to the customer (idempotent); the customer must exist.</summary>
    Task LinkTicketAsync(string ticketId);

    /// <summary>
    /// A lead captured here reports that its routing is settled (routed, or nothing to route by): it leaves the
    /// pending list. One-way, so a lead busy with its customer never waits on it.
    /// </summary>
    [OneWay]
    Task LeadRoutingSettledAsync(string leadId);
}

using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.Grains.Customers;

/// <summary>The persisted state of a customer.</summary>
[GenerateSerializer, Alias("crm.CustomerState")]
public sealed class CustomerState : IWakeUpState, Common.IJournalRowsState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "customer";

    /// <summary>How many idempotency keys are remembered for replay (oldest forgotten first).</summary>
    public const int KeyLimit = 500;

    [Id(0)] public NewCustomer? Captured { get; set; }
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public List<string> TicketIds { get; set; } = [];

    /// <summary>The customer's leads, oldest first; the last one receives duplicate submissions.</summary>
    [Id(3)] public List<string> LeadIds { get; set; } = [];

    /// <summary>Idempotency keys seen (IntakeIds.SubmissionKey) and the answer each got, oldest first.</summary>
    [Id(4)] public List<KeyedAnswer> Keys { get; set; } = [];

    /// <summary>Set once this customer was merged into another; calls are forwarded there.</summary>
    [Id(5)] public string? MergedInto { get; set; }

    [Id(6)] public List<string> MergedFrom { get; set; } = [];

    /// <summary>Every normalized phone known for the customer (more than one after merges).</summary>
    [Id(7)] public List<string> Phones { get; set; } = [];

    [Id(8)] public List<CustomerEvent> History { get; set; } = [];

    /// <summary>The leads intake captured for this customer, as captured (each lead actor starts from its entry).</summary>
    [Id(9)] public List<CapturedLead> Captures { get; set; } = [];

    /// <summary>Leads captured here whose routing has not reported back yet (see IntakeRoutingOptions).</summary>
    [Id(10)] public List<string> PendingRouting { get; set; } = [];

    /// <inheritdoc />
    [Id(11)] public DateTimeOffset? WakeUpAt { get; set; }

    /// <summary>Journal rows that go with the next write (a capture's routing decision and hand-over); never stored in the state.</summary>
    public Common.JournalRows Outgoing => _outgoing ??= new();

    [NonSerialized]
    private Common.JournalRows? _outgoing;

    /// <summary>The latest activity on any of the customer's leads (their silence clocks read it).</summary>
    [Id(12)] public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>The decision chain: the people at the customer, their roles and attitudes.</summary>
    [Id(13)] public List<CustomerContact> Contacts { get; set; } = [];

    /// <summary>Orders as recorded.</summary>
    [Id(14)] public List<CustomerOrder> Orders { get; set; } = [];

    /// <summary>Feedback as recorded (bounded).</summary>
    [Id(15)] public List<CustomerFeedback> Feedback { get; set; } = [];

    /// <summary>Idempotency keys of order requests and the order each recorded, oldest first (the last <see cref="KeyLimit"/>).</summary>
    [Id(16)] public List<KeyedOrder> OrderKeys { get; set; } = [];

    /// <summary>
    /// Captured leads whose <see cref="CapturedRouting.WakeLeadAt"/> is at or before this were woken (their lead actors
    /// hold their deadlines from then on); <see cref="WakeUpAt"/> names the next one after it.
    /// </summary>
    [Id(17)] public DateTimeOffset? LeadsWokenThrough { get; set; }

    /// <summary>Events other systems sent for this customer (orders, invoices, payments, refunds, returns, visits), as sent.</summary>
    [Id(18)] public List<GrainInterfaces.Integration.IntegrationEvent> Ledger { get; set; } = [];

    /// <summary>The earliest time a captured lead is still to be woken at, if any.</summary>
    public DateTimeOffset? NextLeadWake() => Captures
        .Select(c => c.Routing?.WakeLeadAt)
        .Where(w => w is not null && (LeadsWokenThrough is null || w > LeadsWokenThrough))
        .Min();
}

using CrmActors.GrainInterfaces.Common;
using Orleans.Concurrency;

namespace CrmActors.GrainInterfaces.Leads;

/// <summary>A lead: its captured fields, owner, stage and first-touch deadline. Key: "{tenant}/{leadId}".</summary>
public interface ILeadGrain : IGrainWithStringKey, IWakeUpGrain, Stats.IFiguresSource
{
    /// <summary>Captures the lead; answers only once the state is durable. Creating an existing lead returns it unchanged.</summary>
    Task<LeadSnapshot> CreateAsync(NewLead lead);

    /// <summary>
    /// Records a duplicate submission (same customer) in the lead's history; durable before it answers.
    /// <paramref name="captured"/> lets a lead that never ran start without calling back into its busy customer.
    /// </summary>
    Task<LeadSnapshot> RecordResubmissionAsync(NewLead submission, CapturedLead? captured);

    /// <summary>Moves the lead to another customer (after a merge); idempotent.</summary>
    Task RelinkCustomerAsync(string customerId);

    /// <summary>The lead, or null when it does not exist.</summary>
    Task<LeadSnapshot?> GetAsync();

    /// <summary>Gives the lead to a rep and arms the durable first-touch deadline.</summary>
    Task<LeadSnapshot> AssignAsync(AssignLead command);

    /// <summary>
    /// Routes the lead under the live rule set (or reassigns it, never back to a rep who had it): the router picks the
    /// best eligible rep with room from the loads as they are now and reserves it, the lead stores the assignment with
    /// its first-touch deadline, and the rep is told after. The decision is kept on the lead and in its journal.
    /// </summary>
    Task<LeadSnapshot> RouteAsync(string requestedBy);

    /// <summary>Every routing decision of the lead, oldest first, from its journal (and those not yet sent to it).</summary>
    Task<IReadOnlyList<LeadRoutingRecord>> GetRoutingHistoryAsync();

    /// <summary>
    /// Routes a lead intake just captured, unless it was routed or assigned already, then tells its customer
    /// that routing is settled. One-way: intake has answered before this starts; a failure leaves the lead
    /// pending on its customer, whose wake-up tries again.
    /// </summary>
    [OneWay]
    Task RouteCapturedAsync();

    /// <summary>
    /// Routes the lead unless it already has an owner or a routing decision. True when routing is settled
    /// (routed, left unassigned with a reason, or the tenant publishes no rules and assigns by hand); throws
    /// when it should be tried again.
    /// </summary>
    Task<bool> SettleRoutingAsync();

    /// <summary>Records a contact by the owner; the first one clears the first-touch deadline.</summary>
    Task<LeadSnapshot> RecordTouchAsync(LeadTouch touch);

    /// <summary>
    /// Closes the lead as won or lost: its deadline is retired, it leaves the owner's open leads, and a win adds
    /// to the owner's win history (which routing scores). Repeating the same outcome changes nothing.
    /// </summary>
    Task<LeadSnapshot> RecordOutcomeAsync(LeadOutcome outcome);

    /// <summary>
    /// Sends what the lead's outbox has due (routing's notifications), each on its tenant channel; failures come
    /// back with backoff through the lead's wake-up. One-way: nobody waits for webhooks.
    /// </summary>
    [OneWay]
    Task SendNotificationsAsync();

    /// <summary>Applies every deadline that has passed (called by reminders and by sweeps; safe to repeat).</summary>
    Task EvaluateDeadlinesAsync();

    /// <summary>
    /// Logs a typed activity by the owner (or a supervisor): validated against the type's required fields and the
    /// tenant's evidence rules (nothing changes when a field is wrong), it counts as a touch, moves the funnel stage,
    /// restarts the escalation chain, settles the 3-minute rule, arms its next follow-up and, for a sent quote,
    /// the promise countdown; a follow-up off its calendar appointment warns the supervisor.
    /// </summary>
    Task<ActivityResult> LogActivityAsync(NewActivity activity);

    /// <summary>Applies what an integration reports: a contact, a site visit, a document opened or read.</summary>
    Task<LeadSnapshot> ReportSignalAsync(LeadSignal signal);

    /// <summary>
    /// A service ticket affects this lead's sale: the owner is alerted at once (inbox in red, and the tenant's alert
    /// webhooks) and the lead shows "needs coordination" until the owner's next activity, which stops the ticket's
    /// coordination clock. Idempotent per ticket.
    /// </summary>
    Task StartCoordinationAsync(string ticketId, string ticketTitle, string suggestedAction);

    /// <summary>The owner claims the lead as an opportunity; the supervisor is asked to confirm. Claiming again changes nothing.</summary>
    Task<OpportunityView> ClaimOpportunityAsync(string by);

    /// <summary>The supervisor confirms the claim (refused before a claim); confirming again changes nothing.</summary>
    Task<OpportunityView> ConfirmOpportunityAsync(string by);

    /// <summary>Whether the lead counts as an opportunity, with every check of the tenant and why it passed or failed.</summary>
    Task<OpportunityView> GetOpportunityAsync();

    /// <summary>The tenant's next-step hints that fire for this lead's history.</summary>
    Task<IReadOnlyList<LeadHint>> GetHintsAsync();

    /// <summary>
    /// The top three next actions: the model's, with probabilities and reasons, or the tenant's rule hints when no
    /// compatible model is loaded (the advice says so and why). Also the model's win probability.
    /// </summary>
    Task<NextActionAdvice> GetNextActionsAsync();
}

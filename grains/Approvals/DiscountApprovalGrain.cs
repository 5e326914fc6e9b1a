using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Approvals;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using CrmActors.Grains.Deadlines;
using CrmActors.Grains.FollowUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Approvals;

/// <summary>The persisted state of a discount request.</summary>
[GenerateSerializer, Alias("crm.DiscountApprovalState")]
public sealed class DiscountApprovalState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "discount-approval";

    [Id(0)] public DiscountRequest? Request { get; set; }
    [Id(1)] public ApprovalStatus Status { get; set; }
    [Id(2)] public int TierIndex { get; set; }
    [Id(3)] public string Approver { get; set; } = ApprovalPolicy.Automatic;
    [Id(4)] public string? EscalatedTo { get; set; }
    [Id(5)] public DateTimeOffset RequestedAt { get; set; }
    [Id(6)] public DateTimeOffset? DecidedAt { get; set; }
    [Id(7)] public string? DecidedBy { get; set; }
    [Id(8)] public string? Comment { get; set; }
    [Id(9)] public DateTimeOffset? RemindAt { get; set; }
    [Id(10)] public DateTimeOffset? EscalateAt { get; set; }
    [Id(11)] public bool Reminded { get; set; }
    [Id(12)] public List<LeadEvent> History { get; set; } = [];
}

/// <summary>
/// A discount request: the tier picks the approver; a durable reminder (registered before the write that needs it)
/// nudges a waiting approver and then escalates; every step is kept in the history and reaches inboxes idempotently.
/// </summary>
public sealed class DiscountApprovalGrain(
    [PersistentState(DiscountApprovalState.StateName, CrmStorage.Name)] IPersistentState<DiscountApprovalState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    FollowUpPolicyCache policies,
    ILogger<DiscountApprovalGrain> logger) : Grain, IDiscountApprovalGrain, IRemindable
{
    /// <summary>The reminder that carries the nudge and the escalation.</summary>
    public const string Reminder = "approval";

    private DiscountApprovalState S => state.State;

    private (string Tenant, string Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<ApprovalSnapshot> RequestAsync(DiscountRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (S.Request is not null)
        {
            return Snapshot();
        }

        var policy = (await policies.GetAsync(Key.Tenant)).Policy.Approvals;
        var (tier, index) = policy.TierFor(request.Percent) ?? throw CrmException.Invalid("percent", "No approval tier covers this discount; the tenant's tiers end below it.");
        var lead = await GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(Key.Tenant, request.LeadId)).GetAsync()
            ?? throw CrmException.NotFound("Lead", request.LeadId, "leadId");
        var approver = await ApproverAsync(tier.Approver, policy, lead, request.RequestedBy);
        var now = clock.GetUtcNow();
        S.Request = request;
        S.TierIndex = index;
        S.Approver = approver;
        S.RequestedAt = now;
        Record(now, "requested", $"{request.Percent}% on lead {request.LeadId} by {request.RequestedBy}: {request.Reason}; tier {index + 1} (up to {tier.UpToPercent}%)");
        if (approver == ApprovalPolicy.Automatic)
        {
            S.Status = ApprovalStatus.Approved;
            S.DecidedAt = now;
            S.DecidedBy = ApprovalPolicy.Automatic;
            Record(now, "approved", "automatically within the tier");
            await state.WriteOrFailAsync(this, logger);
            return Snapshot();
        }

        S.Status = ApprovalStatus.Pending;
        S.RemindAt = now.AddHours(policy.RemindAfterHours);
        S.EscalateAt = now.AddHours(policy.EscalateAfterHours);
        Record(now, "routed", $"to {approver}; reminder {S.RemindAt:u}, escalation {S.EscalateAt:u}");
        await this.ArmAsync(Reminder, S.RemindAt.Value, now);
        await state.WriteOrFailAsync(this, logger);
        await DeliverAsync(approver, "requested", $"Approve a {request.Percent}% discount on lead {request.LeadId} (asked by {request.RequestedBy})", null, request.Reason);
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<ApprovalSnapshot?> GetAsync() => Task.FromResult(S.Request is null ? null : Snapshot());

    /// <inheritdoc />
    public async Task<ApprovalSnapshot> DecideAsync(bool approve, string? comment, string by, bool overrideAllowed)
    {
        if (S.Request is null)
        {
            throw CrmException.NotFound("Approval", Key.Id, "approvalId");
        }

        var decision = approve ? ApprovalStatus.Approved : ApprovalStatus.Rejected;
        if (S.Status != ApprovalStatus.Pending)
        {
            return S.Status == decision
                ? Snapshot()
                : throw new CrmException(CrmErrorCode.Conflict, $"The request was already {S.Status.ToString().ToLowerInvariant()}.", "decision");
        }

        if (by != S.Approver && by != S.EscalatedTo && !overrideAllowed)
        {
            throw new CrmException(CrmErrorCode.Forbidden, $"Only {S.Approver}{(S.EscalatedTo is null ? string.Empty : $" or {S.EscalatedTo}")} can decide this request.", "decision");
        }

        var now = clock.GetUtcNow();
        S.Status = decision;
        S.DecidedAt = now;
        S.DecidedBy = by;
        S.Comment = comment;
        Record(now, approve ? "approved" : "rejected", $"by {by}" + (string.IsNullOrWhiteSpace(comment) ? string.Empty : $": {comment}"));
        await state.WriteOrFailAsync(this, logger);
        await DeliverAsync(S.Request.RequestedBy, "decided", $"Your {S.Request.Percent}% discount on lead {S.Request.LeadId} was {decision.ToString().ToLowerInvariant()} by {by}", null, comment);
        await this.RetireAsync(Reminder);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = clock.GetUtcNow();
        if (reminderName != Reminder || S.Request is null)
        {
            return;
        }

        if (S.Status == ApprovalStatus.Pending && S.EscalatedTo is null && now >= S.EscalateAt)
        {
            var policy = (await policies.GetAsync(Key.Tenant)).Policy.Approvals;
            var target = policy.EscalateTo ?? await SupervisorOfAsync(S.Approver) ?? S.Approver;
            await DeliverAsync(target, "escalated", $"Red: a {S.Request.Percent}% discount on lead {S.Request.LeadId} has waited {(now - S.RequestedAt).TotalHours:0} h for {S.Approver}; you can decide it", InboxItem.Red, S.Request.Reason);
            S.EscalatedTo = target;
            Record(now, "escalated", $"to {target} after {(now - S.RequestedAt).TotalHours:0} h without a decision by {S.Approver}");
            DeadlineMetrics.Applied("approval-escalation", S.EscalateAt!.Value, now);
        }
        else if (S.Status == ApprovalStatus.Pending && !S.Reminded && now >= S.RemindAt)
        {
            await DeliverAsync(S.Approver, "reminder", $"Reminder: a {S.Request.Percent}% discount on lead {S.Request.LeadId} waits for your decision", InboxItem.Yellow, S.Request.Reason);
            S.Reminded = true;
            Record(now, "reminded", $"{S.Approver}, after {(now - S.RequestedAt).TotalHours:0} h");
            DeadlineMetrics.Applied("approval-reminder", S.RemindAt!.Value, now);
        }
        else
        {
            // Nothing due: a decided or escalated request needs its reminder no more; a pending one fired early.
            if (S.Status != ApprovalStatus.Pending || S.EscalatedTo is not null)
            {
                await this.RetireAsync(Reminder);
            }

            return;
        }

        if (S.EscalatedTo is null)
        {
            await this.ArmAsync(Reminder, S.EscalateAt!.Value, now);
        }

        await state.WriteOrFailAsync(this, logger);
        if (S.EscalatedTo is not null)
        {
            await this.RetireAsync(Reminder);
        }
    }

    private async Task<string> ApproverAsync(string tierApprover, ApprovalPolicy policy, LeadSnapshot lead, string requestedBy) => tierApprover switch
    {
        ApprovalPolicy.Automatic => ApprovalPolicy.Automatic,
        ApprovalPolicy.Regional when lead.Captured.Qualification?.Region is { } region && policy.RegionalManagers.TryGetValue(region, out var manager) => manager,
        ApprovalPolicy.Regional or ApprovalPolicy.Supervisor => await SupervisorOfAsync(requestedBy)
            ?? throw new CrmException(CrmErrorCode.Conflict, $"{requestedBy} has no supervisor and the lead's region has no manager to approve this discount.", "percent"),
        _ => tierApprover,
    };

    private Task<string?> SupervisorOfAsync(string userId) => GrainFactory.SupervisorOfAsync(Key.Tenant, userId);

    private Task<bool> DeliverAsync(string recipient, string step, string title, string? severity, string? detail) =>
        GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Key.Tenant, recipient)).DeliverAsync(new InboxItem(
            Id: $"approval/{Key.Id}/{step}/{recipient}",
            Kind: "approval-" + step,
            Title: title,
            LeadId: S.Request?.LeadId,
            CreatedAt: clock.GetUtcNow(),
            Severity: severity,
            Detail: detail));

    private void Record(DateTimeOffset at, string type, string detail) => S.History.Add(new LeadEvent(at, type, detail));

    private ApprovalSnapshot Snapshot() => new(
        Key.Id, S.Request!, S.Status, S.TierIndex, S.Approver, S.EscalatedTo, S.RequestedAt, S.DecidedAt, S.DecidedBy, S.Comment, [.. S.History]);
}

using System.Globalization;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Imports;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Tickets;

namespace CrmActors.WebApi.Contracts;

/// <summary>Maps grain snapshots to the wire contracts; the two evolve separately.</summary>
public static class ContractMappings
{
    /// <summary>Maps a lead.</summary>
    public static LeadResponse ToResponse(this LeadSnapshot lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var c = lead.Captured;
        return new LeadResponse(
            lead.Id, c.Name, c.Phone, c.Channel, c.ProductInterest, c.Note, c.Email, c.Company,
            lead.CreatedAt, c.CreatedBy, lead.Stage.ToString(), lead.OwnerRepId, lead.AssignedAt,
            lead.FirstTouchDueAt, lead.FirstTouchAt, lead.OverdueAt, lead.EscalationLevel,
            [.. lead.History.Select(e => new LeadEventResponse(e.At, e.Type, e.Detail))],
            c.CustomerId,
            IntakeOutcome: null,
            c.Qualification?.Industry,
            c.Qualification?.InstitutionLevel,
            c.Qualification?.Region,
            c.Qualification?.Language,
            c.Qualification?.Budget,
            c.Qualification?.Quality,
            lead.CoAssigneeRepId,
            lead.ClosedAt,
            lead.Funnel == CrmActors.FollowUp.FunnelStage.None ? null : lead.Funnel.ToString().ToLowerInvariant(),
            lead.Quality is { } q ? new LeadQualityResponse(q.Light.ToString().ToLowerInvariant(), q.Reason, q.JudgedAt, q.ReturnedAt) : null,
            lead.Flag,
            lead.LastActivityAt,
            [.. (lead.Deadlines ?? []).Select(d => new LeadDeadlineResponse(d.Kind, d.DueAt, d.Ref))],
            [.. (lead.Activities ?? []).Select(ToResponse)],
            [.. (lead.NeedsCoordination ?? []).Select(c => new LeadCoordinationResponse(c.TicketId, c.TicketTitle, c.SuggestedAction, c.Since))],
            lead.Score is { } score
                ? new LeadScoreResponse(score.WinProbability, score.ModelVersion, score.ScoredAt, score.ModelKind ?? ModelKinds.Starter, score.Source ?? ScoreSources.Model, score.Reason)
                : null,
            lead.Routing is { } routing
                ? new LeadRoutingSummaryResponse(lead.OwnerRepId is null ? "unassigned" : "assigned", routing.RuleSetVersion, routing.RuleId, routing.Urgency, lead.OwnerRepId is null ? RoutingReason(routing) : null)
                : null,
            c.Location?.Province,
            c.Location?.City,
            c.Location?.Source);
    }

    /// <summary>Why nobody took the lead, as the decision says.</summary>
    private static string? RoutingReason(LeadRouting routing)
    {
        if (routing.UnassignedReason is not null || routing.DecisionJson.Length == 0)
        {
            return routing.UnassignedReason;
        }

        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(routing.DecisionJson);
            return doc.RootElement.TryGetProperty("unassignedReason", out var reason) && reason.ValueKind == System.Text.Json.JsonValueKind.String ? reason.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Maps a logged activity.</summary>
    public static ActivityResponse ToResponse(this LeadActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new ActivityResponse(
            activity.Id, activity.Type, activity.At, activity.LoggedAt, activity.ByUser, activity.Fields,
            [.. activity.Evidence.Select(e => new EvidenceContract(e.Kind, e.Ref))], activity.Tags, activity.Summary, activity.NextFollowUpAt, activity.AppointmentAt);
    }

    /// <summary>Maps a lead's latest routing decision and its routing history.</summary>
    public static LeadRoutingResponse ToResponse(this LeadRouting routing, LeadSnapshot lead, IReadOnlyList<LeadRoutingRecord> history)
    {
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(history);
        return new LeadRoutingResponse(
            lead.Id, lead.OwnerRepId, lead.FirstTouchDueAt, routing.RuleSetVersion, routing.RuleId, routing.ChosenRepId, routing.At,
            // A decision intake took is explained by its journal row only (the latest in the history). Stored decisions keep
            // their best candidates compact; their breakdowns are rebuilt here, for the reader who asked.
            Shown(routing.DecisionJson.Length > 0 ? routing.DecisionJson : history.Count > 0 ? history[^1].DecisionJson : "{}"),
            [.. history.Select(h => new RoutingHistoryEntry(
                h.At, h.Kind, h.RequestedBy, h.RuleSetVersion, h.RuleId, h.ChosenRepId, h.UnassignedReason, h.PreviousOwnerRepId, Shown(h.DecisionJson)))]);
    }

    private static System.Text.Json.JsonElement Shown(string storedDecisionJson) =>
        System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(CrmActors.Routing.StoredExplanation.ExpandJson(storedDecisionJson));

    /// <summary>Maps a rep.</summary>
    public static RepResponse ToResponse(this RepSnapshot rep)
    {
        ArgumentNullException.ThrowIfNull(rep);
        var p = rep.Profile;
        var e = p.Expertise;
        var h = p.Schedule;
        return new RepResponse(
            rep.Id, p.DisplayName, p.Email, p.SupervisorId, p.Capacity, p.Active, rep.OpenLeadIds, rep.InboxCount,
            p.Groups ?? [], e?.Industries ?? [], e?.InstitutionLevels ?? [], e?.Products ?? [], e?.Regions ?? [], e?.Languages ?? [],
            e?.DealSizeMin, e?.DealSizeMax,
            h is not { HasWorkingHours: true } ? null : new WorkingHoursContract(
                h.TimeZoneId,
                h.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
                h.End.ToString("HH:mm", CultureInfo.InvariantCulture),
                [.. h.Days.Select(d => d.ToString()[..3])]),
            h?.OnLeaveUntil,
            [.. (e?.Wins ?? []).Select(ToContract)],
            [.. (rep.WonDeals ?? []).Select(ToContract)],
            rep.RecentAssignments,
            rep.DataQuality);
    }

    private static RepWinContract ToContract(RepWin win) => new(win.Industry, win.Product, win.InstitutionLevel, win.Count);

    /// <summary>Maps an inbox item.</summary>
    public static InboxItemResponse ToResponse(this InboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new InboxItemResponse(
            item.Id, item.Kind, item.Title, item.LeadId, item.CreatedAt, item.Status.ToString().ToLowerInvariant(), item.StatusAt, item.StatusBy, item.Severity, item.Detail);
    }

    /// <summary>Maps a customer.</summary>
    public static CustomerResponse ToResponse(this CustomerSnapshot customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var c = customer.Captured;
        return new CustomerResponse(
            customer.Id, c.Name, c.Company, c.Phone, c.Email, customer.CreatedAt, customer.TicketIds,
            customer.LeadIds ?? [], customer.Phones ?? [], customer.MergedInto, customer.MergedFrom ?? [],
            [.. (customer.History ?? []).Select(e => new CustomerEventResponse(e.At, e.Type, e.Detail))]);
    }

    /// <summary>Maps an import.</summary>
    public static ImportResponse ToResponse(this ImportSnapshot import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var s = import.Start;
        return new ImportResponse(
            import.Id, s.FileName, s.Format, s.Encoding, s.IgnoredColumns, import.Status.ToString(), import.StartedAt, import.FinishedAt,
            import.RowsRead, import.Accepted, import.Duplicates, import.Rejected,
            [.. import.Rejections.OrderBy(r => r.Row).Select(r => new ImportRejectionResponse(r.Row, r.Field, r.Reason))],
            [.. import.Unmapped.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal).Select(u => new UnmappedValueResponse(u.Key, u.Value))],
            import.Failure, s.StartedBy, import.CheckpointRow,
            [.. import.Resumptions.Select(r => new ImportResumptionResponse(r.At, r.AfterRow, r.Note))]);
    }

    /// <summary>Maps a ticket.</summary>
    public static TicketResponse ToResponse(this TicketSnapshot ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var t = ticket.Reported;
        return new TicketResponse(
            ticket.Id, t.CustomerId, t.Title, t.Description, TicketLifecycle.Name(ticket.Status), ticket.CreatedAt, t.CreatedBy, ticket.ResolvedAt, ticket.ClosedAt,
            ticket.Coordination is { } c
                ? new TicketCoordinationResponse(c.SuggestedAction, c.FlaggedBy, c.StartedAt, c.LeadId, c.RepId, c.StoppedAt, c.Latency?.TotalMinutes)
                : null,
            [.. (ticket.History ?? []).Select(e => new CustomerEventResponse(e.At, e.Type, e.Detail))],
            ticket.ResolveBy,
            ticket.OverdueAt,
            ticket.AssigneeId);
    }
}

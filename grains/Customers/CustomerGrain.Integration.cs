using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmActors.FollowUp.Settlement;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Integration;
using CrmActors.Grains.Common;

namespace CrmActors.Grains.Customers;

/// <summary>Events of other systems (ERP, finance, after-sales): stored once each, settled into the customer's orders.</summary>
public sealed partial class CustomerGrain
{
    /// <summary>How many events of other systems a customer keeps.</summary>
    public const int LedgerLimit = 5000;

    private LedgerSettlement? _settled;

    /// <inheritdoc />
    public async Task<IReadOnlyList<IntegrationOutcome>> ApplyIntegrationAsync(IReadOnlyList<IntegrationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        RequireExists();
        if (S.MergedInto is { } target)
        {
            return await Customer(target).ApplyIntegrationAsync(events);
        }

        var outcomes = new IntegrationOutcome[events.Count];
        var added = new List<IntegrationEvent>();
        var newOrders = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var sent = events[i];
            if ((S.Ledger.Find(e => e.SameKey(sent)) ?? added.Find(e => e.SameKey(sent))) is { } stored)
            {
                outcomes[i] = stored == sent
                    ? new IntegrationOutcome(IntegrationResult.Duplicate, null, null, null)
                    : Rejected("id", $"{Describe(sent)} was already stored with other details; nothing was changed (send a new id for a correction).");
                continue;
            }

            if (S.Ledger.Count + added.Count >= LedgerLimit)
            {
                outcomes[i] = Rejected("customerId", $"This customer keeps at most {LedgerLimit:N0} events of other systems.");
                continue;
            }

            if (sent.Kind == LedgerKind.Order && S.Orders.Count + newOrders >= 1000)
            {
                outcomes[i] = Rejected("customerId", "A customer keeps at most 1,000 orders here.");
                continue;
            }

            newOrders += sent.Kind == LedgerKind.Order ? 1 : 0;
            added.Add(sent);
            outcomes[i] = new IntegrationOutcome(IntegrationResult.Stored, null, null, null);
        }

        if (added.Count == 0)
        {
            return outcomes;
        }

        var now = clock.GetUtcNow();
        S.Ledger.AddRange(added);
        _settled = null;
        ApplySettlement();
        foreach (var visit in added.Where(e => e.Kind == LedgerKind.ServiceVisit && e.Score is not null))
        {
            S.Feedback.Add(new CustomerFeedback(visit.Score!.Value, visit.Note, visit.At, "integration", visit.Source));
        }

        if (S.Feedback.Count > 100)
        {
            S.Feedback.RemoveRange(0, S.Feedback.Count - 100);
        }

        foreach (var group in added.GroupBy(e => e.Source, StringComparer.Ordinal))
        {
            var counts = string.Join(", ", group.GroupBy(e => e.Kind).Select(k => $"{k.Count()} {Kind(k.Key)}"));
            S.History.Add(new CustomerEvent(now, "integration", $"{counts} from {group.Key}"));
        }

        try
        {
            await state.WriteOrFailAsync(this, logger);
        }
        finally
        {
            // A failed write deactivates this activation (the next call re-reads); the settlement read here is rebuilt then.
            _settled = null;
        }

        var waiting = Settled().Waiting;
        for (var i = 0; i < events.Count; i++)
        {
            if (outcomes[i].Result == IntegrationResult.Stored && waiting.FirstOrDefault(w => w.Entry == events[i].ToEntry()) is { } wait)
            {
                outcomes[i] = outcomes[i] with { WaitingFor = wait.WaitingFor };
            }
        }

        return outcomes;
    }

    /// <summary>The orders other systems sent, as the settlement of every stored event has them: replaced in place, new ones added.</summary>
    private void ApplySettlement()
    {
        foreach (var account in Settled().Orders)
        {
            var id = IntegrationOrderId(account.Source, account.OrderId);
            var order = new CustomerOrder(
                id, account.Number, account.Product ?? string.Empty, account.Amount, null, null, account.OrderedAt, account.DueAt, account.SettledAt, null,
                $"integration:{account.Source}", account.OrderId, null, account.Source,
                new OrderSettlement(account.State, account.Invoiced, account.Paid, account.Refunded, account.Returned, account.Outstanding));
            var index = S.Orders.FindIndex(o => o.Id == id);
            if (index >= 0)
            {
                S.Orders[index] = order;
            }
            else
            {
                S.Orders.Add(order);
            }
        }
    }

    private LedgerSettlement Settled() => _settled ??= Ledger.Settle(S.Ledger.Select(e => e.ToEntry()));

    private List<string>? WaitingLedgerEvents() =>
        S.Ledger.Count == 0 ? null : [.. Settled().Waiting.Select(w => $"{Kind(w.Entry.Kind)} '{w.Entry.Id}' from {w.Entry.Source} waits for {w.WaitingFor}")];

    /// <summary>The id of an order another system sent: the same for the same source and order, on every silo.</summary>
    public static string IntegrationOrderId(string source, string orderId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{orderId}"));
        return "X" + Convert.ToHexStringLower(hash)[..24];
    }

    private static IntegrationOutcome Rejected(string field, string reason) => new(IntegrationResult.Rejected, field, reason, null);

    private static string Describe(IntegrationEvent e) => $"{Kind(e.Kind)} '{e.Id}' from {e.Source}";

    private static string Kind(LedgerKind kind) => kind switch
    {
        LedgerKind.ServiceVisit => "service-visit",
        _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}

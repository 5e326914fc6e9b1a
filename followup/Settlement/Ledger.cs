namespace CrmActors.FollowUp.Settlement;

/// <summary>
/// Settles what other systems reported about a customer. The answer depends only on the set of events, never on the
/// order they arrived in: every account is computed from all of them, walked in the order of their own times (ties by
/// kind, source and id), so a payment that came before its order is applied as soon as the order is there, and two
/// copies of the ledger that hold the same events agree.
/// </summary>
public static class Ledger
{
    /// <summary>Settles <paramref name="entries"/> (each source, kind and id once).</summary>
    public static LedgerSettlement Settle(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var all = entries.OrderBy(e => e.At).ThenBy(e => e.Kind).ThenBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var orders = new Dictionary<(string, string), LedgerEntry>();
        var invoices = new Dictionary<(string, string), LedgerEntry>();
        foreach (var entry in all)
        {
            if (entry.Kind == LedgerKind.Order)
            {
                orders.TryAdd((entry.Source, entry.Id), entry);
            }
            else if (entry.Kind == LedgerKind.Invoice)
            {
                invoices.TryAdd((entry.Source, entry.Id), entry);
            }
        }

        var byOrder = orders.Keys.ToDictionary(k => k, _ => new List<LedgerEntry>());
        var waiting = new List<WaitingEntry>();
        foreach (var entry in all.Where(e => e.Kind is LedgerKind.Invoice or LedgerKind.Payment or LedgerKind.Refund or LedgerKind.Return))
        {
            var orderId = entry.OrderId;
            if (orderId is null && entry.InvoiceId is { } invoiceId)
            {
                if (!invoices.TryGetValue((entry.Source, invoiceId), out var invoice))
                {
                    waiting.Add(new WaitingEntry(entry, $"invoice '{invoiceId}' from {entry.Source}"));
                    continue;
                }

                orderId = invoice.OrderId;
            }

            if (orderId is not null && byOrder.TryGetValue((entry.Source, orderId), out var list))
            {
                list.Add(entry);
            }
            else
            {
                waiting.Add(new WaitingEntry(entry, $"order '{orderId}' from {entry.Source}"));
            }
        }

        var accounts = orders.Values.OrderBy(o => o.At).ThenBy(o => o.Source, StringComparer.Ordinal).ThenBy(o => o.Id, StringComparer.Ordinal)
            .Select(o => Account(o, byOrder[(o.Source, o.Id)]))
            .ToList();
        return new LedgerSettlement(accounts, waiting, [.. all.Where(e => e.Kind == LedgerKind.ServiceVisit)]);
    }

    /// <summary>One order's account from its events (already in the order of their times).</summary>
    private static OrderAccount Account(LedgerEntry order, List<LedgerEntry> events)
    {
        decimal invoiced = 0, paid = 0, refunded = 0, returned = 0;
        DateTimeOffset? settledAt = null;
        DateTimeOffset? invoiceDue = null;

        // Walk by time: the order is owed from the start; it is settled at the first moment (of the events' own times)
        // from which what was paid, net of refunds, covers what is owed after returns, and stays so.
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case LedgerKind.Invoice:
                    invoiced += e.Amount;
                    if (e.DueAt is { } due && (invoiceDue is null || due > invoiceDue))
                    {
                        invoiceDue = due;
                    }

                    break;
                case LedgerKind.Payment:
                    paid += e.Amount;
                    break;
                case LedgerKind.Refund:
                    refunded += e.Amount;
                    break;
                case LedgerKind.Return:
                    returned += e.Amount;
                    break;
            }

            var owed = Math.Max(0, order.Amount - returned);
            settledAt = paid - refunded >= owed ? settledAt ?? Max(e.At, order.At) : null;
        }

        var owedFinally = Math.Max(0, order.Amount - returned);
        var net = paid - refunded;
        var state = owedFinally == 0
            ? net > 0 ? PaymentState.Overpaid : PaymentState.Returned
            : net <= 0 ? PaymentState.Unpaid
            : net < owedFinally ? PaymentState.PartiallyPaid
            : net == owedFinally ? PaymentState.Paid
            : PaymentState.Overpaid;
        return new OrderAccount(
            order.Source, order.Id, order.Number ?? order.Id, order.Product, order.Amount, invoiced, paid, refunded, returned, owedFinally - net,
            order.At, invoiceDue ?? order.DueAt ?? order.At, settledAt, state);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

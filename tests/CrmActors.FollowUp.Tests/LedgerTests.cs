using System.Text.Json;
using CrmActors.FollowUp.Settlement;

namespace CrmActors.FollowUp.Tests;

public sealed class LedgerTests
{
    private const string Erp = "kingdee-erp";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static LedgerEntry Order(string id, decimal amount, int dueDays = 30, string source = Erp) =>
        new(source, LedgerKind.Order, id, null, null, amount, T0, T0.AddDays(dueDays), "SO-" + id, "CT-500", null, null);

    private static LedgerEntry Money(LedgerKind kind, string id, string orderId, decimal amount, int day, string source = Erp) =>
        new(source, kind, id, orderId, null, amount, T0.AddDays(day), null, null, null, null, null);

    private static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    private static string Canonical(LedgerSettlement settlement) => JsonSerializer.Serialize(settlement);

    [Fact]
    public void Settle_EveryOrderOfArrival_GivesTheSameAccounts()
    {
        LedgerEntry[] events =
        [
            Order("1", 100_000m),
            new(Erp, LedgerKind.Invoice, "INV-1", "1", null, 100_000m, T0.AddDays(1), T0.AddDays(45), null, null, null, null),
            Money(LedgerKind.Payment, "P1", "1", 30_000m, 5),
            new(Erp, LedgerKind.Payment, "P2", null, "INV-1", 70_000m, T0.AddDays(20), null, null, null, null, null),
            Money(LedgerKind.Return, "R1", "1", 10_000m, 25),
            Money(LedgerKind.Refund, "F1", "1", 10_000m, 26),
        ];
        var expected = Canonical(Ledger.Settle(events));

        var seen = 0;
        foreach (var arrival in Permutations(events))
        {
            Assert.Equal(expected, Canonical(Ledger.Settle(arrival)));
            seen++;
        }

        Assert.Equal(720, seen);
        var account = Assert.Single(Ledger.Settle(events).Orders);
        Assert.Equal((PaymentState.Paid, 0m, T0.AddDays(20), T0.AddDays(45)), (account.State, account.Outstanding, account.SettledAt, account.DueAt));
    }

    [Fact]
    public void Settle_PaymentBeforeItsOrder_WaitsThenApplies()
    {
        var payment = Money(LedgerKind.Payment, "P1", "1", 40_000m, 3);

        var before = Ledger.Settle([payment]);
        var after = Ledger.Settle([payment, Order("1", 40_000m)]);

        Assert.Empty(before.Orders);
        Assert.Equal("order '1' from kingdee-erp", Assert.Single(before.Waiting).WaitingFor);
        Assert.Empty(after.Waiting);
        var account = Assert.Single(after.Orders);
        Assert.Equal((PaymentState.Paid, 40_000m, T0.AddDays(3)), (account.State, account.Paid, account.SettledAt));
    }

    [Fact]
    public void Settle_PaymentBeforeItsInvoice_WaitsForTheInvoice()
    {
        var payment = new LedgerEntry(Erp, LedgerKind.Payment, "P1", null, "INV-9", 5_000m, T0.AddDays(2), null, null, null, null, null);

        var settled = Ledger.Settle([Order("1", 5_000m), payment]);

        Assert.Equal("invoice 'INV-9' from kingdee-erp", Assert.Single(settled.Waiting).WaitingFor);
        Assert.Equal(PaymentState.Unpaid, Assert.Single(settled.Orders).State);
    }

    [Fact]
    public void Settle_PartialPayments_SumAndSettleWhenTheLastArrives()
    {
        var settled = Ledger.Settle([Order("1", 90_000m), Money(LedgerKind.Payment, "P1", "1", 30_000m, 1), Money(LedgerKind.Payment, "P2", "1", 30_000m, 10)]);
        var partly = Assert.Single(settled.Orders);
        Assert.Equal((PaymentState.PartiallyPaid, 60_000m, 30_000m, (DateTimeOffset?)null), (partly.State, partly.Paid, partly.Outstanding, partly.SettledAt));

        var paid = Assert.Single(Ledger.Settle([.. new[] { Order("1", 90_000m), Money(LedgerKind.Payment, "P1", "1", 30_000m, 1), Money(LedgerKind.Payment, "P2", "1", 30_000m, 10), Money(LedgerKind.Payment, "P3", "1", 30_000m, 40) }]).Orders);
        Assert.Equal((PaymentState.Paid, 0m, T0.AddDays(40)), (paid.State, paid.Outstanding, paid.SettledAt));
    }

    [Fact]
    public void Settle_RefundAfterFullPayment_ReopensTheOrder()
    {
        var account = Assert.Single(Ledger.Settle([Order("1", 10_000m), Money(LedgerKind.Payment, "P1", "1", 10_000m, 1), Money(LedgerKind.Refund, "F1", "1", 4_000m, 3)]).Orders);

        Assert.Equal((PaymentState.PartiallyPaid, 4_000m, (DateTimeOffset?)null), (account.State, account.Outstanding, account.SettledAt));
    }

    [Fact]
    public void Settle_ReturnOfPartOfAnUnpaidOrder_OwesOnlyTheRest()
    {
        var account = Assert.Single(Ledger.Settle([Order("1", 10_000m), Money(LedgerKind.Return, "R1", "1", 4_000m, 2), Money(LedgerKind.Payment, "P1", "1", 6_000m, 5)]).Orders);

        Assert.Equal((PaymentState.Paid, 0m, 4_000m, T0.AddDays(5)), (account.State, account.Outstanding, account.Returned, account.SettledAt));
    }

    [Fact]
    public void Settle_ReturnAfterFullPaymentNotRefunded_IsOverpaidUntilRefunded()
    {
        LedgerEntry[] paidThenReturned = [Order("1", 10_000m), Money(LedgerKind.Payment, "P1", "1", 10_000m, 1), Money(LedgerKind.Return, "R1", "1", 10_000m, 3)];

        var owed = Assert.Single(Ledger.Settle(paidThenReturned).Orders);
        var refunded = Assert.Single(Ledger.Settle([.. paidThenReturned, Money(LedgerKind.Refund, "F1", "1", 10_000m, 4)]).Orders);

        Assert.Equal((PaymentState.Overpaid, -10_000m), (owed.State, owed.Outstanding));
        Assert.Equal((PaymentState.Returned, 0m), (refunded.State, refunded.Outstanding));
    }

    [Fact]
    public void Settle_SameIdsFromTwoSources_AreTwoOrders()
    {
        var settled = Ledger.Settle([Order("1", 100m), Order("1", 200m, source: "yonyou-u8"), Money(LedgerKind.Payment, "P1", "1", 200m, 1, source: "yonyou-u8")]);

        Assert.Equal(2, settled.Orders.Count);
        Assert.Equal(PaymentState.Unpaid, settled.Orders.Single(o => o.Source == Erp).State);
        Assert.Equal(PaymentState.Paid, settled.Orders.Single(o => o.Source == "yonyou-u8").State);
    }

    [Fact]
    public void Settle_InvoiceDueDate_IsWhenTheOrderMustBePaid()
    {
        var invoice = new LedgerEntry(Erp, LedgerKind.Invoice, "INV-1", "1", null, 100m, T0.AddDays(1), T0.AddDays(60), null, null, null, null);

        var account = Assert.Single(Ledger.Settle([Order("1", 100m, dueDays: 30), invoice]).Orders);

        Assert.Equal((T0.AddDays(60), 100m), (account.DueAt, account.Invoiced));
    }
}

using CrmActors.FollowUp.Settlement;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Integration;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Intake;

namespace CrmActors.WebApi.Integration;

/// <summary>
/// Reads events of another system, finds their customers and hands each customer its events in one call (one write),
/// so an event is stored whole or not at all; answers per event in the order sent.
/// </summary>
public sealed class IntegrationIngest(IGrainFactory grains)
{
    /// <summary>The kinds as the API spells them.</summary>
    public static readonly IReadOnlyDictionary<string, LedgerKind> Kinds = new Dictionary<string, LedgerKind>(StringComparer.Ordinal)
    {
        ["order"] = LedgerKind.Order,
        ["invoice"] = LedgerKind.Invoice,
        ["payment"] = LedgerKind.Payment,
        ["refund"] = LedgerKind.Refund,
        ["return"] = LedgerKind.Return,
        ["service-visit"] = LedgerKind.ServiceVisit,
    };

    private const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>Reads one event of <paramref name="source"/>; field names start with <paramref name="prefix"/> (<c>events[3].</c> in a bulk request).</summary>
    public static ParsedEvent Parse(IntegrationEventRequest? request, string source, string prefix)
    {
        var errors = new FieldErrors();
        if (request is null)
        {
            errors.Add(prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), "Each event is an object with 'kind', 'id', the customer and its fields.");
            return new ParsedEvent(null, null, null, null, null, errors);
        }

        errors.Required(request.Id, prefix + "id", 128)
            .MaxLength(request.OrderId, prefix + "orderId", 128)
            .MaxLength(request.InvoiceId, prefix + "invoiceId", 128)
            .MaxLength(request.Number, prefix + "number", 64)
            .MaxLength(request.Product, prefix + "product", 200)
            .MaxLength(request.Note, prefix + "note", 2000)
            .MaxLength(request.CustomerRef, prefix + "customerRef", 128);
        if (!Kinds.TryGetValue(request.Kind ?? string.Empty, out var kind))
        {
            // The other fields depend on the kind: only the kind is named.
            errors.Add(prefix + "kind", $"'kind' is required, one of: {string.Join(", ", Kinds.Keys)}.");
            return new ParsedEvent(request.Kind, request.Id, null, null, null, errors);
        }

        string? customerId = null;
        string? customerField = null;
        if (request.CustomerId is { } id)
        {
            customerField = prefix + "customerId";
            if (Identifier.IsValid(id))
            {
                customerId = id;
            }
            else
            {
                errors.Add(customerField, "'customerId' is not a valid id.");
            }
        }
        else if (request.Phone is not null)
        {
            customerField = prefix + "phone";
            if (errors.Phone(request.Phone, customerField, required: true) is { } phone)
            {
                customerId = IntakeIds.CustomerForPhone(phone);
            }
        }
        else if (string.IsNullOrWhiteSpace(request.CustomerRef))
        {
            errors.Add(prefix + "customerId", "Name the customer by 'customerId', 'phone' or 'customerRef' (the source's reference, once linked).");
        }
        else
        {
            customerField = prefix + "customerRef";
        }

        if (request.At is null)
        {
            errors.Add(prefix + "at", "'at' is required: when it happened in the source system (settlement follows these times, not arrival).");
        }

        var money = kind != LedgerKind.ServiceVisit;
        if (money && request.Amount is not (> 0 and <= MaxAmount))
        {
            errors.Add(prefix + "amount", "'amount' is required, above 0 (CNY).");
        }

        if (kind == LedgerKind.Order && request.DueAt is null)
        {
            errors.Add(prefix + "dueAt", "'dueAt' is required for an order: the payment timeliness of the health light reads it.");
        }

        if (kind is LedgerKind.Invoice or LedgerKind.Return && string.IsNullOrWhiteSpace(request.OrderId))
        {
            errors.Add(prefix + "orderId", $"'orderId' is required for a {request.Kind}: the order's id in the source system.");
        }

        if (kind is LedgerKind.Payment or LedgerKind.Refund && string.IsNullOrWhiteSpace(request.OrderId) && string.IsNullOrWhiteSpace(request.InvoiceId))
        {
            errors.Add(prefix + "orderId", $"A {request.Kind} names its order ('orderId') or its invoice ('invoiceId').");
        }

        if (request.Score is not null && (kind != LedgerKind.ServiceVisit || request.Score is not (>= 1 and <= 5)))
        {
            errors.Add(prefix + "score", "'score' is the customer's score of a service visit, 1 to 5.");
        }

        if (!errors.IsEmpty)
        {
            return new ParsedEvent(request.Kind, request.Id, null, customerId, customerField, errors);
        }

        var sent = new IntegrationEvent(
            source, kind, request.Id!.Trim(), Blank(request.OrderId), Blank(request.InvoiceId), money ? request.Amount!.Value : 0m, request.At!.Value,
            request.DueAt, Blank(request.Number), Blank(request.Product), request.Score, Blank(request.Note));
        return new ParsedEvent(request.Kind, sent.Id, sent, customerId, customerField, errors, Blank(request.CustomerRef));
    }

    /// <summary>
    /// Stores the events of <paramref name="tenant"/>: each customer's in one call, in parallel. Answers each event's
    /// result and the HTTP status it would have alone (201 stored, 200 duplicate, 400, 404 unknown customer, 409, 503).
    /// With <paramref name="rethrow"/> a failure to reach or store a customer is thrown instead of reported.
    /// </summary>
    public async Task<IReadOnlyList<(IntegrationItemResult Item, int Status)>> ApplyAsync(string tenant, IReadOnlyList<ParsedEvent> parsed, bool rethrow)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var results = new (IntegrationItemResult Item, int Status)[parsed.Count];

        var named = parsed.Where(p => p.Event is not null && p.CustomerId is not null).Select(p => p.CustomerId!).Distinct(StringComparer.Ordinal).ToList();
        var found = await Task.WhenAll(named.Select(id => grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, id)).GetAsync()));
        var known = named.Select((id, n) => (id, found[n] is not null)).ToDictionary(k => k.id, k => k.Item2, StringComparer.Ordinal);

        // Links first (an event naming its customer and the source's reference), so that events of the same request
        // named only by that reference find the customer; a reference names one customer, the first it was linked to.
        var conflicts = new Dictionary<int, string>();
        for (var i = 0; i < parsed.Count; i++)
        {
            if (parsed[i] is { Event: { } sent, CustomerId: { } id, CustomerRef: { } reference } && known[id]
                && await Reference(tenant, sent.Source, reference).LinkAsync(id) is var linkedTo && linkedTo != id)
            {
                conflicts[i] = linkedTo;
            }
        }

        var references = parsed.Where(p => p.Event is not null && p.CustomerId is null).Select(p => (p.Event!.Source, p.CustomerRef!)).Distinct().ToList();
        var resolved = await Task.WhenAll(references.Select(r => Reference(tenant, r.Source, r.Item2).ResolveAsync()));
        var byReference = references.Select((r, n) => (r, resolved[n])).ToDictionary(x => x.r, x => x.Item2);
        parsed = [.. parsed.Select(p => p.Event is not null && p.CustomerId is null ? p with { CustomerId = byReference[(p.Event.Source, p.CustomerRef!)] } : p)];
        foreach (var id in resolved.OfType<string>())
        {
            // Only customers that existed were ever linked.
            known.TryAdd(id, true);
        }

        var byCustomer = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < parsed.Count; i++)
        {
            var p = parsed[i];
            if (p.Event is null)
            {
                var (field, messages) = p.Errors.ToDictionary().First();
                results[i] = (Item(i, p, "rejected", field, messages[0]), StatusCodes.Status400BadRequest);
            }
            else if (p.CustomerId is null)
            {
                results[i] = (Item(i, p, "rejected", p.CustomerField, $"No customer is linked to '{p.CustomerRef}' of {p.Event.Source} yet; name the customer by 'customerId' or 'phone' with this 'customerRef' once. Nothing was stored."), StatusCodes.Status404NotFound);
            }
            else if (!known[p.CustomerId])
            {
                results[i] = (Item(i, p, "rejected", p.CustomerField, $"No customer '{p.CustomerId}' in this organisation; create it (or capture its lead) first. Nothing was stored."), StatusCodes.Status404NotFound);
            }
            else if (conflicts.TryGetValue(i, out var linkedTo))
            {
                var customerField = p.CustomerField ?? string.Empty;
                var field = customerField[..(customerField.LastIndexOf('.') + 1)] + "customerRef";
                results[i] = (Item(i, p, "rejected", field, $"'{p.CustomerRef}' of {p.Event.Source} names customer '{linkedTo}', not '{p.CustomerId}'. Nothing was stored."), StatusCodes.Status409Conflict);
            }
            else
            {
                (byCustomer.TryGetValue(p.CustomerId!, out var list) ? list : byCustomer[p.CustomerId!] = []).Add(i);
            }
        }

        await Task.WhenAll(byCustomer.Select(async group =>
        {
            IReadOnlyList<IntegrationOutcome> outcomes;
            try
            {
                outcomes = await grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, group.Key)).ApplyIntegrationAsync([.. group.Value.Select(i => parsed[i].Event!)]);
            }
            catch (Exception ex) when (!rethrow && ex is not OutOfMemoryException)
            {
                foreach (var i in group.Value)
                {
                    results[i] = (Item(i, parsed[i], "rejected", null, "Not stored: the customer could not be reached or saved just now; send it again (a retry never stores twice)."), StatusCodes.Status503ServiceUnavailable);
                }

                return;
            }

            for (var n = 0; n < group.Value.Count; n++)
            {
                var i = group.Value[n];
                var outcome = outcomes[n];
                var prefix = parsed[i].CustomerField is { } f && f.Contains('.', StringComparison.Ordinal) ? f[..(f.LastIndexOf('.') + 1)] : string.Empty;
                results[i] = outcome.Result switch
                {
                    IntegrationResult.Stored => (Item(i, parsed[i], "stored", null, null) with { WaitingFor = outcome.WaitingFor }, StatusCodes.Status201Created),
                    IntegrationResult.Duplicate => (Item(i, parsed[i], "duplicate", null, null), StatusCodes.Status200OK),
                    _ => (Item(i, parsed[i], "rejected", outcome.Field is null ? null : prefix + outcome.Field, outcome.Reason), StatusCodes.Status409Conflict),
                };
            }
        }));
        return results;
    }

    private ICustomerReferenceGrain Reference(string tenant, string source, string reference) =>
        grains.GetGrain<ICustomerReferenceGrain>(GrainKeys.For(tenant, CustomerReferences.Id(source, reference)));

    private static IntegrationItemResult Item(int index, ParsedEvent p, string outcome, string? field, string? reason) =>
        new(index, p.Kind, p.Id, outcome, p.CustomerId, field, reason, null);

    /// <summary>A kind as the API spells it.</summary>
    public static string KindName(LedgerKind kind) => Kinds.First(k => k.Value == kind).Key;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Intake;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>/api/v1/customers: create and read customers.</summary>
public static class CustomersApi
{
    /// <summary>Maps the customer endpoints.</summary>
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapPost("/", CreateAsync).WithName("CreateCustomer").WithSummary("Create a customer");
        customers.MapGet("/{id}", GetAsync).WithName("GetCustomer").WithSummary("Read a customer with its leads, tickets and history");
        customers.MapGet("/{id}/duplicates", DuplicatesAsync).WithName("GetDuplicateCandidates").WithSummary("Customers with another phone but a similar name or company, to review and merge");
        customers.MapGet("/{id}/360", Get360Async).WithName("GetCustomer360").WithSummary("One customer across sales and service: decision chain, leads, activities, tickets and open alerts");
        customers.MapPost("/{id}/orders", RecordOrderAsync).WithName("RecordOrder")
            .WithSummary("Record an order with its amount, cost, discount (above the automatic tier: with an approved discount request), payment due date and delivery ETA; stored once per Idempotency-Key or externalId")
            .RequireAuthorization(AuthenticationSetup.CaptureLeads);
        customers.MapPost("/{id}/orders/{orderId}/payment", RecordPaymentAsync).WithName("RecordPayment").WithSummary("Record that an order was paid").RequireAuthorization(AuthenticationSetup.CaptureLeads);
        customers.MapPost("/{id}/feedback", RecordFeedbackAsync).WithName("RecordFeedback").WithSummary("Record the customer's feedback (1-5)");
        customers.MapPut("/{id}/contacts/{contactId}", SaveContactAsync).WithName("SaveCustomerContact").WithSummary("Add or replace a contact of the decision chain (role, attitude: supports, watching or opposes, and whether they decide)").RequireAuthorization(AuthenticationSetup.CaptureLeads);
        customers.MapDelete("/{id}/contacts/{contactId}", RemoveContactAsync).WithName("RemoveCustomerContact").WithSummary("Remove a contact of the decision chain").RequireAuthorization(AuthenticationSetup.CaptureLeads);
        customers.MapPost("/{id}/merge", MergeAsync).WithName("MergeCustomer").WithSummary("Merge a duplicate customer into this one, keeping all history").RequireAuthorization(AuthenticationSetup.ManageLeads);
        return api;
    }

    private static async Task<Results<Created<CustomerResponse>, Ok<CustomerResponse>, ValidationProblem>> CreateAsync(CreateCustomerRequest request, Caller caller, IGrainFactory grains)
    {
        var errors = new FieldErrors()
            .Required(request.Name, "name", 100)
            .MaxLength(request.Company, "company", 200)
            .MaxLength(request.Phone, "phone", 32);
        var phone = errors.Phone(request.Phone, "phone", required: false);
        var email = errors.Email(request.Email, "email");
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        // A customer with a phone is the phone's customer, the same one intake uses: one per phone per tenant.
        var id = phone is null ? EntityIds.New('C') : IntakeIds.CustomerForPhone(phone);
        var captured = new NewCustomer(request.Name!.Trim(), request.Company?.Trim(), phone, email, caller.UserId);
        var customer = await grains.GetGrain<ICustomerGrain>(caller.Key(id)).CreateAsync(captured);
        return customer.Captured == captured
            ? TypedResults.Created($"/api/v1/customers/{id}", customer.ToResponse())
            : TypedResults.Ok(customer.ToResponse());
    }

    private static async Task<Results<Ok<IReadOnlyList<DuplicateCandidateResponse>>, ValidationProblem, ProblemHttpResult>> DuplicatesAsync(string id, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var customer = grains.GetGrain<ICustomerGrain>(caller.Key(id));
        if (await customer.GetAsync() is null)
        {
            return NotFoundProblem.For("Customer", id);
        }

        var candidates = await customer.FindDuplicatesAsync();
        return TypedResults.Ok<IReadOnlyList<DuplicateCandidateResponse>>([.. candidates.Select(c => new DuplicateCandidateResponse(c.CustomerId, c.Name, c.Company, c.Phone, c.Reason))]);
    }

    private static async Task<Results<Ok<CustomerResponse>, ValidationProblem>> MergeAsync(string id, MergeCustomerRequest request, Caller caller, IGrainFactory grains)
    {
        var errors = new FieldErrors().Required(request.DuplicateCustomerId, "duplicateCustomerId", Identifier.MaxLength);
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        if (request.DuplicateCustomerId is { Length: > 0 } duplicate && !Identifier.IsValid(duplicate))
        {
            errors.Add("duplicateCustomerId", "'duplicateCustomerId' is not a valid id.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var merged = await grains.GetGrain<ICustomerGrain>(caller.Key(id)).MergeAsync(request.DuplicateCustomerId!, caller.UserId);
        return TypedResults.Ok(merged.ToResponse());
    }

    private static async Task<Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(string id, Caller caller, IGrainFactory grains, GrainReads reads, CancellationToken ct)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var customer = await reads.ReadAsync(_ => grains.GetGrain<ICustomerGrain>(caller.Key(id)).GetAsync(), ct);
        return customer is null ? NotFoundProblem.For("Customer", id) : TypedResults.Ok(customer.ToResponse());
    }

    private static readonly Dictionary<string, ContactAttitude> Attitudes = Enum.GetValues<ContactAttitude>().ToDictionary(a => a.ToString().ToLowerInvariant(), a => a, StringComparer.Ordinal);

    private static async Task<Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult>> SaveContactAsync(
        string id, string contactId, ContactRequest request, Caller caller, IGrainFactory grains, TimeProvider clock)
    {
        if ((RouteIds.Check(id, "id") ?? RouteIds.Check(contactId, "contactId")) is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().Required(request.Name, "name", 100).Required(request.Role, "role", 64);
        if (!Attitudes.TryGetValue(request.Attitude ?? string.Empty, out var attitude))
        {
            errors.Add("attitude", $"'attitude' is required, one of: {string.Join(", ", Attitudes.Keys)}.");
        }

        var phone = errors.Phone(request.Phone, "phone", required: false);
        var email = errors.Email(request.Email, "email");

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var customer = await grains.GetGrain<ICustomerGrain>(caller.Key(id)).SaveContactAsync(new CustomerContact(
            contactId, request.Name!.Trim(), request.Role!.Trim(), attitude, request.Decides ?? false, phone, email, clock.GetUtcNow(), caller.UserId));
        return TypedResults.Ok(customer.ToResponse());
    }

    private static async Task<Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult>> RemoveContactAsync(string id, string contactId, Caller caller, IGrainFactory grains)
    {
        if ((RouteIds.Check(id, "id") ?? RouteIds.Check(contactId, "contactId")) is { } bad)
        {
            return bad;
        }

        return TypedResults.Ok((await grains.GetGrain<ICustomerGrain>(caller.Key(id)).RemoveContactAsync(contactId, caller.UserId)).ToResponse());
    }

    private static async Task<Results<Ok<Customer360Response>, ValidationProblem, ProblemHttpResult>> Get360Async(
        string id, Caller caller, IGrainFactory grains, GrainReads reads, TimeProvider clock, CancellationToken ct)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var customer = await reads.ReadAsync(_ => grains.GetGrain<ICustomerGrain>(caller.Key(id)).GetAsync(), ct);
        if (customer is null)
        {
            return NotFoundProblem.For("Customer", id);
        }

        // The customer is shared by sales and service; its leads' details only for those who may read each lead.
        var leads = new List<GrainInterfaces.Leads.LeadSnapshot>();
        foreach (var lead in (await Task.WhenAll((customer.LeadIds ?? []).Select(l => grains.GetGrain<GrainInterfaces.Leads.ILeadGrain>(caller.Key(l)).GetAsync()))).OfType<GrainInterfaces.Leads.LeadSnapshot>())
        {
            if (await AccessChecks.MayUseAsync(caller, grains, lead, LeadUse.Read))
            {
                leads.Add(lead);
            }
        }

        var tickets = await TicketsOfAsync(grains, caller, customer);
        var health = await HealthPolicyAsync(grains, caller);
        return TypedResults.Ok(Customer360.Compose(customer, leads, tickets, health, clock.GetUtcNow(), SeesCommercial(caller)));
    }

    private static async Task<List<GrainInterfaces.Tickets.TicketSnapshot>> TicketsOfAsync(IGrainFactory grains, Caller caller, CustomerSnapshot customer) =>
        [.. (await Task.WhenAll(customer.TicketIds.Select(t => grains.GetGrain<GrainInterfaces.Tickets.ITicketGrain>(caller.Key(t)).GetAsync()))).OfType<GrainInterfaces.Tickets.TicketSnapshot>()];

    /// <summary>Service roles never receive an order's cost, margin or discount (S8), whatever they ask.</summary>
    private static bool SeesCommercial(Caller caller) => AccessRules.SeesCommercial(caller);

    private static async Task<CrmActors.FollowUp.HealthPolicy> HealthPolicyAsync(IGrainFactory grains, Caller caller) =>
        (await FollowUpApi.CurrentPolicyAsync(grains, caller)).Health;

    private static async Task<Results<Created<OrderResponse>, Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> RecordOrderAsync(
        string id, OrderRequest request, Caller caller, HttpContext http, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var key = http.Request.Headers[IdempotencyKey.Header].ToString();
        var errors = IdempotencyKey.Check(key, new FieldErrors())
            .Required(request.Number, "number", 64)
            .Required(request.Product, "product", 200)
            .MaxLength(request.ExternalId, "externalId", 128);
        if (request.Amount is not > 0)
        {
            errors.Add("amount", "'amount' is required and above 0.");
        }

        if (request.Cost is < 0)
        {
            errors.Add("cost", "'cost' cannot be negative.");
        }

        if (request.DiscountPercent is < 0 or > 100)
        {
            errors.Add("discountPercent", "'discountPercent' is 0 to 100.");
        }

        if (request.PaymentDueAt is null)
        {
            errors.Add("paymentDueAt", "'paymentDueAt' is required: the payment timeliness of the health light reads it.");
        }

        if (request.ExternalId is { } external && string.IsNullOrWhiteSpace(external))
        {
            errors.Add("externalId", "'externalId' is the order's id in the source system; leave it out when there is none.");
        }

        if (request.DiscountApprovalId is { } approval && !Identifier.IsValid(approval))
        {
            errors.Add("discountApprovalId", "'discountApprovalId' must be the id of an approved discount request (GET /api/v1/approvals/{id}).");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var result = await grains.GetGrain<ICustomerGrain>(caller.Key(id)).RecordOrderAsync(new NewOrder(
            EntityIds.New('O'), request.Number!.Trim(), request.Product!.Trim(), request.Amount!.Value, request.Cost, request.DiscountPercent,
            request.OrderedAt, request.PaymentDueAt!.Value, request.DeliveryEta, request.ExternalId?.Trim(), request.DiscountApprovalId,
            key.Length > 0 ? IntakeIds.SubmissionKey("api-order", key) : null, caller.UserId));
        var body = Customer360.ToResponse(result.Order, SeesCommercial(caller));
        if (result.Replayed)
        {
            http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
            return TypedResults.Ok(body);
        }

        return TypedResults.Created($"/api/v1/customers/{id}/360", body);
    }

    private static async Task<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> RecordPaymentAsync(
        string id, string orderId, PaymentRequest request, Caller caller, IGrainFactory grains, TimeProvider clock)
    {
        if ((RouteIds.Check(id, "id") ?? RouteIds.Check(orderId, "orderId")) is { } bad)
        {
            return bad;
        }

        var customer = await grains.GetGrain<ICustomerGrain>(caller.Key(id)).RecordPaymentAsync(orderId, request.PaidAt ?? clock.GetUtcNow(), caller.UserId);
        return TypedResults.Ok(Customer360.ToResponse(customer.Orders!.Single(o => o.Id == orderId), SeesCommercial(caller)));
    }

    private static async Task<Results<Ok<HealthResponse>, ValidationProblem, ProblemHttpResult>> RecordFeedbackAsync(
        string id, FeedbackRequest request, Caller caller, IGrainFactory grains, TimeProvider clock)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().MaxLength(request.Comment, "comment", 2000);
        if (request.Score is not (>= 1 and <= 5))
        {
            errors.Add("score", "'score' is required, 1 to 5.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var customer = await grains.GetGrain<ICustomerGrain>(caller.Key(id)).RecordFeedbackAsync(new CustomerFeedback(request.Score!.Value, request.Comment?.Trim(), clock.GetUtcNow(), caller.UserId));
        var tickets = await TicketsOfAsync(grains, caller, customer);
        return TypedResults.Ok(Customer360.Health(customer, tickets, await HealthPolicyAsync(grains, caller), clock.GetUtcNow()));
    }
}

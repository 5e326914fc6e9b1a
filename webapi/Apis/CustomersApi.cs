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
}

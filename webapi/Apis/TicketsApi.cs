using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Tickets;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>/api/v1/tickets: open and read service tickets.</summary>
public static class TicketsApi
{
    /// <summary>Maps the ticket endpoints.</summary>
    public static RouteGroupBuilder MapTicketsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");
        tickets.MapPost("/", CreateAsync).WithName("CreateTicket").WithSummary("Open a service ticket for a customer").RequireAuthorization(AuthenticationSetup.WorkTickets);
        tickets.MapGet("/{id}", GetAsync).WithName("GetTicket").WithSummary("Read a service ticket");
        return api;
    }

    private static async Task<Results<Created<TicketResponse>, ValidationProblem>> CreateAsync(CreateTicketRequest request, Caller caller, IGrainFactory grains)
    {
        var errors = new FieldErrors()
            .Required(request.Title, "title", 200)
            .MaxLength(request.Description, "description", 4000);
        if (!Identifier.IsValid(request.CustomerId))
        {
            errors.Add("customerId", "'customerId' is required and must be a valid id.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var id = EntityIds.New('T');
        var ticket = await grains.GetGrain<ITicketGrain>(caller.Key(id))
            .CreateAsync(new NewTicket(request.CustomerId!, request.Title!.Trim(), request.Description?.Trim(), caller.UserId));
        return TypedResults.Created($"/api/v1/tickets/{id}", ticket.ToResponse());
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(string id, Caller caller, IGrainFactory grains, GrainReads reads, CancellationToken ct)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var ticket = await reads.ReadAsync(_ => grains.GetGrain<ITicketGrain>(caller.Key(id)).GetAsync(), ct);
        return ticket is null ? NotFoundProblem.For("Ticket", id) : TypedResults.Ok(ticket.ToResponse());
    }
}

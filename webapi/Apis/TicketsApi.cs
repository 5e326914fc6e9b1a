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
        tickets.MapPost("/{id}/status", ChangeStatusAsync).WithName("ChangeTicketStatus").WithSummary("Move the ticket along open, in-progress, resolved, closed (resolved may reopen)").RequireAuthorization(AuthenticationSetup.WorkTickets);
        tickets.MapPost("/{id}/affects-sales", FlagAffectsSalesAsync).WithName("FlagTicketAffectsSales").WithSummary("Flag that the ticket affects sales, with a suggested sales action: the owning rep is alerted at once and the coordination clock starts").RequireAuthorization(AuthenticationSetup.WorkTickets);
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

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> ChangeStatusAsync(string id, TicketStatusRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().MaxLength(request.Note, "note", 2000);
        if (!TicketLifecycle.TryParse(request.Status, out var status))
        {
            errors.Add("status", $"'status' is required, one of: {string.Join(", ", TicketLifecycle.Names)}.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var ticket = await grains.GetGrain<ITicketGrain>(caller.Key(id)).ChangeStatusAsync(status, caller.UserId, request.Note);
        return TypedResults.Ok(ticket.ToResponse());
    }

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> FlagAffectsSalesAsync(string id, AffectsSalesRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().Required(request.SuggestedAction, "suggestedAction", 500);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var ticket = await grains.GetGrain<ITicketGrain>(caller.Key(id)).FlagAffectsSalesAsync(request.SuggestedAction!.Trim(), caller.UserId);
        return TypedResults.Ok(ticket.ToResponse());
    }
}

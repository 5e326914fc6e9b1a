using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Security;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>/api/v1/leads: capture, read, assign and touch leads.</summary>
public static class LeadsApi
{
    /// <summary>The contact kinds a touch may have.</summary>
    public static readonly IReadOnlyList<string> TouchKinds = ["call", "wechat", "email", "visit", "meeting", "sms", "other"];

    /// <summary>Maps the lead endpoints.</summary>
    public static RouteGroupBuilder MapLeadsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var leads = api.MapGroup("/leads").WithTags("Leads");
        leads.MapPost("/", CreateAsync).WithName("CreateLead").WithSummary("Capture a lead").RequireAuthorization(AuthenticationSetup.CaptureLeads);
        leads.MapGet("/{id}", GetAsync).WithName("GetLead").WithSummary("Read a lead, with its history");
        leads.MapPost("/{id}/assignment", AssignAsync).WithName("AssignLead").WithSummary("Give a lead to a rep and arm its first-touch deadline").RequireAuthorization(AuthenticationSetup.ManageLeads);
        leads.MapPost("/{id}/touches", TouchAsync).WithName("TouchLead").WithSummary("Record a contact with the lead");
        return api;
    }

    private static async Task<Results<Created<LeadResponse>, ValidationProblem>> CreateAsync(
        CreateLeadRequest request, Caller caller, IGrainFactory grains)
    {
        var errors = new FieldErrors()
            .Required(request.Name, "name", 100)
            .Required(request.Phone, "phone", 32)
            .Required(request.Channel, "channel", 64)
            .MaxLength(request.ProductInterest, "productInterest", 200)
            .MaxLength(request.Note, "note", 2000)
            .MaxLength(request.Email, "email", 254)
            .MaxLength(request.Company, "company", 200);
        if (request.Phone is { } phone && !string.IsNullOrWhiteSpace(phone) && !LooksLikePhone(phone))
        {
            errors.Add("phone", "'phone' must be a phone number: digits, optionally with a leading '+', spaces or dashes.");
        }

        if (request.Email is { Length: > 0 } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add("email", "'email' is not a valid email address.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var id = EntityIds.New('L');
        var lead = new NewLead(
            request.Name!.Trim(), request.Phone!.Trim(), request.Channel!.Trim(), request.ProductInterest?.Trim(),
            request.Note?.Trim(), request.Email?.Trim(), request.Company?.Trim(), caller.UserId);
        var snapshot = await grains.GetGrain<ILeadGrain>(caller.Key(id)).CreateAsync(lead);
        return TypedResults.Created($"/api/v1/leads/{id}", snapshot.ToResponse());
    }

    private static async Task<Results<Ok<LeadResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, Caller caller, IGrainFactory grains, GrainReads reads, CancellationToken ct)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var lead = await reads.ReadAsync(_ => grains.GetGrain<ILeadGrain>(caller.Key(id)).GetAsync(), ct);
        return lead is null ? NotFoundProblem.For("Lead", id) : TypedResults.Ok(lead.ToResponse());
    }

    private static async Task<Results<Ok<LeadResponse>, ValidationProblem>> AssignAsync(
        string id, AssignLeadRequest request, Caller caller, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        if (!Identifier.IsValid(request.RepId))
        {
            errors.Add("repId", "'repId' is required and must be a valid id.");
        }

        var window = request.FirstTouchWithinSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : FirstTouchWindow.Default;
        if (!FirstTouchWindow.IsValid(window))
        {
            errors.Add("firstTouchWithinSeconds", $"'firstTouchWithinSeconds' must be between {FirstTouchWindow.Minimum.TotalSeconds} and {FirstTouchWindow.Maximum.TotalSeconds}.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var lead = await grains.GetGrain<ILeadGrain>(caller.Key(id)).AssignAsync(new AssignLead(request.RepId!, window, caller.UserId));
        return TypedResults.Ok(lead.ToResponse());
    }

    private static async Task<Results<Ok<LeadResponse>, ValidationProblem, ProblemHttpResult>> TouchAsync(
        string id, TouchLeadRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().Required(request.Kind, "kind", 32).MaxLength(request.Note, "note", 2000);
        if (request.Kind is { } kind && !string.IsNullOrWhiteSpace(kind) && !TouchKinds.Contains(kind))
        {
            errors.Add("kind", $"'kind' must be one of: {string.Join(", ", TouchKinds)}.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var grain = grains.GetGrain<ILeadGrain>(caller.Key(id));
        var current = await grain.GetAsync();
        if (current is null)
        {
            return NotFoundProblem.For("Lead", id);
        }

        // A rep records contact only on their own leads; supervisors and managers may log on anyone's.
        if (!caller.IsAny(CrmRoles.Supervisor, CrmRoles.Manager, CrmRoles.Admin) && current.OwnerRepId != caller.UserId)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only the lead's owner, a supervisor or a manager can record contact on this lead.");
        }

        var lead = await grain.RecordTouchAsync(new LeadTouch(request.Kind!, request.Note?.Trim(), caller.UserId));
        return TypedResults.Ok(lead.ToResponse());
    }

    private static bool LooksLikePhone(string phone)
    {
        var digits = 0;
        for (var i = 0; i < phone.Length; i++)
        {
            var c = phone[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!(c is ' ' or '-' || (c == '+' && i == 0)))
            {
                return false;
            }
        }

        return digits is >= 5 and <= 15;
    }
}

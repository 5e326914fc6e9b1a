using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;

namespace CrmActors.WebApi.Intake;

/// <summary>Validates a submission and sends it to the customer actor that owns its phone.</summary>
public sealed class LeadIntake(IGrainFactory grains, ChannelDictionaryCache channels)
{
    /// <summary>The tenant's channel dictionary (cached).</summary>
    public ValueTask<ChannelDictionary> ChannelsAsync(string tenant) => channels.GetAsync(tenant);

    /// <summary>Adds the submission's field errors to <paramref name="errors"/>; the lead is set when there are none.</summary>
    public FieldErrors Validate(LeadFields fields, Caller caller, ChannelDictionary dictionary, FieldErrors errors, out NewLead? lead)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(errors);
        var fieldErrors = LeadValidation.Validate(fields, dictionary, caller.UserId, out lead);
        foreach (var (field, messages) in fieldErrors.ToDictionary())
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        if (!errors.IsEmpty)
        {
            lead = null;
        }

        return errors;
    }

    /// <summary>Submits a validated lead; answers once it is durable.</summary>
    public Task<IntakeResult> SubmitAsync(string tenant, LeadSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var customer = IntakeIds.CustomerForPhone(submission.Lead.Phone);
        return grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, customer)).CaptureLeadAsync(submission);
    }
}

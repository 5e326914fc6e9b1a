using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;

namespace CrmActors.WebApi.Intake;

/// <summary>Sends validated submissions to the customer actor that owns their phone.</summary>
public sealed class LeadIntake(IGrainFactory grains, ChannelDictionaryCache channels)
{
    /// <summary>The tenant's channel dictionary (cached).</summary>
    public ValueTask<ChannelDictionary> ChannelsAsync(string tenant) => channels.GetAsync(tenant);

    /// <summary>Submits a validated lead; answers once it is durable.</summary>
    public Task<IntakeResult> SubmitAsync(string tenant, LeadSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var customer = IntakeIds.CustomerForPhone(submission.Lead.Phone);
        return grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, customer)).CaptureLeadAsync(submission);
    }
}

using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;

namespace CrmActors.Grains.Tests;

/// <summary>Builders for a tenant per test, so tests never see each other's data.</summary>
public sealed class TestData(IGrainFactory grains)
{
    public string Tenant { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public string Key(string id) => GrainKeys.For(Tenant, id);

    public ILeadGrain Lead(string id) => grains.GetGrain<ILeadGrain>(Key(id));

    public IRepGrain Rep(string id) => grains.GetGrain<IRepGrain>(Key(id));

    public async Task<ILeadGrain> NewLeadAsync(string id = "lead-1")
    {
        var lead = Lead(id);
        await lead.CreateAsync(new NewLead("Dr. Liu", "13800138000", "website_form", "implants", null, null, "Ruijin", "rep-li"));
        return lead;
    }

    public async Task TeamAsync(bool repActive = true)
    {
        await Rep("sup-wang").SaveProfileAsync(new RepProfile("Wang", null, null, 10, true));
        await Rep("rep-li").SaveProfileAsync(new RepProfile("Li", null, "sup-wang", 10, repActive));
        await Rep("rep-zhang").SaveProfileAsync(new RepProfile("Zhang", null, "sup-wang", 10, true));
    }
}

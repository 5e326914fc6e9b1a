using CrmActors.Grains.Leads;

namespace CrmActors.Grains.Stats;

/// <summary>
/// After every call into a lead grain (API calls, reminders, wake-ups), lets the lead offer its figures if the
/// call wrote its state: one hook instead of one at each of the lead's writes.
/// </summary>
public sealed class LeadFiguresCallFilter : IIncomingGrainCallFilter
{
    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (context.TargetContext?.GrainInstance is LeadGrain lead)
            {
                lead.OfferFiguresIfWritten();
            }
        }
    }
}

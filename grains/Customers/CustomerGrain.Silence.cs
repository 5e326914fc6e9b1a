using CrmActors.Grains.Common;

namespace CrmActors.Grains.Customers;

/// <summary>
/// The customer's side of the silence clock (S3: no new contact for 7 days): it keeps the latest activity over its
/// leads. The clock itself is a deadline on each open lead, which asks here before it fires, so a customer worked
/// through another lead is not reported silent and intake never pays for the clock.
/// </summary>
public sealed partial class CustomerGrain
{
    /// <inheritdoc />
    public async Task NoteActivityAsync(string leadId, DateTimeOffset at)
    {
        if (S.MergedInto is { } target)
        {
            await Customer(target).NoteActivityAsync(leadId, at);
            return;
        }

        if (S.Captured is not null && (S.LastActivityAt is null || at > S.LastActivityAt))
        {
            S.LastActivityAt = at;
            await state.WriteOrFailAsync(this, logger);
        }
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> GetLastActivityAsync() => Task.FromResult(S.LastActivityAt);
}

namespace CrmActors.MlModels.Journal;

/// <summary>
/// Splits a tenant's leads by time, as the models will meet them: the newest closed leads (by capture time) are held
/// out, so the model is judged on leads that came after everything it learned from. Open leads captured before the
/// first held-out lead train the next-action model; later ones are held out with the closed ones.
/// </summary>
public static class TimeSplit
{
    /// <summary>
    /// Holds out the newest <paramref name="heldOutShare"/> of the closed leads (at least one) by capture time, then by the
    /// first interaction and the lead id; returns the capture time from which leads are held out.
    /// </summary>
    public static (IReadOnlyList<LeadHistory> Training, IReadOnlyList<LeadHistory> HeldOut, DateTimeOffset HeldOutFrom) Split(
        IReadOnlyList<LeadHistory> leads, double heldOutShare = 0.2)
    {
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heldOutShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(heldOutShare, 1.0);
        var ordered = leads.OrderBy(CapturedAt).ThenBy(l => l.LeadId, StringComparer.Ordinal).ToList();
        var closed = ordered.Where(l => l.Won is not null).ToList();
        if (closed.Count == 0)
        {
            return (ordered, [], DateTimeOffset.MaxValue);
        }

        var heldOutCount = Math.Max(1, (int)Math.Ceiling(closed.Count * heldOutShare));
        var first = closed[^heldOutCount];
        var position = ordered.IndexOf(first);
        return ([.. ordered.Take(position)], [.. ordered.Skip(position)], CapturedAt(first));
    }

    /// <summary>When the lead was captured: its profile's time, or its first interaction's when that is earlier.</summary>
    public static DateTimeOffset CapturedAt(LeadHistory lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return lead.Interactions.Count > 0 && lead.Interactions[0].At < lead.Profile.CreatedAt ? lead.Interactions[0].At : lead.Profile.CreatedAt;
    }
}

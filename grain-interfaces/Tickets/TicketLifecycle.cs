namespace CrmActors.GrainInterfaces.Tickets;

/// <summary>Which status a ticket may move to from each one, and the statuses' API names.</summary>
public static class TicketLifecycle
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> Moves = new()
    {
        [TicketStatus.Open] = [TicketStatus.InProgress, TicketStatus.Resolved],
        [TicketStatus.InProgress] = [TicketStatus.Resolved],
        [TicketStatus.Resolved] = [TicketStatus.Closed, TicketStatus.InProgress],
        [TicketStatus.Closed] = [],
    };

    private static readonly Dictionary<string, TicketStatus> ByName = Enum.GetValues<TicketStatus>().ToDictionary(Name, s => s, StringComparer.Ordinal);

    /// <summary>The statuses' API names: open, in-progress, resolved, closed.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. ByName.Keys];

    /// <summary>The statuses a ticket in <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<TicketStatus> Next(TicketStatus from) => Moves[from];

    /// <summary>True when a ticket may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(TicketStatus from, TicketStatus to) => Moves[from].Contains(to);

    /// <summary>The API name of a status.</summary>
    public static string Name(TicketStatus status) => status switch
    {
        TicketStatus.InProgress => "in-progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The status an API name stands for.</summary>
    public static bool TryParse(string? name, out TicketStatus status) => ByName.TryGetValue(name ?? string.Empty, out status);
}

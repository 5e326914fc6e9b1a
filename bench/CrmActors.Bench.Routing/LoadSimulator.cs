using CrmActors.Routing;

namespace CrmActors.Bench.Routing;

/// <summary>
/// The loads a routing grain would pass in, kept moving the way a day of intake moves them: the simulated clock
/// advances between leads (17 s apart on average, about 5,000 leads a day, so runs cross nights and weekends),
/// every owner chosen gets the lead as open and recent, open leads close after an exponential lifetime (48 h
/// mean) and recent assignments leave the count after 24 h. It starts from a busy state, some reps full, so
/// capacity decides from the first decision. Not thread-safe: one per thread.
/// </summary>
internal sealed class LoadSimulator
{
    private static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);
    private const double MeanGapSeconds = 17;
    private const double MeanLifetimeHours = 48;

    private readonly Dictionary<string, RepLoad> _loads;
    private readonly PriorityQueue<string, DateTimeOffset> _closes = new();
    private readonly Queue<(string RepId, DateTimeOffset Until)> _recent = new();
    private readonly Random _random;
    private readonly int _totalCapacity;

    public LoadSimulator(IReadOnlyList<RepProfile> roster, int seed)
    {
        _random = new Random(seed);
        Now = TenantGenerator.Start;
        _loads = new Dictionary<string, RepLoad>(roster.Count, StringComparer.Ordinal);
        foreach (var rep in roster)
        {
            _totalCapacity += rep.Capacity;
            var open = _random.Chance(0.1) ? rep.Capacity : (int)(rep.Capacity * (0.2 + (0.75 * _random.NextDouble())));
            var recent = open == 0 ? 0 : _random.Next(0, (open / 3) + 2);
            _loads[rep.Id] = new RepLoad(open, recent);
            for (var i = 0; i < open; i++)
            {
                _closes.Enqueue(rep.Id, Now.AddHours(_random.Exponential(MeanLifetimeHours)));
            }

            for (var i = 0; i < recent; i++)
            {
                _recent.Enqueue((rep.Id, Now.AddSeconds(_random.NextDouble() * RecentWindow.TotalSeconds)));
            }
        }

        // The queue must stay ordered by expiry.
        var initial = _recent.OrderBy(r => r.Until).ToArray();
        _recent.Clear();
        foreach (var item in initial)
        {
            _recent.Enqueue(item);
        }
    }

    /// <summary>The simulated time of the next decision.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Every rep's load, by id.</summary>
    public IReadOnlyDictionary<string, RepLoad> Loads => _loads;

    /// <summary>Open leads over the roster's capacity, 0 to 1.</summary>
    public double Utilization => _totalCapacity == 0 ? 0 : _loads.Values.Sum(l => (double)l.OpenLeads) / _totalCapacity;

    /// <summary>Moves the clock to the next lead, closing leads and ageing out assignments on the way.</summary>
    public void Advance()
    {
        Now = Now.AddSeconds(_random.Exponential(MeanGapSeconds));
        while (_closes.TryPeek(out var repId, out var at) && at <= Now)
        {
            _closes.Dequeue();
            var load = _loads[repId];
            _loads[repId] = load with { OpenLeads = Math.Max(0, load.OpenLeads - 1) };
        }

        while (_recent.TryPeek(out var item) && item.Until <= Now)
        {
            _recent.Dequeue();
            var load = _loads[item.RepId];
            _loads[item.RepId] = load with { RecentAssignments = Math.Max(0, load.RecentAssignments - 1) };
        }
    }

    /// <summary>Applies a decision: its owner gets one more open and recent lead.</summary>
    public void Apply(RoutingDecision decision)
    {
        if (decision.ChosenRepId is not { } repId)
        {
            return;
        }

        var load = _loads[repId];
        _loads[repId] = new RepLoad(load.OpenLeads + 1, load.RecentAssignments + 1);
        _closes.Enqueue(repId, Now.AddHours(_random.Exponential(MeanLifetimeHours)));
        _recent.Enqueue((repId, Now + RecentWindow));
    }
}

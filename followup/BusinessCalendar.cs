namespace CrmActors.FollowUp;

/// <summary>One open interval of a day in local time; <see cref="TimeOnly.MaxValue"/> as the end means midnight (24:00).</summary>
/// <param name="Start">When it opens.</param>
/// <param name="End">When it closes; after <paramref name="Start"/>.</param>
public readonly record struct OpenInterval(TimeOnly Start, TimeOnly End);

/// <summary>
/// A tenant's working calendar, for SLAs measured in business time ("first touch within 2 business hours").
/// Open intervals are local wall-clock times in the tenant's zone, so daylight-saving changes are honoured: a
/// 09:00-17:00 day is 8 h of open time on either side of a change, an interval spanning the spring-forward gap
/// loses the skipped hour and one spanning the fall-back repeat gains it. Walks day by day, never minute by minute.
/// </summary>
public sealed class BusinessCalendar
{
    // A calendar with no open time within this many days cannot satisfy any SLA.
    private const int SearchDays = 3 * 366;

    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<DayOfWeek, OpenInterval[]> _hours;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _extraWorkdays;
    private readonly OpenInterval[] _extraWorkdayHours;
    private readonly bool _alwaysOpen;

    /// <summary>Creates a calendar.</summary>
    /// <param name="zone">The tenant's time zone.</param>
    /// <param name="hours">Open intervals per weekday in local time; a day missing or empty is closed.</param>
    /// <param name="holidays">Local dates closed whatever their weekday.</param>
    /// <param name="extraWorkdays">Local dates open although their weekday is closed (adjusted working weekends).</param>
    /// <param name="extraWorkdayHours">The hours of extra workdays; Monday's when null.</param>
    /// <exception cref="ArgumentException">An interval is inverted or overlaps another of its day.</exception>
    public BusinessCalendar(
        TimeZoneInfo zone,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenInterval>> hours,
        IEnumerable<DateOnly> holidays,
        IEnumerable<DateOnly> extraWorkdays,
        IReadOnlyList<OpenInterval>? extraWorkdayHours = null)
        : this(zone, hours, holidays, extraWorkdays, extraWorkdayHours, alwaysOpen: false)
    {
    }

    private BusinessCalendar(
        TimeZoneInfo zone,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenInterval>> hours,
        IEnumerable<DateOnly> holidays,
        IEnumerable<DateOnly> extraWorkdays,
        IReadOnlyList<OpenInterval>? extraWorkdayHours,
        bool alwaysOpen)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(extraWorkdays);
        _zone = zone;
        _alwaysOpen = alwaysOpen;
        _hours = hours.ToDictionary(h => h.Key, h => Checked(h.Value ?? [], h.Key.ToString()));
        _holidays = [.. holidays];
        _extraWorkdays = [.. extraWorkdays];
        _extraWorkdayHours = extraWorkdayHours is null
            ? _hours.GetValueOrDefault(DayOfWeek.Monday, [])
            : Checked(extraWorkdayHours, "extra workdays");
    }

    /// <summary>A calendar that is always open: SLAs in plain elapsed time.</summary>
    public static BusinessCalendar AlwaysOpen { get; } =
        new(TimeZoneInfo.Utc, new Dictionary<DayOfWeek, IReadOnlyList<OpenInterval>>(), [], [], null, alwaysOpen: true);

    /// <summary>
    /// The instant <paramref name="businessTime"/> of open time after <paramref name="start"/>, in UTC. A start in
    /// closed time counts from the next opening; zero returns the start when open, else the next opening.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calendar has no open time within three years.</exception>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTime, TimeSpan.Zero);
        if (_alwaysOpen)
        {
            return (start + businessTime).ToUniversalTime();
        }

        var cursor = start.ToUniversalTime();
        var remaining = businessTime;
        var day = LocalDate(cursor).AddDays(-1); // an interval of the previous local day may still be running
        for (var i = 0; i < SearchDays; i++, day = day.AddDays(1))
        {
            foreach (var (open, close) in Segments(day))
            {
                var from = open > cursor ? open : cursor;
                if (close <= from)
                {
                    continue;
                }

                var available = close - from;
                if (remaining <= available)
                {
                    return from + remaining;
                }

                remaining -= available;
                cursor = close;
            }
        }

        throw new InvalidOperationException($"The calendar has no open time within {SearchDays} days of {start:u}.");
    }

    /// <summary>True when <paramref name="at"/> falls in open time.</summary>
    public bool IsOpen(DateTimeOffset at)
    {
        if (_alwaysOpen)
        {
            return true;
        }

        var instant = at.ToUniversalTime();
        var day = LocalDate(instant);
        return Segments(day.AddDays(-1)).Concat(Segments(day)).Any(s => s.Open <= instant && instant < s.Close);
    }

    /// <summary>Open time between two instants; zero when <paramref name="end"/> is not after <paramref name="start"/>.</summary>
    public TimeSpan OpenTimeBetween(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            return TimeSpan.Zero;
        }

        if (_alwaysOpen)
        {
            return end - start;
        }

        var from = start.ToUniversalTime();
        var to = end.ToUniversalTime();
        var total = TimeSpan.Zero;
        for (var day = LocalDate(from).AddDays(-1); day <= LocalDate(to); day = day.AddDays(1))
        {
            foreach (var (open, close) in Segments(day))
            {
                var a = open > from ? open : from;
                var b = close < to ? close : to;
                if (b > a)
                {
                    total += b - a;
                }
            }
        }

        return total;
    }

    /// <summary>The tenant's time zone (UTC for <see cref="AlwaysOpen"/>).</summary>
    public TimeZoneInfo Zone => _zone;

    /// <summary>
    /// True when local day <paramref name="day"/> has open time: a weekday with hours that is no holiday, or an
    /// adjusted working day. Every day is one for <see cref="AlwaysOpen"/>.
    /// </summary>
    public bool IsWorkday(DateOnly day) => _alwaysOpen || Intervals(day).Length > 0;

    /// <summary>The local date of <paramref name="instant"/> in the calendar's zone.</summary>
    public DateOnly LocalDateOf(DateTimeOffset instant) => LocalDate(instant.ToUniversalTime());

    /// <summary>
    /// The UTC instant of wall time <paramref name="time"/> on local day <paramref name="day"/>; a time a
    /// spring-forward skips moves to the end of the gap, a time a fall-back repeats is its first occurrence.
    /// </summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time) => ToUtc(day, time, earliest: true);

    private OpenInterval[] Intervals(DateOnly day) => _holidays.Contains(day) ? []
        : _extraWorkdays.Contains(day) ? _extraWorkdayHours
        : _hours.GetValueOrDefault(day.DayOfWeek, []);

    /// <summary>The open intervals of local day <paramref name="day"/>, as UTC instants, in order.</summary>
    private IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> Segments(DateOnly day)
    {
        var intervals = Intervals(day);
        foreach (var interval in intervals)
        {
            var open = ToUtc(day, interval.Start, earliest: true);
            var close = interval.End == TimeOnly.MaxValue
                ? ToUtc(day.AddDays(1), TimeOnly.MinValue, earliest: false)
                : ToUtc(day, interval.End, earliest: false);
            if (close > open)
            {
                yield return (open, close);
            }
        }
    }

    /// <summary>
    /// The UTC instant of a local wall time. A time skipped by a spring-forward moves to the end of the gap; a time
    /// repeated by a fall-back is its first occurrence for an opening and its second for a closing.
    /// </summary>
    private DateTimeOffset ToUtc(DateOnly day, TimeOnly time, bool earliest)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        for (var guard = 0; _zone.IsInvalidTime(local) && guard < 24 * 60; guard++)
        {
            local = local.AddMinutes(1);
        }

        TimeSpan offset;
        if (_zone.IsAmbiguousTime(local))
        {
            var offsets = _zone.GetAmbiguousTimeOffsets(local);
            offset = earliest ? offsets.Max() : offsets.Min();
        }
        else
        {
            offset = _zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    private static OpenInterval[] Checked(IReadOnlyList<OpenInterval> intervals, string day)
    {
        var sorted = intervals.OrderBy(i => i.Start).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].End <= sorted[i].Start)
            {
                throw new ArgumentException($"{day}: the interval {sorted[i].Start:HH\\:mm}-{sorted[i].End:HH\\:mm} ends before it starts.", nameof(intervals));
            }

            if (i > 0 && sorted[i].Start < sorted[i - 1].End)
            {
                throw new ArgumentException($"{day}: the intervals starting {sorted[i - 1].Start:HH\\:mm} and {sorted[i].Start:HH\\:mm} overlap.", nameof(intervals));
            }
        }

        return sorted;
    }
}

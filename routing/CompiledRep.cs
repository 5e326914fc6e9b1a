namespace CrmActors.Routing;

/// <summary>A rep profile copied into arrays and masks that scoring reads without allocating.</summary>
internal sealed class CompiledRep
{
    private readonly string[] _industries;
    private readonly string[] _levels;
    private readonly string[] _products;
    private readonly string[] _regions;
    private readonly string[] _languages;
    private readonly WinRecord[] _wins;
    private readonly double _dealMin;
    private readonly double _dealMax;
    private readonly bool _hasDealSize;
    private readonly int _dayMask;
    private readonly TimeOnly _start;
    private readonly TimeOnly _end;

    public CompiledRep(int index, RepProfile profile, string[] groups, string[] industries, string[] levels, string[] products, string[] regions, string[] languages, WinRecord[] wins, int zoneIndex)
    {
        Index = index;
        Profile = profile;
        Id = profile.Id;
        Groups = groups;
        Capacity = profile.Capacity;
        Active = profile.Active;
        OnLeaveUntil = profile.OnLeaveUntil;
        SupervisorId = string.IsNullOrWhiteSpace(profile.SupervisorId) ? null : profile.SupervisorId;
        DataQuality = profile.DataQuality ?? 0;
        _industries = industries;
        _levels = levels;
        _products = products;
        _regions = regions;
        _languages = languages;
        _wins = wins;
        foreach (var win in wins)
        {
            TotalWins += win.Count;
        }

        if (profile.DealSize is { } deal)
        {
            _hasDealSize = true;
            _dealMin = (double)deal.Min;
            _dealMax = (double)deal.Max;
        }
        ZoneIndex = zoneIndex;
        if (profile.WorkingHours is { } hours)
        {
            _start = hours.Start;
            _end = hours.End;
            foreach (var day in hours.Days)
            {
                _dayMask |= 1 << (int)day;
            }
        }
    }

    public int Index { get; }

    public string Id { get; }

    public RepProfile Profile { get; }

    public string[] Groups { get; }

    public int Capacity { get; }

    public bool Active { get; }

    public DateTimeOffset? OnLeaveUntil { get; }

    public string? SupervisorId { get; }

    /// <summary>The rep's recent data quality, 0 to 1; 0 when unknown.</summary>
    public double DataQuality { get; }

    /// <summary>Every deal the rep won, of any kind.</summary>
    public double TotalWins { get; }

    /// <summary>The index of the rep's time zone in the compiled set's zones; -1 when the rep has no working hours.</summary>
    public int ZoneIndex { get; }

    public bool Covers(FieldId field, string value) => field switch
    {
        FieldId.Industry => Contains(_industries, value),
        FieldId.InstitutionLevel => Contains(_levels, value),
        FieldId.Product => Contains(_products, value),
        FieldId.Region => Contains(_regions, value),
        FieldId.Language => Contains(_languages, value),
        _ => false,
    };

    /// <summary>True when <paramref name="local"/> (the rep's wall-clock time) falls in a shift; always true without working hours.</summary>
    public bool IsOnShift(DateTime local)
    {
        if (ZoneIndex < 0)
        {
            return true;
        }

        var day = local.DayOfWeek;
        var time = TimeOnly.FromDateTime(local);
        if (_start == _end)
        {
            return WorksOn(day);
        }

        if (_start < _end)
        {
            return WorksOn(day) && time >= _start && time < _end;
        }

        // A night shift: the evening part belongs to today, the early-morning part to yesterday's shift.
        var yesterday = day == DayOfWeek.Sunday ? DayOfWeek.Saturday : day - 1;
        return (WorksOn(day) && time >= _start) || (WorksOn(yesterday) && time < _end);
    }

    /// <summary>Wins weighted by how many of the lead's known industry, product and level each shares.</summary>
    public double SimilarWins(in LeadView lead)
    {
        var industry = lead.Industry;
        var product = lead.Product;
        var level = lead.InstitutionLevel;
        var known = (industry is null ? 0 : 1) + (product is null ? 0 : 1) + (level is null ? 0 : 1);
        if (known == 0)
        {
            return 0;
        }

        var total = 0.0;
        foreach (var win in _wins)
        {
            var shared = (Same(win.Industry, industry) ? 1 : 0) + (Same(win.Product, product) ? 1 : 0) + (Same(win.InstitutionLevel, level) ? 1 : 0);
            total += win.Count * (double)shared / known;
        }

        return total;
    }

    /// <summary>How proven a closer the rep is, from 0 to 1: all wins / (all wins + <paramref name="halfPoint"/>).</summary>
    public double ClosingStrength(double halfPoint) => TotalWins / (TotalWins + halfPoint);

    /// <summary>1 inside the deal size; outside it the smaller of budget and bound over the larger; 0 when either is unknown.</summary>
    public double BudgetFit(double? budget)
    {
        if (budget is not { } value || !_hasDealSize || value < 0)
        {
            return 0;
        }

        if (value >= _dealMin && value <= _dealMax)
        {
            return 1;
        }

        return value < _dealMin ? value / _dealMin : _dealMax / value;
    }

    private bool WorksOn(DayOfWeek day) => (_dayMask & (1 << (int)day)) != 0;

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(string[] values, string value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Globalization;
using System.Text;

namespace CrmActors.Bench;

/// <summary>One generated lead, as a form or an import row would carry it.</summary>
public sealed record class Lead(
    string Name,
    string Phone,
    string Channel,
    string? ProductInterest,
    string? Note,
    string? Email,
    string? Company)
{
    /// <summary>The phone deliberately repeats one handed out earlier (possibly written differently).</summary>
    public bool DuplicatePhone { get; init; }

    /// <summary>The phone is deliberately not a phone number.</summary>
    public bool InvalidPhone { get; init; }

    /// <summary>The channel is deliberately one no channel dictionary knows.</summary>
    public bool UnmappedChannel { get; init; }
}

/// <summary>A phone number: a prefix block plus eight subscriber digits.</summary>
internal sealed record class PhoneNumber(PhonePrefix Prefix, string Subscriber)
{
    public string National => Prefix.NationalPrefix + Subscriber;
}

/// <summary>
/// Hands out phone numbers that are unique within a run (a counter run through a keyed permutation of
/// each prefix block's eight-digit space, so consecutive numbers look unrelated) and remembers recent
/// ones so generators can repeat one on purpose.
/// Runs with different seeds (0-99) draw from disjoint ranges. Thread-safe.
/// </summary>
public sealed class PhoneSource
{
    private const long Space = 100_000_000;    // eight subscriber digits
    private const long BlockSize = 1_000_000;  // numbers per prefix and seed: ~39 million leads per run
    private const long Half = 10_000;
    private const int RecentMask = 8191;
    private readonly PhoneNumber?[] _recent = new PhoneNumber?[RecentMask + 1];
    private readonly long _blockStart;
    private long _next;

    public PhoneSource(int seed) => _blockStart = ((seed % 100) + 100) % 100 * BlockSize;

    internal PhoneNumber Next()
    {
        var n = Interlocked.Increment(ref _next) - 1;
        var prefixes = LeadData.PhonePrefixes;
        var prefixIndex = (int)(n % prefixes.Length);
        var prefix = prefixes[prefixIndex];
        var x = (_blockStart + (n / prefixes.Length)) % Space;
        var subscriber = Permute(x, prefixIndex);
        var number = new PhoneNumber(prefix, subscriber.ToString("D8", CultureInfo.InvariantCulture));
        Volatile.Write(ref _recent[n & RecentMask], number);
        return number;
    }

    /// <summary>A four-round Feistel network over two four-digit halves: a bijection of [0, 10^8) for any round function.</summary>
    private static long Permute(long x, int key)
    {
        long left = x / Half, right = x % Half;
        for (var round = 0; round < 4; round++)
        {
            var f = (long)(Mix((ulong)right ^ ((ulong)key << 20) ^ ((ulong)round << 40)) % Half);
            (left, right) = (right, (left + f) % Half);
        }

        return (left * Half) + right;
    }

    /// <summary>SplitMix64's finalizer.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>One of the recently issued numbers, or null when none is available yet.</summary>
    internal PhoneNumber? Earlier(Random rng)
    {
        var issued = Volatile.Read(ref _next);
        if (issued < 2)
        {
            return null;
        }

        var window = Math.Min(issued - 1, RecentMask + 1);
        var n = issued - 2 - rng.NextInt64(window);
        return Volatile.Read(ref _recent[n & RecentMask]);
    }
}

/// <summary>What share of generated leads carry each deliberate defect.</summary>
public sealed record class LeadMix(double DuplicatePhones, double InvalidPhones = 0, double UnmappedChannels = 0, bool CsvQuirks = false);

/// <summary>Generates varied leads. One instance per worker (not thread-safe); the phone source is shared.</summary>
public sealed class LeadGenerator
{
    private static readonly int ChannelWeightTotal = LeadData.Channels.Sum(c => c.Weight);
    private readonly PhoneSource _phones;
    private readonly LeadMix _mix;
    private readonly Random _rng;
    private readonly StringBuilder _sb = new(64);

    public LeadGenerator(PhoneSource phones, LeadMix mix, int seed)
    {
        _phones = phones;
        _mix = mix;
        _rng = new Random(seed);
    }

    public Random Random => _rng;

    public Lead Next()
    {
        var (name, isCompanyName) = NextName();
        string? company = isCompanyName ? name : Chance(0.30) ? NextCompany() : null;
        var email = Chance(0.25) ? NextEmail() : null;

        string phone;
        bool duplicate = false, invalid = false;
        if (Chance(_mix.InvalidPhones))
        {
            phone = Pick(LeadData.InvalidPhones);
            invalid = true;
        }
        else if (Chance(_mix.DuplicatePhones) && _phones.Earlier(_rng) is { } earlier)
        {
            phone = Render(earlier);
            duplicate = true;
        }
        else
        {
            phone = Render(_phones.Next());
        }

        var unmapped = Chance(_mix.UnmappedChannels);
        var channel = unmapped ? Pick(LeadData.UnmappedChannels) : NextChannel();
        var product = Chance(0.9) ? Pick(LeadData.Products) : null;
        return new Lead(name, phone, channel, product, NextNote(), email, company)
        {
            DuplicatePhone = duplicate,
            InvalidPhone = invalid,
            UnmappedChannel = unmapped,
        };
    }

    private bool Chance(double p) => p > 0 && _rng.NextDouble() < p;

    private T Pick<T>(T[] items) => items[_rng.Next(items.Length)];

    private (string Name, bool IsCompany) NextName()
    {
        // One lead in eight carries one of the most common full names (王伟, 李娜, 张伟 each stand for hundreds of
        // thousands of people), so the duplicate-name index meets the repetition a real tenant has.
        var r = _rng.NextDouble();
        if (r < 0.125)
        {
            return (Pick(LeadData.CommonFullNames), false);
        }

        if (r < 0.35)
        {
            return (Pick(LeadData.Surnames) + Pick(LeadData.GivenChars), false);
        }

        if (r < 0.80)
        {
            return (Pick(LeadData.Surnames) + Pick(LeadData.GivenChars) + Pick(LeadData.GivenChars), false);
        }

        if (r < 0.88)
        {
            return (Pick(LeadData.Surnames) + Pick(LeadData.Honorifics), false);
        }

        if (r < 0.95)
        {
            return (Pick(LeadData.EnglishFirst) + " " + Pick(LeadData.EnglishLast), false);
        }

        return (NextCompany(), true);
    }

    private string NextCompany() => Chance(0.15)
        ? Pick(LeadData.EnglishCompanies)
        : Pick(LeadData.Cities) + Pick(LeadData.CompanyWords) + Pick(LeadData.Industries) + Pick(LeadData.CompanySuffixes);

    private string NextEmail()
    {
        var domain = Pick(LeadData.EmailDomains);
        var local = domain == "qq.com"
            ? _rng.NextInt64(100_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture)
            : Chance(0.3)
                ? Pick(LeadData.EnglishFirst).ToLowerInvariant() + "." + Pick(LeadData.EnglishLast).ToLowerInvariant().Replace("'", "", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal)
                : Pick(LeadData.Pinyin) + Pick(LeadData.Pinyin) + (Chance(0.6) ? _rng.Next(1, 9999).ToString(CultureInfo.InvariantCulture) : "");
        return local + "@" + domain;
    }

    private string NextChannel()
    {
        var ticket = _rng.Next(ChannelWeightTotal);
        foreach (var (value, weight) in LeadData.Channels)
        {
            if (ticket < weight)
            {
                return value;
            }

            ticket -= weight;
        }

        return LeadData.Channels[0].Value;
    }

    private string? NextNote()
    {
        if (_mix.CsvQuirks && Chance(0.01))
        {
            return Chance(0.5)
                ? "客户原话: \"下周再说, 别催\"，但对价格敏感"
                : "第一次来电没接通\n第二次说在开会, 晚点回";
        }

        var r = _rng.NextDouble();
        if (r < 0.40)
        {
            return null;
        }

        if (r < 0.43)
        {
            return LeadData.LongNote;
        }

        return r < 0.55 ? Pick(LeadData.Notes) + "；" + Pick(LeadData.Notes) : Pick(LeadData.Notes);
    }

    /// <summary>Writes a number the way people type it: mostly bare digits, sometimes grouped, sometimes with the country code.</summary>
    internal string Render(PhoneNumber number)
    {
        var national = number.National;
        var prefix = number.Prefix;
        var r = _rng.NextDouble();
        if (prefix.Kind == PhoneKind.ChineseMobile)
        {
            return r switch
            {
                < 0.50 => national,                                   // 13912345678
                < 0.65 => "+86 " + Grouped(national, prefix.Groups, ' '), // +86 139 1234 5678
                < 0.80 => Grouped(national, prefix.Groups, '-'),      // 139-1234-5678
                < 0.90 => Grouped(national, prefix.Groups, ' '),      // 139 1234 5678
                < 0.95 => "+86" + national,                           // +8613912345678
                _ => "86" + national,                                 // 8613912345678
            };
        }

        return r < 0.5
            ? "+" + prefix.CountryCode + national                                         // +4915123456789
            : "+" + prefix.CountryCode + " " + Grouped(national, prefix.Groups, ' ');    // +49 151 2345 6789
    }

    private string Grouped(string digits, int[] groups, char separator)
    {
        _sb.Clear();
        var at = 0;
        foreach (var size in groups)
        {
            if (at > 0)
            {
                _sb.Append(separator);
            }

            _sb.Append(digits, at, Math.Min(size, digits.Length - at));
            at += size;
        }

        return _sb.ToString();
    }
}

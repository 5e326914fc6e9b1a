using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmActors.Conversations;

/// <summary>
/// Reads a pasted conversation into messages. Understands the shapes chat exports and call transcripts come in:
/// <c>2026-03-04 10:01 Name: text</c>, <c>[10:01] Name：text</c>, <c>5/14/2026, 10:02 AM - Name: text</c>,
/// <c>Name (00:01:23): text</c>, a header line <c>Name 2026/3/4 14:20:11</c> (or <c>2026年3月4日 15:10 Name</c>, or
/// <c>Name 10:02</c>) followed by the message, and plain <c>Name: text</c>. Export titles and rules are skipped; a
/// call header's time (<c>通话时间：2026-05-14 09:00</c>) turns <c>[00:01:10]</c> marks into offsets from it.
/// Lines with a time but no date take the last date seen, else the conversation's; times are the tenant's local time.
/// </summary>
public static partial class TranscriptParser
{
    private const string DatePattern = @"(?<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4})";
    private const string TimePattern = @"(?<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm]\b)?)";

    /// <summary>Reads <paramref name="text"/>; <paramref name="at"/> dates lines without a date, in <paramref name="zone"/>.</summary>
    public static Transcript Parse(string text, DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        var state = new ParseState(text, TimeZoneInfo.ConvertTime(at, zone), zone);
        var offset = 0;
        var lineNumber = 0;
        while (offset <= text.Length)
        {
            var end = text.IndexOf('\n', offset);
            var lineEnd = end < 0 ? text.Length : end;
            lineNumber++;
            state.Read(offset, text[offset..lineEnd].TrimEnd('\r'), lineNumber);
            if (end < 0)
            {
                break;
            }

            offset = end + 1;
        }

        return state.Finish();
    }

    [GeneratedRegex($@"^\s*\[?{DatePattern}[\sT,]+{TimePattern}\]?\s*(?:-\s*)?(?<speaker>[^:：\[\]]{{1,40}}?)\s*[:：]\s*(?<text>.*)$")]
    private static partial Regex DatedInline();

    [GeneratedRegex($@"^\s*(?<speaker>[^:：\[\]()（）]{{1,40}}?)\s*[\[(（]\s*{TimePattern}\s*[\])）]\s*[:：]\s*(?<text>.*)$")]
    private static partial Regex SpeakerThenTime();

    [GeneratedRegex($@"^\s*\[?{TimePattern}\]?\s*(?:-\s*)?(?<speaker>[^:：\[\]]{{1,40}}?)\s*[:：]\s*(?<text>.*)$")]
    private static partial Regex TimedInline();

    [GeneratedRegex($@"^\s*{DatePattern}[\sT,]+{TimePattern}\s+(?<speaker>\S.{{0,39}}?)\s*$")]
    private static partial Regex HeaderTimeThenSpeaker();

    [GeneratedRegex($@"^\s*(?<speaker>\S.{{0,39}}?)\s+{DatePattern}[\sT,]+{TimePattern}\s*$")]
    private static partial Regex HeaderSpeakerThenDateTime();

    [GeneratedRegex($@"^\s*(?<speaker>\S.{{0,39}}?)\s+{TimePattern}\s*$")]
    private static partial Regex HeaderSpeakerThenTime();

    [GeneratedRegex(@"聊天记录|通话时间|通话录音|录音转写|语音转写|以下为|导出|chat history|transcript|call recording|exported|^[\s—\-=_~*#·]+$", RegexOptions.IgnoreCase)]
    private static partial Regex ExportHeader();

    [GeneratedRegex($@"{DatePattern}(?:[\sT,]+{TimePattern})?")]
    private static partial Regex AnyDateTime();

    [GeneratedRegex(@"^\s*(?<speaker>[^:：\s][^:：]{0,39}?)\s*[:：]\s*(?<text>.+)$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"通话|录音|语音|call|transcript|voice", RegexOptions.IgnoreCase)]
    private static partial Regex CallWords();

    private sealed class ParseState(string posted, DateTimeOffset at, TimeZoneInfo zone)
    {
        private readonly List<Utterance> _utterances = [];
        private DateOnly _date = DateOnly.FromDateTime(at.DateTime);
        private DateTimeOffset _lastAt = at;
        private DateTimeOffset? _callStart;
        private bool _headerMode;
        private bool _call;
        private bool _timed;
        private int _skipped;
        private Pending? _pending;

        public void Read(int offset, string line, int number)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }

            if (Inline(DatedInline(), offset, line, number) || Inline(SpeakerThenTime(), offset, line, number) || Inline(TimedInline(), offset, line, number))
            {
                return;
            }

            if (ExportHeader().IsMatch(line))
            {
                Header(line);
                return;
            }

            if (HeaderLine(HeaderTimeThenSpeaker(), offset, line, number) || HeaderLine(HeaderSpeakerThenDateTime(), offset, line, number) || HeaderLine(HeaderSpeakerThenTime(), offset, line, number))
            {
                return;
            }

            // Plain "speaker: text" lines only where no line carried a time: in a timed or header export a line with a
            // colon ("预算：80万") continues the message above it.
            if (!_headerMode && !_timed && Plain().Match(line) is { Success: true } plain && !plain.Groups["speaker"].Value.Any(char.IsDigit))
            {
                Start(plain.Groups["speaker"], offset, _lastAt, offset + plain.Groups["text"].Index, plain.Groups["text"].Value, number);
                return;
            }

            if (_pending is not null && (_headerMode || _pending.TextStart >= 0))
            {
                _pending.Continue(offset, line);
                return;
            }

            _skipped++;
        }

        public Transcript Finish()
        {
            Close();
            return new Transcript(_utterances, _call ? "call" : "chat", _skipped);
        }

        private bool Inline(Regex pattern, int offset, string line, int number)
        {
            var match = pattern.Match(line);
            if (!match.Success || match.Groups["speaker"].Value.Trim().Length == 0)
            {
                return false;
            }

            var time = When(match);
            _timed = true;
            var textGroup = match.Groups["text"];
            Start(match.Groups["speaker"], offset, time, offset + textGroup.Index, textGroup.Value, number);
            return true;
        }

        private bool HeaderLine(Regex pattern, int offset, string line, int number)
        {
            var match = pattern.Match(line);
            if (!match.Success)
            {
                return false;
            }

            _headerMode = true;
            Start(match.Groups["speaker"], offset, When(match), -1, string.Empty, number);
            return true;
        }

        private void Header(string line)
        {
            _skipped++;
            if (CallWords().IsMatch(line))
            {
                _call = true;
            }

            if (AnyDateTime().Match(line) is { Success: true } match)
            {
                var when = When(match);
                if (match.Groups["time"].Success)
                {
                    _callStart = when;
                }
            }
        }

        private void Start(Group speaker, int lineOffset, DateTimeOffset when, int textStart, string text, int number)
        {
            Close();
            _lastAt = when;
            var name = speaker.Value.Trim().TrimStart('-').Trim();
            var nameStart = lineOffset + speaker.Index + speaker.Value.IndexOf(name, StringComparison.Ordinal);
            _pending = new Pending(posted, name, when, number, nameStart);
            if (textStart >= 0)
            {
                _pending.Continue(textStart, text);
            }
        }

        private void Close()
        {
            if (_pending?.ToUtterance() is { } utterance)
            {
                _utterances.Add(utterance);
            }

            _pending = null;
        }

        private DateTimeOffset When(Match match)
        {
            var dateGroup = match.Groups["date"];
            if (dateGroup.Success && ReadDate(dateGroup.Value) is { } date)
            {
                _date = date;
            }

            if (!match.Groups["time"].Success || ReadTime(match.Groups["time"].Value) is not { } time)
            {
                return Local(_date, TimeOnly.FromTimeSpan(_lastAt.TimeOfDay));
            }

            // A call transcript's [00:01:10] marks count from the call's start.
            if (_callStart is { } start && !dateGroup.Success && match.Groups["time"].Value.Count(c => c == ':') == 2 && time.Hour < 6)
            {
                _call = true;
                return start + time.ToTimeSpan();
            }

            return Local(_date, time);
        }

        private DateTimeOffset Local(DateOnly date, TimeOnly time)
        {
            var local = date.ToDateTime(time, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        private static DateOnly? ReadDate(string value)
        {
            var digits = Regex.Split(value, @"\D+").Where(p => p.Length > 0).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            if (digits.Length != 3)
            {
                return null;
            }

            // 2026-03-04 / 2026年3月4日; 5/14/2026 is month/day (US export); 14.05.2026 is day.month.
            var (year, month, day) = digits[0] > 999
                ? (digits[0], digits[1], digits[2])
                : value.Contains('/', StringComparison.Ordinal) ? (digits[2], digits[0], digits[1]) : (digits[2], digits[1], digits[0]);
            if (month > 12 && day <= 12)
            {
                (month, day) = (day, month);
            }

            return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
        }

        private static TimeOnly? ReadTime(string value)
        {
            var pm = value.EndsWith("pm", StringComparison.OrdinalIgnoreCase);
            var am = value.EndsWith("am", StringComparison.OrdinalIgnoreCase);
            var parts = value.TrimEnd('a', 'A', 'p', 'P', 'm', 'M', ' ').Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            var hour = parts[0];
            if (pm && hour < 12)
            {
                hour += 12;
            }
            else if (am && hour == 12)
            {
                hour = 0;
            }

            return hour < 24 && parts[1] < 60 && (parts.Length < 3 || parts[2] < 60)
                ? new TimeOnly(hour, parts[1], parts.Length > 2 ? parts[2] : 0)
                : null;
        }
    }

    private sealed class Pending(string posted, string speaker, DateTimeOffset at, int line, int speakerStart)
    {
        public int TextStart { get; private set; } = -1;

        private int _textEnd;

        public void Continue(int start, string text)
        {
            if (TextStart < 0)
            {
                TextStart = start;
            }

            _textEnd = start + text.Length;
        }

        public Utterance? ToUtterance()
        {
            if (TextStart < 0)
            {
                return null;
            }

            var text = posted[TextStart.._textEnd].TrimEnd();
            return text.Trim().Length == 0 || speaker.Length == 0 ? null : new Utterance(speaker, at, text, TextStart, line, speakerStart);
        }
    }
}

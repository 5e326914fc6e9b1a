using System.Text;

namespace CrmActors.Intake;

/// <summary>
/// Splits one record of delimited text (RFC 4180 quoting) from its physical lines. Lenient where Excel is:
/// blanks around a quoted value, and quotes inside an unquoted value, are accepted. Strict where guessing would
/// corrupt data: text after a closing quote, or a quote that is not closed, makes the record malformed.
/// </summary>
internal static class DelimitedRecordParser
{
    /// <summary>How parsing the lines went.</summary>
    public enum Outcome
    {
        /// <summary>The lines hold one whole record; its fields are in the list.</summary>
        Complete,

        /// <summary>A quoted value is still open at the end of the last line: it may go on in the next.</summary>
        NeedsMoreLines,

        /// <summary>The quoting is broken; the problem says how.</summary>
        Malformed,
    }

    /// <summary>
    /// Parses <paramref name="lines"/> as one record into <paramref name="fields"/>; the line breaks inside a
    /// quoted value become "\n".
    /// </summary>
    public static Outcome Parse(IReadOnlyList<string> lines, char delimiter, List<string> fields, StringBuilder scratch, out string? problem)
    {
        fields.Clear();
        problem = null;
        var lineIndex = 0;
        var line = lines[0];
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < line.Length && IsBlank(line[i], delimiter))
            {
                i++;
            }

            if (i == line.Length || line[i] != '"')
            {
                var end = line.IndexOf(delimiter, start);
                if (end < 0)
                {
                    fields.Add(line[start..]);
                    return Outcome.Complete;
                }

                fields.Add(line[start..end]);
                i = end + 1;
                continue;
            }

            scratch.Clear();
            i++;
            while (true)
            {
                var quote = line.IndexOf('"', i);
                if (quote < 0)
                {
                    scratch.Append(line, i, line.Length - i);
                    if (++lineIndex == lines.Count)
                    {
                        return Outcome.NeedsMoreLines;
                    }

                    scratch.Append('\n');
                    line = lines[lineIndex];
                    i = 0;
                    continue;
                }

                scratch.Append(line, i, quote - i);
                if (quote + 1 < line.Length && line[quote + 1] == '"')
                {
                    scratch.Append('"');
                    i = quote + 2;
                    continue;
                }

                i = quote + 1;
                break;
            }

            fields.Add(scratch.ToString());
            while (i < line.Length && IsBlank(line[i], delimiter))
            {
                i++;
            }

            if (i == line.Length)
            {
                return Outcome.Complete;
            }

            if (line[i] != delimiter)
            {
                problem = "there is text after the closing quote of a quoted value";
                return Outcome.Malformed;
            }

            i++;
        }
    }

    private static bool IsBlank(char c, char delimiter) => c is ' ' or '\t' && c != delimiter;
}

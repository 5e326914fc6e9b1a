using System.Globalization;
using System.Text;

namespace CrmActors.Intake;

/// <summary>
/// A workbook's shared strings, looked up by index while its rows are read. A small table stays in memory. Past
/// <see cref="LeadFileOptions.SharedStringsInMemoryBytes"/> every string goes to a temporary file (deleted when
/// closed) as length-prefixed UTF-8; memory then holds only the file offset of every 64th string and the few
/// blocks of 64 strings read last. Excel numbers shared strings in order of first use, so rows mostly ask for
/// strings near the ones before them and a small cache serves nearly every lookup.
/// </summary>
internal sealed class SharedStringTable : IDisposable
{
    private const int BlockSize = 64;
    private const int CachedBlocks = 32;

    private readonly LeadFileOptions _options;
    private readonly string? _fileName;
    private List<string>? _memory = [];
    private FileStream? _spill;
    private BinaryWriter? _writer;
    private readonly List<long> _blockStarts = [];
    private readonly Dictionary<int, LinkedListNode<(int Block, string[] Strings)>> _cache = [];
    private readonly LinkedList<(int Block, string[] Strings)> _recent = new();
    private byte[] _blockBuffer = [];
    private long _storedBytes;

    public SharedStringTable(LeadFileOptions options, string? fileName)
    {
        _options = options;
        _fileName = fileName;
    }

    /// <summary>The number of strings.</summary>
    public int Count { get; private set; }

    /// <summary>True when the strings live in a temporary file rather than in memory.</summary>
    public bool IsSpilled => _spill is not null;

    /// <summary>Appends the next string; refuses the file when the table grows past the limits.</summary>
    public void Add(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        _storedBytes += bytes + 5;
        if (Count >= _options.MaxSharedStrings || _storedBytes > _options.MaxSharedStringBytes)
        {
            throw TooLarge();
        }

        if (_memory is not null && _storedBytes > _options.SharedStringsInMemoryBytes)
        {
            Spill();
        }

        if (_memory is not null)
        {
            _memory.Add(text);
        }
        else
        {
            if (Count % BlockSize == 0)
            {
                _writer!.Flush();
                _blockStarts.Add(_spill!.Position);
            }

            _writer!.Write(text);
        }

        Count++;
    }

    /// <summary>Ends the table: the strings written so far become readable.</summary>
    public void Complete()
    {
        _writer?.Flush();
        if (_spill is not null)
        {
            _blockStarts.Add(_spill.Position);
        }
    }

    /// <summary>The string at <paramref name="index"/>; false when the table has no such string.</summary>
    public bool TryGet(int index, out string? text)
    {
        text = null;
        if (index < 0 || index >= Count)
        {
            return false;
        }

        if (_memory is not null)
        {
            text = _memory[index];
            return true;
        }

        text = Block(index / BlockSize)[index % BlockSize];
        return true;
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _spill?.Dispose();
    }

    private void Spill()
    {
        _spill = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        _writer = new BinaryWriter(_spill, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        var kept = _memory!;
        _memory = null;
        for (var i = 0; i < kept.Count; i++)
        {
            if (i % BlockSize == 0)
            {
                _writer.Flush();
                _blockStarts.Add(_spill.Position);
            }

            _writer.Write(kept[i]);
        }
    }

    private string[] Block(int block)
    {
        if (_cache.TryGetValue(block, out var hit))
        {
            _recent.Remove(hit);
            _recent.AddFirst(hit);
            return hit.Value.Strings;
        }

        var start = _blockStarts[block];
        var length = checked((int)(_blockStarts[block + 1] - start));
        if (_blockBuffer.Length < length)
        {
            _blockBuffer = new byte[Math.Max(length, 2 * _blockBuffer.Length)];
        }

        _spill!.Position = start;
        _spill.ReadExactly(_blockBuffer, 0, length);
        var strings = new string[Math.Min(BlockSize, Count - (block * BlockSize))];
        using (var reader = new BinaryReader(new MemoryStream(_blockBuffer, 0, length, writable: false), Encoding.UTF8))
        {
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = reader.ReadString();
            }
        }

        if (_cache.Count >= CachedBlocks)
        {
            var oldest = _recent.Last!;
            _recent.RemoveLast();
            _cache.Remove(oldest.Value.Block);
        }

        _cache[block] = _recent.AddFirst((block, strings));
        return strings;
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 30:N0} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20:N0} MB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 10:N0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes"),
    };

    private LeadFileException TooLarge()
    {
        var name = string.IsNullOrWhiteSpace(_fileName) ? "The workbook" : $"\"{Path.GetFileName(_fileName)}\"";
        var limit = string.Create(CultureInfo.InvariantCulture, $"{_options.MaxSharedStrings:N0} strings and {Size(_options.MaxSharedStringBytes)} of text");
        return new LeadFileException(
            LeadFileProblem.TooLarge,
            $"{name} holds more text in its shared string table than an import takes (at most {limit}). " +
            "Save it as CSV, or split it into smaller workbooks.");
    }
}

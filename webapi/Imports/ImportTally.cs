using CrmActors.GrainInterfaces.Imports;

namespace CrmActors.WebApi.Imports;

/// <summary>
/// The outcomes of an import's rows, handed over in file order. Rows run concurrently and settle in any order, but a
/// row's outcome joins a report only once every row before it has settled too: what the import's actor has counted
/// is always a prefix of the file, and the last row of that prefix is the checkpoint a resumed import continues
/// after. Rows settled beyond an unsettled one wait here (at most as many as the caller lets begin). Thread-safe.
/// </summary>
public sealed class ImportTally
{
    /// <summary>Rejections and distinct unmapped values one report carries at most (the actor keeps fewer in total).</summary>
    public const int SliceLimit = 1000;

    private readonly Lock _lock = new();
    private readonly Queue<int> _unsettled = new();
    private readonly Dictionary<int, RowOutcome> _waiting = [];
    private int _lastBegun;
    private int _checkpoint;
    private int _reportedThrough;
    private int _rows;
    private int _accepted;
    private int _duplicates;
    private int _rejected;
    private List<ImportRejection> _rejections = [];
    private Dictionary<string, int> _unmapped = new(StringComparer.Ordinal);

    /// <summary>A tally continuing after <paramref name="checkpointRow"/> (0 for a new import).</summary>
    public ImportTally(int checkpointRow = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(checkpointRow);
        _lastBegun = _checkpoint = _reportedThrough = checkpointRow;
    }

    /// <summary>The row through which every outcome is settled (reported or not).</summary>
    public int Checkpoint
    {
        get
        {
            lock (_lock)
            {
                return _checkpoint;
            }
        }
    }

    /// <summary>True when settled rows wait to be reported.</summary>
    public bool HasUnreported
    {
        get
        {
            lock (_lock)
            {
                return _checkpoint != _reportedThrough;
            }
        }
    }

    /// <summary>Notes that a row was sent on its way; rows begin in file order, each number greater than the last.</summary>
    public void Begin(int row)
    {
        lock (_lock)
        {
            if (row <= _lastBegun)
            {
                throw new ArgumentOutOfRangeException(nameof(row), row, $"Rows begin in file order; row {_lastBegun} already began.");
            }

            _lastBegun = row;
            _unsettled.Enqueue(row);
        }
    }

    /// <summary>Records a begun row's outcome; returns how many rows joined the settled prefix (0 while an earlier row is still out).</summary>
    public int Settle(int row, RowOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_lock)
        {
            if (!_waiting.TryAdd(row, outcome))
            {
                throw new InvalidOperationException($"Row {row} already settled.");
            }

            var joined = 0;
            while (_unsettled.TryPeek(out var next) && _waiting.Remove(next, out var settled))
            {
                _unsettled.Dequeue();
                Count(settled);
                _checkpoint = next;
                joined++;
            }

            return joined;
        }
    }

    /// <summary>Everything that joined the settled prefix since the previous call, as one report (rows after the previous checkpoint through the current one).</summary>
    public ImportProgress TakeSlice()
    {
        lock (_lock)
        {
            var slice = new ImportProgress(_rows, _accepted, _duplicates, _rejected, _rejections, _unmapped, _reportedThrough, _checkpoint);
            _reportedThrough = _checkpoint;
            _rows = _accepted = _duplicates = _rejected = 0;
            _rejections = [];
            _unmapped = new Dictionary<string, int>(StringComparer.Ordinal);
            return slice;
        }
    }

    private void Count(RowOutcome outcome)
    {
        _rows++;
        switch (outcome.Result)
        {
            case RowResult.Accepted:
                _accepted++;
                break;
            case RowResult.Duplicate:
                _duplicates++;
                break;
            default:
                _rejected++;
                if (outcome.Rejection is { } rejection && _rejections.Count < SliceLimit)
                {
                    _rejections.Add(rejection);
                }

                break;
        }

        if (outcome.UnmappedChannel is { } value && (_unmapped.ContainsKey(value) || _unmapped.Count < SliceLimit))
        {
            _unmapped[value] = _unmapped.GetValueOrDefault(value) + 1;
        }
    }
}

using CrmActors.GrainInterfaces.Imports;

namespace CrmActors.WebApi.Imports;

/// <summary>Counts of an import since its last progress report; safe to update from concurrent row tasks.</summary>
public sealed class ImportTally
{
    private readonly Lock _lock = new();
    private int _rows;
    private int _accepted;
    private int _duplicates;
    private int _rejected;
    private List<ImportRejection> _rejections = [];
    private Dictionary<string, int> _unmapped = new(StringComparer.Ordinal);

    /// <summary>Rows counted since the last <see cref="TakeSlice"/>.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _rows;
            }
        }
    }

    /// <summary>A row that became a new lead.</summary>
    public void Accepted() => Add(accepted: 1);

    /// <summary>A row whose phone already had a customer.</summary>
    public void Duplicate() => Add(duplicates: 1);

    /// <summary>A row that was not imported.</summary>
    public void Rejected(int row, string? field, string reason) => Add(rejected: 1, rejection: new ImportRejection(row, field, reason));

    /// <summary>A channel value the dictionary did not know (the row itself may still be imported).</summary>
    public void Unmapped(string value)
    {
        lock (_lock)
        {
            _unmapped[value] = _unmapped.GetValueOrDefault(value) + 1;
        }
    }

    /// <summary>Everything counted since the previous call, as one progress report.</summary>
    public ImportProgress TakeSlice()
    {
        lock (_lock)
        {
            var slice = new ImportProgress(_rows, _accepted, _duplicates, _rejected, _rejections, _unmapped);
            _rows = _accepted = _duplicates = _rejected = 0;
            _rejections = [];
            _unmapped = new Dictionary<string, int>(StringComparer.Ordinal);
            return slice;
        }
    }

    private void Add(int accepted = 0, int duplicates = 0, int rejected = 0, ImportRejection? rejection = null)
    {
        lock (_lock)
        {
            _rows++;
            _accepted += accepted;
            _duplicates += duplicates;
            _rejected += rejected;
            if (rejection is not null && _rejections.Count < 1000)
            {
                _rejections.Add(rejection);
            }
        }
    }
}

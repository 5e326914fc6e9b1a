namespace CrmActors.Intake;

/// <summary>Which column of the file holds which lead field, decided once from the header row.</summary>
internal sealed class ColumnMap
{
    private readonly int[] _columnOf;

    private ColumnMap(int[] columnOf, Dictionary<LeadField, string> mapped, List<string> ignored)
    {
        _columnOf = columnOf;
        MappedHeaders = mapped;
        IgnoredHeaders = ignored;
    }

    /// <summary>The header text of each mapped field.</summary>
    public IReadOnlyDictionary<LeadField, string> MappedHeaders { get; }

    /// <summary>Non-blank headers that name no field, and second columns for an already mapped field.</summary>
    public IReadOnlyList<string> IgnoredHeaders { get; }

    /// <summary>
    /// Maps the header cells; the first column that names a field wins. Throws when a required field has no column.
    /// </summary>
    public static ColumnMap FromHeader(IReadOnlyList<string?> headers)
    {
        var fieldCount = Enum.GetValues<LeadField>().Length;
        var columnOf = Enumerable.Repeat(-1, fieldCount).ToArray();
        var mapped = new Dictionary<LeadField, string>();
        var ignored = new List<string>();
        for (var column = 0; column < headers.Count; column++)
        {
            var header = headers[column]?.Trim();
            if (string.IsNullOrEmpty(header))
            {
                continue;
            }

            if (LeadHeaders.TryMatch(header, out var field) && columnOf[(int)field] < 0)
            {
                columnOf[(int)field] = column;
                mapped[field] = header;
            }
            else
            {
                ignored.Add(header);
            }
        }

        var missing = LeadHeaders.Required.Where(field => columnOf[(int)field] < 0).ToList();
        if (missing.Count > 0)
        {
            var names = string.Join(" and ", missing.Select(field => field.ToString().ToLowerInvariant()));
            var seen = headers.Any(h => !string.IsNullOrWhiteSpace(h))
                ? string.Join(", ", headers.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => $"\"{h!.Trim()}\""))
                : "none";
            throw new LeadFileException(
                LeadFileProblem.MissingColumns,
                $"The header row has no {names} column{(missing.Count > 1 ? "s" : string.Empty)} (headers found: {seen}). " +
                "Name the columns e.g. \"name\"/\"姓名\" and \"phone\"/\"手机号\".");
        }

        return new ColumnMap(columnOf, mapped, ignored);
    }

    /// <summary>Builds the row from the cells of one data row; cells past the end of a short row are empty.</summary>
    public ImportRow ToRow(int rowNumber, IReadOnlyList<string?> cells) => new()
    {
        RowNumber = rowNumber,
        Name = Value(cells, LeadField.Name),
        Phone = Value(cells, LeadField.Phone),
        Channel = Value(cells, LeadField.Channel),
        ProductInterest = Value(cells, LeadField.ProductInterest),
        Note = Value(cells, LeadField.Note),
        Email = Value(cells, LeadField.Email),
        Company = Value(cells, LeadField.Company),
        Industry = Value(cells, LeadField.Industry),
        InstitutionLevel = Value(cells, LeadField.InstitutionLevel),
        Region = Value(cells, LeadField.Region),
        Language = Value(cells, LeadField.Language),
        Budget = Value(cells, LeadField.Budget),
        Quality = Value(cells, LeadField.Quality),
    };

    /// <summary>Whether a mapped value of this row contains U+FFFD, the mark of bytes the encoding could not decode.</summary>
    public bool HasUndecodableText(IReadOnlyList<string?> cells)
    {
        foreach (var column in _columnOf)
        {
            if (column >= 0 && column < cells.Count && cells[column]?.Contains('\uFFFD', StringComparison.Ordinal) == true)
            {
                return true;
            }
        }

        return false;
    }

    private string? Value(IReadOnlyList<string?> cells, LeadField field)
    {
        var column = _columnOf[(int)field];
        if (column < 0 || column >= cells.Count)
        {
            return null;
        }

        var value = cells[column]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}

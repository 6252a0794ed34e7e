// What the result grid shows: the rows left after type filters and search, in the chosen order, with the visible columns and the current change.
using CsvDiff.Rendering;

namespace CsvDiff.Web.State;

public sealed class ResultView
{
    private readonly HashSet<string> _hiddenColumns = new(StringComparer.Ordinal);
    private RowDiff[] _rows = [];

    public ResultView(DiffResult result)
    {
        Result = result;
        Layout = HighlighterTable.For(result);
        HasUnchangedRows = result.Summary.Unchanged > 0 && result.Rows.Count(r => r.Type == RowChangeType.Unchanged) == result.Summary.Unchanged;
        ColumnChanges = CountChangesByColumn(result);
        Refresh();
        StartingWidths = GridColumns.Widths(Layout, _rows);
    }

    public DiffResult Result { get; }

    public HighlighterTable Layout { get; }

    /// <summary>The grid's starting width of each column of <see cref="Layout"/>, from the rows as first shown (GridColumns).</summary>
    public IReadOnlyList<int> StartingWidths { get; }

    /// <summary>Each column with changed cells, in the result's column order, with how many of its cells changed.</summary>
    public IReadOnlyList<(string Column, int Changed)> ColumnChanges { get; }

    /// <summary>Whether the comparison found no difference, as the command line's exit code 0 says.</summary>
    public bool Identical => !Result.HasDifferences;

    /// <summary>The column whose changed rows alone are shown, or null.</summary>
    public string? ColumnFilter { get; private set; }

    /// <summary>The kind of row shown, or null for every kind.</summary>
    public RowChangeType? TypeFilter { get; private set; }

    public string SearchText { get; private set; } = "";

    /// <summary>Whether unchanged rows are left out of <see cref="Rows"/>.</summary>
    public bool OnlyDifferences { get; private set; }

    /// <summary>
    /// Whether the result lists every unchanged row (they are only counted unless asked for). The few a patch needs, which the
    /// exports carry, are not shown on their own.
    /// </summary>
    public bool HasUnchangedRows { get; }

    public int? SortColumn { get; private set; }

    public bool SortDescending { get; private set; }

    /// <summary>Index in <see cref="Rows"/> of the change last moved to, or -1.</summary>
    public int CurrentIndex { get; private set; } = -1;

    public IReadOnlyList<RowDiff> Rows => _rows;

    /// <summary>Changes whenever <see cref="Rows"/> or <see cref="CurrentIndex"/> does, so a grid knows to fetch rows again.</summary>
    public int Version { get; private set; }

    public IEnumerable<(ColumnSlot Column, int Index)> VisibleColumns =>
        Layout.Columns.Select((c, i) => (c, i)).Where(c => !_hiddenColumns.Contains(c.c.Name));

    public bool IsHidden(string column) => _hiddenColumns.Contains(column);

    public void ToggleType(RowChangeType type)
    {
        TypeFilter = TypeFilter == type ? null : type;
        Refresh();
    }

    public void ShowAllTypes()
    {
        (TypeFilter, ColumnFilter) = (null, null);
        Refresh();
    }

    /// <summary>Shows only the rows whose <paramref name="column"/> changed; asking again for the same column shows every row.</summary>
    public void ToggleColumnFilter(string column)
    {
        ColumnFilter = ColumnFilter == column ? null : column;
        Refresh();
    }

    public void ShowOnlyDifferences(bool only)
    {
        OnlyDifferences = only;
        Refresh();
    }

    public void Search(string text)
    {
        SearchText = text;
        Refresh();
    }

    /// <summary>Sorts by a column; sorting by it again reverses the order, a third time restores file order.</summary>
    public void SortBy(int column)
    {
        if (SortColumn != column)
        {
            (SortColumn, SortDescending) = (column, false);
        }
        else if (!SortDescending)
        {
            SortDescending = true;
        }
        else
        {
            (SortColumn, SortDescending) = (null, false);
        }
        Refresh();
    }

    public void ToggleColumn(string column)
    {
        if (!_hiddenColumns.Remove(column))
        {
            _hiddenColumns.Add(column);
        }
    }

    /// <summary>Moves to the next changed row after the current one (wrapping); returns its index in <see cref="Rows"/> or -1.</summary>
    public int NextChange() => Move(+1);

    public int PreviousChange() => Move(-1);

    private int Move(int step)
    {
        for (var n = 1; n <= _rows.Length; n++)
        {
            var index = (((CurrentIndex + (step * n)) % _rows.Length) + _rows.Length) % _rows.Length;
            if (_rows[index].Type != RowChangeType.Unchanged)
            {
                Version++;
                return CurrentIndex = index;
            }
        }
        return CurrentIndex = -1;
    }

    private void Refresh()
    {
        var query = SearchQuery.Parse(SearchText);
        IEnumerable<RowDiff> rows = Result.Rows;
        if (TypeFilter is { } type)
        {
            rows = rows.Where(r => r.Type == type);
        }
        if (ColumnFilter is { } changedColumn)
        {
            rows = rows.Where(r => r.Changes.Any(c => c.Column == changedColumn));
        }
        if (OnlyDifferences || !HasUnchangedRows)
        {
            rows = rows.Where(r => r.Type != RowChangeType.Unchanged);
        }
        if (!query.IsEmpty)
        {
            rows = rows.Where(r => query.Matches(r.Type, SearchableCells(r)));
        }
        if (SortColumn is { } sort)
        {
            var column = Layout.Columns[sort];
            var ordered = rows.Select((r, i) => (Row: r, Text: SortText(r, column), Order: i));
            rows = (SortDescending
                    ? ordered.OrderByDescending(r => r.Text, NaturalComparer.Instance)
                    : ordered.OrderBy(r => r.Text, NaturalComparer.Instance))
                .ThenBy(r => r.Order)
                .Select(r => r.Row);
        }
        _rows = rows.ToArray();
        CurrentIndex = -1;
        Version++;
    }

    private static List<(string Column, int Changed)> CountChangesByColumn(DiffResult result)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in result.Rows)
        {
            foreach (var change in row.Changes)
            {
                counts[change.Column] = counts.GetValueOrDefault(change.Column) + 1;
            }
        }
        return result.Right.Columns.Where(counts.ContainsKey).Select(c => (c, counts[c])).ToList();
    }

    private List<(string Column, string Text)> SearchableCells(RowDiff row)
    {
        var cells = new List<(string, string)>();
        foreach (var cell in Layout.Columns.Zip(Layout.DataRow(row).Cells))
        {
            if (cell.Second.Kind == CellKind.Changed)
            {
                cells.Add((cell.First.Name, cell.Second.OldValue!));
                cells.Add((cell.First.Name, cell.Second.NewValue!));
            }
            else
            {
                cells.Add((cell.First.Name, cell.Second.Text));
            }
        }
        return cells;
    }

    private static string SortText(RowDiff row, ColumnSlot column) =>
        column.Right is { } r && row.RightValues is { } right ? right[r]
        : column.Left is { } l && row.LeftValues is { } left ? left[l]
        : "";

    // Numbers sort by value and everything else ordinally, so 9 comes before 10 in an amount column.
    private sealed class NaturalComparer : IComparer<string>
    {
        public static NaturalComparer Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            var xNumber = double.TryParse(x, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var a);
            var yNumber = double.TryParse(y, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var b);
            return (xNumber, yNumber) switch
            {
                (true, true) => a.CompareTo(b),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(x, y),
            };
        }
    }
}

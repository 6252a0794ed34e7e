// Rows read back from where a table is kept (shards held by workers, or the input's stream): only those, by row number.
namespace CsvDiff.Reading;

/// <summary>
/// Only the rows fetched, each with its line and its values, one per column: in one map, or in several, each holding the rows
/// from its first row on up to the next one's (runs read back on several threads, kept as read rather than copied into one).
/// </summary>
internal sealed class FetchedRows : IRowSource
{
    private readonly Dictionary<int, (int Line, IReadOnlyList<string> Values)>[] _runs;
    private readonly int[] _firstRows;

    public FetchedRows(string name, Dictionary<int, (int Line, IReadOnlyList<string> Values)> rows)
        : this(name, [rows], [0])
    {
    }

    /// <param name="name">The table's name.</param>
    /// <param name="runs">The rows fetched, in runs of rows in order.</param>
    /// <param name="firstRows">Each run's first row (any row below the next run's first): ascending.</param>
    public FetchedRows(string name, Dictionary<int, (int Line, IReadOnlyList<string> Values)>[] runs, int[] firstRows) =>
        (Name, _runs, _firstRows) = (name, runs, firstRows);

    public string Name { get; }

    public int LineOf(int row) => Find(row).Line;

    // A row kept as read (RowCells) is cut into its cells here if asked for them; rows read back to be scored are strings already.
    public string[] GetRowValues(int row, FieldList fields, ref byte[] scratch)
    {
        var values = Find(row).Values;
        return values as string[] ?? [.. values];
    }

    public IReadOnlyList<string> GetRow(int row, FieldList fields, ref byte[] scratch) => Find(row).Values;

    private (int Line, IReadOnlyList<string> Values) Find(int row)
    {
        if (_runs.Length == 1)
        {
            return _runs[0][row];
        }
        // The last run whose first row is at or before the row.
        var run = Array.BinarySearch(_firstRows, row);
        return _runs[run >= 0 ? run : Math.Max(0, ~run - 1)][row];
    }
}

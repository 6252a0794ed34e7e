// A source some of whose rows were read already, kept as read: content mode's pairing reads every leftover row, and the result,
// which lists them all, would otherwise read each again.
namespace CsvDiff.Reading;

/// <summary>A source that answers for some rows with their cells as read before.</summary>
internal sealed class RowsKept : IRowSource
{
    private readonly IRowSource _source;
    private readonly Dictionary<int, string[]> _kept;

    /// <summary><paramref name="source"/>, but for <paramref name="rows"/>, whose cells are <paramref name="values"/> (one array a row).</summary>
    public RowsKept(IRowSource source, List<int> rows, string[][] values)
    {
        _source = source;
        _kept = new Dictionary<int, string[]>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            _kept[rows[i]] = values[i];
        }
    }

    public string Name => _source.Name;

    public int LineOf(int row) => _source.LineOf(row);

    // Several partitions may read at once; a dictionary no longer written to may be read from any number of threads.
    public string[] GetRowValues(int row, FieldList fields, ref byte[] scratch) =>
        _kept.TryGetValue(row, out var values) ? values : _source.GetRowValues(row, fields, ref scratch);

    public IReadOnlyList<string> GetRow(int row, FieldList fields, ref byte[] scratch) =>
        _kept.TryGetValue(row, out var values) ? values : _source.GetRow(row, fields, ref scratch);
}

// Rows read back from where a table is kept (shards held by workers, or the input's stream): only those, by row number.
namespace CsvDiff.Reading;

/// <summary>Only the rows fetched, each with its line and its values, one per column.</summary>
internal sealed class FetchedRows(string name, Dictionary<int, (int Line, string[] Values)> rows) : IRowSource
{
    public string Name => name;

    public int LineOf(int row) => rows[row].Line;

    public string[] GetRowValues(int row, FieldList fields, ref byte[] scratch) => rows[row].Values;
}

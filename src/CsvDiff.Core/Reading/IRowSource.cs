// What the stages after alignment read rows through: a whole table in memory, or only the rows fetched from shards held elsewhere.
namespace CsvDiff.Reading;

/// <summary>A table's name and header: all that column matching needs.</summary>
internal sealed record TableHeader(string Name, string[] Columns);

internal interface IRowSource
{
    string Name { get; }

    /// <summary>The 1-based physical line where data row <paramref name="row"/> starts.</summary>
    int LineOf(int row);

    /// <summary>Every cell of a data row as a string, one per column; <paramref name="fields"/> and <paramref name="scratch"/> are reusable buffers.</summary>
    string[] GetRowValues(int row, FieldList fields, ref byte[] scratch);

    /// <summary>
    /// Every cell of a data row, for a result that keeps the row and compares its cells once at most: as
    /// <see cref="GetRowValues"/>, or in fewer objects (<see cref="RowCells"/>) where the row is read for it.
    /// </summary>
    IReadOnlyList<string> GetRow(int row, FieldList fields, ref byte[] scratch) => GetRowValues(row, fields, ref scratch);
}

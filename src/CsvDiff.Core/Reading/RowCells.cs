// A row's cells as one string: what a result keeps of a row it holds (removed, added, modified, listed unchanged).
using System.Buffers;
using System.Collections;
using System.Text;

namespace CsvDiff.Reading;

/// <summary>
/// A row's cells kept as one string and where each starts; a cell is cut out of it when asked for. Three objects a row
/// instead of one a cell: a result that holds 990,000 removed rows of 10 cells spent a third of its time in collections,
/// which mark and move every object.
/// </summary>
internal sealed class RowCells : IReadOnlyList<string>
{
    private readonly string _text;

    // Where each cell starts in the text, and after the last, where it ends.
    private readonly int[] _starts;

    private RowCells(string text, int[] starts) => (_text, _starts) = (text, starts);

    public int Count => _starts.Length - 1;

    public string this[int index] => _text.Substring(_starts[index], _starts[index + 1] - _starts[index]);

    /// <summary>
    /// Cell <paramref name="column"/> of <paramref name="row"/> without a string of its own where the row is kept as
    /// <see cref="RowCells"/>: comparing a modified row's cells then makes strings only of those that differ.
    /// </summary>
    public static ReadOnlySpan<char> Cell(IReadOnlyList<string> row, int column) =>
        row is RowCells cells ? cells._text.AsSpan(cells._starts[column], cells._starts[column + 1] - cells._starts[column]) : row[column];

    /// <summary>The <paramref name="columns"/> cells of the record in <paramref name="fields"/>; a column past the record's end is empty.</summary>
    public static RowCells Read(ReadOnlySpan<byte> data, FieldList fields, int columns, ref byte[] scratch)
    {
        var starts = new int[columns + 1];
        char[]? rented = null;
        Span<char> chars = stackalloc char[256];
        var length = 0;
        for (var column = 0; column < columns; column++)
        {
            starts[column] = length;
            if (column >= fields.Count)
            {
                continue;
            }
            var bytes = CsvTokenizer.Value(data, fields[column], ref scratch);
            // UTF-8 never decodes to more UTF-16 units than it has bytes.
            if (chars.Length - length < bytes.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(chars.Length * 2, length + bytes.Length));
                chars[..length].CopyTo(larger);
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented);
                }
                rented = larger;
                chars = larger;
            }
            length += Encoding.UTF8.GetChars(bytes, chars[length..]);
        }
        starts[columns] = length;
        var text = new string(chars[..length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
        return new RowCells(text, starts);
    }

    /// <summary>The same cells as <see cref="Read"/>, one string each: for a row whose cells are scored against many rows.</summary>
    public static string[] ReadStrings(ReadOnlySpan<byte> data, FieldList fields, int columns, ref byte[] scratch)
    {
        var values = new string[columns];
        for (var column = 0; column < values.Length; column++)
        {
            values[column] = column < fields.Count ? Encoding.UTF8.GetString(CsvTokenizer.Value(data, fields[column], ref scratch)) : "";
        }
        return values;
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

// A small made-up pair of tables for a host whose runtime compiles as it goes (the browser's interpreter) to diff once before
// the first real diff, so that the real one does not pay for compiling.
namespace CsvDiff;

/// <summary>
/// Two made-up tables keyed on <c>id</c> that take a diff through every step: quoted fields with commas, doubled quotes and
/// non-ASCII letters, rows added, and every tenth row changed in one cell.
/// </summary>
public static class WarmUpTables
{
    /// <summary>
    /// The rows in each table. Every step once is what warming needs, and more rows only delay the worker's start; in the
    /// browser, 1,000 rows took about 0.35 s against 0.6–0.8 s for 5,000, with no first diff slower for it (docs/BENCHMARKS.md).
    /// </summary>
    public const int Rows = 1_000;

    // Room for any row: its 37 bytes of fixed text and five numbers of at most 10 digits.
    private const int MaxRowBytes = 96;

    /// <summary>
    /// The pair: row i is <c>{i},name {i % 97},"Zürich, {i % 13}",{i * 7 % 1000}.5,"said ""hi"" {i}"</c>; every tenth row is
    /// renamed (<c>Name</c>) on the right, and every fiftieth (from the second) is missing on the left.
    /// </summary>
    /// <remarks>
    /// Written byte by byte: made with interpolated strings, the tables took a worker's fresh runtime 0.25–0.5 s in the
    /// browser's interpreter, all of it formatting code no diff runs, with the worker deaf to the page meanwhile
    /// (docs/BENCHMARKS.md).
    /// </remarks>
    public static (TableInput Left, TableInput Right) Make()
    {
        ReadOnlySpan<byte> header = "id,name,city,amount,note\n"u8;
        var left = new byte[header.Length + (Rows * MaxRowBytes)];
        var right = new byte[left.Length];
        header.CopyTo(left);
        header.CopyTo(right);
        var (leftLength, rightLength) = (header.Length, header.Length);
        Span<byte> row = stackalloc byte[MaxRowBytes];
        for (var i = 0; i < Rows; i++)
        {
            var length = Row(row, i, renamed: false);
            if (i % 50 != 1)
            {
                row[..length].CopyTo(left.AsSpan(leftLength));
                leftLength += length;
            }
            if (i % 10 == 0)
            {
                length = Row(row, i, renamed: true);
            }
            row[..length].CopyTo(right.AsSpan(rightLength));
            rightLength += length;
        }
        return (new TableInput("left.csv", left.AsMemory(0, leftLength)), new TableInput("right.csv", right.AsMemory(0, rightLength)));
    }

    private static int Row(Span<byte> row, int i, bool renamed)
    {
        var at = Number(row, 0, i);
        at = Text(row, at, renamed ? ",Name "u8 : ",name "u8);
        at = Number(row, at, i % 97);
        at = Text(row, at, ",\"Zürich, "u8);
        at = Number(row, at, i % 13);
        at = Text(row, at, "\","u8);
        at = Number(row, at, i * 7 % 1000);
        at = Text(row, at, ".5,\"said \"\"hi\"\" "u8);
        at = Number(row, at, i);
        return Text(row, at, "\"\n"u8);
    }

    private static int Text(Span<byte> row, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(row[at..]);
        return at + text.Length;
    }

    // A non-negative number in decimal digits.
    private static int Number(Span<byte> row, int at, int value)
    {
        var digits = 1;
        for (var rest = value / 10; rest > 0; rest /= 10)
        {
            digits++;
        }
        for (var end = at + digits - 1; end >= at; end--)
        {
            row[end] = (byte)('0' + (value % 10));
            value /= 10;
        }
        return at + digits;
    }
}

// A small made-up pair of tables for a host whose runtime compiles as it goes (the browser's interpreter) to diff once before
// the first real diff, so that the real one does not pay for compiling.
using System.Globalization;
using System.Text;

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

    /// <summary>The pair: every tenth row renamed on the right, every fiftieth (from the second) missing on the left.</summary>
    public static (TableInput Left, TableInput Right) Make()
    {
        var (left, right) = (new StringBuilder("id,name,city,amount,note\n"), new StringBuilder("id,name,city,amount,note\n"));
        for (var i = 0; i < Rows; i++)
        {
            var row = string.Create(CultureInfo.InvariantCulture, $"{i},name {i % 97},\"Zürich, {i % 13}\",{i * 7 % 1000}.5,\"said \"\"hi\"\" {i}\"\n");
            left.Append(i % 50 == 1 ? "" : row);
            right.Append(i % 10 == 0 ? row.Replace("name", "Name", StringComparison.Ordinal) : row);
        }
        return (new TableInput("left.csv", Encoding.UTF8.GetBytes(left.ToString())), new TableInput("right.csv", Encoding.UTF8.GetBytes(right.ToString())));
    }
}

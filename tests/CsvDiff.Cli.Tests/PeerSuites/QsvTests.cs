// qsv diff's tests: its output table ("-" for a left record, "+" for a right one, a modified row as both), compared as a bag of
// records after csvdiff's result is shown the way the case's presentation flags ask.
using CsvDiff.Writing;

namespace CsvDiff.Cli.Tests.PeerSuites;

public class QsvTests
{
    private static readonly string CasesRoot = PeerSuite.PathOf("qsv", "tests", "test_diff");

    // qsv refuses to key or sort by a name when the two files order their columns differently (csvdiff matches columns by name),
    // and it can read one file with a header and the other without (csvdiff's --no-header applies to both): see the README.
    private static readonly string[] RefusedByQsvOnly =
        ["diff_key_by_column_name_columns_have_different_order_error", "diff_sort_by_column_name_columns_have_different_order_error"];

    private static readonly string[] HeaderOnOneSide = ["diff_only_left_has_headers_headers_in_result", "diff_only_right_has_headers_headers_in_result"];

    public static TheoryData<string> Names() => PeerSuite.Names(Directory.GetDirectories(CasesRoot).Select(d => Path.GetFileName(d)!)
        .Except([.. RefusedByQsvOnly, .. HeaderOnOneSide]).Order(StringComparer.Ordinal));

    [Fact]
    public void The_cases_left_out_are_those_qsv_refuses_for_column_order_or_that_give_one_file_a_header()
    {
        foreach (var name in RefusedByQsvOnly)
        {
            Assert.True(PeerSuite.Json("qsv", "tests", "test_diff", name, "case.json").GetProperty("expected_error").GetBoolean());
            Assert.NotNull(Run(name).Result);
        }
        foreach (var name in HeaderOnOneSide)
        {
            var args = PeerSuite.Json("qsv", "tests", "test_diff", name, "case.json").GetProperty("args").Strings();
            Assert.NotEqual(args.Contains("--no-headers-left"), args.Contains("--no-headers-right"));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Case_agrees(string name)
    {
        var (result, args) = Run(name);
        var expectedBytes = File.ReadAllBytes(Path.Combine(CasesRoot, name, "expected.csv"));
        string? Flag(string flag) => args.IndexOf(flag) is var i and >= 0 ? args[i + 1] : null;
        // --delimiter sets every delimiter, the output's included, over the flags for each one.
        var outputDelimiter = (Flag("--delimiter") ?? Flag("--delimiter-output") ?? ",")[0];
        var outputHeader = !args.Contains("--no-headers-output");
        var expected = CsvDocument.Read(new TableInput("expected.csv", expectedBytes), new CsvFormat { Delimiter = outputDelimiter, HasHeader = false });
        if (expected.Rows.Count == 0)
        {
            Assert.False(result!.Rows.Any(r => r.Type != RowChangeType.Unchanged), "qsv expects no difference");
            return;
        }

        // The columns shown: the header qsv wrote (generic names stand for positions), or with no header every column.
        var columns = result!.Columns.Right.Count > 0 ? result.Columns.Right : result.Columns.Left;
        var shown = outputHeader ? expected.Rows[0].Skip(1).Select(c => c.StartsWith("_col_", StringComparison.Ordinal) ? c[5..] : c).ToList() : [.. columns];
        var keyColumns = result.Key.ToHashSet();
        var dropEqualFields = args.Contains("--drop-equal-fields");
        var ours = new List<string>();
        foreach (var row in result.Rows.Where(r => r.Type != RowChangeType.Unchanged))
        {
            var left = row.LeftValues is { } l ? PeerSuite.ByName(result.Columns.Left, l) : null;
            var right = row.RightValues is { } r ? PeerSuite.ByName(result.Columns.Right, r) : null;
            string Field(Dictionary<string, string> side, string column) =>
                dropEqualFields && left is not null && right is not null && !keyColumns.Contains(column) && left[column] == right[column] ? "" : side[column];
            if (left is not null)
            {
                ours.Add("- " + PeerSuite.Record(shown.Select(c => Field(left, c))));
            }
            if (right is not null)
            {
                ours.Add("+ " + PeerSuite.Record(shown.Select(c => Field(right, c))));
            }
        }
        Assert.Equal(PeerSuite.Bag(expected.Rows.Skip(outputHeader ? 1 : 0).Select(r => r[0] + " " + PeerSuite.Record(r.Skip(1)))), PeerSuite.Bag(ours));
    }

    // qsv keys by the first column unless told; its --key takes positions (0-based) or names. Delimiters are detected per file.
    private static (DiffResult? Result, List<string> Args) Run(string name)
    {
        var test = PeerSuite.Json("qsv", "tests", "test_diff", name, "case.json");
        var args = test.GetProperty("args").Strings();
        var key = args.IndexOf("--key") is var k and >= 0 ? args[k + 1] : args.IndexOf("-k") is var s and >= 0 ? args[s + 1] : "0";
        var left = File.ReadAllBytes(Path.Combine(CasesRoot, name, test.Text("left")!));
        var right = File.ReadAllBytes(Path.Combine(CasesRoot, name, test.Text("right")!));
        var noHeaderLeft = args.Contains("--no-headers-left");
        var noHeaderRight = args.Contains("--no-headers-right");
        // One file's header flag applies to both; an empty file has none to apply.
        var hasHeader = !(left.Length == 0 ? noHeaderRight : noHeaderLeft);
        Assert.True(left.Length == 0 || right.Length == 0 || noHeaderLeft == noHeaderRight, "a header on one side only");
        var options = new DiffOptions
        {
            Key = [.. key.Split(',').Select(p => int.TryParse(p, out var position) ? (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : p)],
            DetectRenames = false,
            Csv = new CsvFormat { HasHeader = hasHeader },
        };
        return (TableDiff.Compare(new TableInput("left.csv", left), new TableInput("right.csv", right), options), args);
    }
}

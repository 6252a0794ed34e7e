// janriemer/csv-diff's tests: rows keyed by column positions, reported with their whole records and lines, or an error at a line.
using System.Text.Json;

namespace CsvDiff.Cli.Tests.PeerSuites;

public class JanriemerTests
{
    private static readonly string CasesRoot = PeerSuite.PathOf("janriemer-csv-diff", "cases");

    /// <summary>
    /// Cases that set a header on one side only where neither side is empty: csvdiff's --no-header applies to both files, so
    /// they do not apply (the README says so).
    /// </summary>
    public static IEnumerable<string> OneSidedHeaders() => Directory.GetDirectories(CasesRoot).Select(Path.GetFileName)
        .Where(name => Test(name!) is var (test, left, right) && HasHeaders(test) is [var l, var r] && l != r && left.Length > 0 && right.Length > 0)!;

    public static TheoryData<string> Names() =>
        PeerSuite.Names(Directory.GetDirectories(CasesRoot).Select(d => Path.GetFileName(d)).Except(OneSidedHeaders()).Order(StringComparer.Ordinal));

    [Fact]
    public void Only_the_cases_with_a_header_on_one_side_are_left_out() =>
        Assert.Equal(["diff_one_line_one_has_headers_one_does_not_no_diff", "diff_one_line_one_with_header_and_one_not_added_one_line",
            "diff_one_line_one_with_header_and_one_not_deleted_one_line"], OneSidedHeaders().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Names))]
    public void Case_agrees(string name)
    {
        var (test, leftBytes, rightBytes) = Test(name);
        var headers = HasHeaders(test);
        // A header flag on an empty file changes nothing; the other file's flag holds for both.
        var hasHeader = leftBytes.Length == 0 ? headers[1] : headers[0];
        var options = new DiffOptions
        {
            Key = [.. test.GetProperty("primary_key_columns").EnumerateArray().Select(i => (i.GetInt32() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))],
            DetectRenames = false,
            Csv = new CsvFormat { HasHeader = hasHeader },
        };
        var (left, right) = (new TableInput("left.csv", leftBytes), new TableInput("right.csv", rightBytes));
        if (test.TryGetProperty("error", out var error))
        {
            var thrown = Assert.Throws<CsvDiffException>(() => TableDiff.Compare(left, right, options));
            Assert.Equal(error.GetProperty("line").GetInt32(), thrown.Line);
            Assert.Contains($"has {error.GetProperty("len").GetInt32()} fields but the header has {error.GetProperty("expected_len").GetInt32()}", thrown.Message, StringComparison.Ordinal);
            return;
        }
        var result = TableDiff.Compare(left, right, options);
        static string Side(JsonElement side) => $"{PeerSuite.Record(side.GetProperty("record").Strings())}@{side.GetProperty("line").GetInt32()}";
        Assert.Equal(
            PeerSuite.Bag(test.GetProperty("expected").EnumerateArray().Select(e => e.EnumerateObject().Single() switch
            {
                { Name: "Add" } add => "+ " + Side(add.Value),
                { Name: "Delete" } delete => "- " + Side(delete.Value),
                var modify => $"~ {Side(modify.Value.GetProperty("delete"))} {Side(modify.Value.GetProperty("add"))}",
            })),
            PeerSuite.Bag(result.Rows.Select(r => r.Type switch
            {
                RowChangeType.Added => $"+ {PeerSuite.Record(r.RightValues!)}@{r.RightLine}",
                RowChangeType.Removed => $"- {PeerSuite.Record(r.LeftValues!)}@{r.LeftLine}",
                _ => $"~ {PeerSuite.Record(r.LeftValues!)}@{r.LeftLine} {PeerSuite.Record(r.RightValues!)}@{r.RightLine}",
            })));
    }

    private static (JsonElement Test, byte[] Left, byte[] Right) Test(string name) => (
        PeerSuite.Json("janriemer-csv-diff", "cases", name, "expected.json"),
        File.ReadAllBytes(Path.Combine(CasesRoot, name, "left.csv")),
        File.ReadAllBytes(Path.Combine(CasesRoot, name, "right.csv")));

    private static bool[] HasHeaders(JsonElement test) => [.. test.GetProperty("has_headers").EnumerateArray().Select(b => b.GetBoolean())];
}

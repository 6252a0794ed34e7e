// aswinkarthik/csvdiff's tests: headerless files keyed by column positions, rows reported whole (or projected onto --include).
using System.Text.Json;

namespace CsvDiff.Cli.Tests.PeerSuites;

public class AswinkarthikTests
{
    private static readonly JsonElement[] Cases = [.. PeerSuite.Json("aswinkarthik-csvdiff", "cases.json").EnumerateArray()];

    public static TheoryData<string> Names() => PeerSuite.Names(Cases.Select(c => c.Text("source")!));

    [Theory]
    [MemberData(nameof(Names))]
    public void Case_agrees(string source)
    {
        var test = Cases.Single(c => c.Text("source") == source);
        static List<string> Positions(JsonElement array) => [.. array.EnumerateArray().Select(i => (i.GetInt32() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))];
        // Its positions are 0-based; csvdiff names the columns of a headerless file 1..N. It has no header row: every line is data.
        var options = new DiffOptions
        {
            Key = Positions(test.GetProperty("key")),
            OnlyColumns = test.TryGetProperty("value_columns", out var values) ? Positions(values) : [],
            DetectRenames = false,
            Csv = new CsvFormat { Delimiter = test.Text("separator")![0], HasHeader = false },
        };
        var left = PeerSuite.Input(PeerSuite.PathOf("aswinkarthik-csvdiff", test.Text("base")!));
        var right = PeerSuite.Input(PeerSuite.PathOf("aswinkarthik-csvdiff", test.Text("delta")!));
        if (test.TryGetProperty("expected_error", out _))
        {
            Assert.Throws<CsvDiffException>(() => TableDiff.Compare(left, right, options));
            return;
        }
        var result = TableDiff.Compare(left, right, options);
        int[]? include = test.TryGetProperty("include", out var columns) ? [.. columns.EnumerateArray().Select(c => c.GetInt32())] : null;
        // With --include its rows are text: the included fields joined by the separator.
        string Row(JsonElement row) => row.ValueKind == JsonValueKind.String ? row.GetString()! : PeerSuite.Record(row.Strings());
        string Ours(IReadOnlyList<string> row) => include is null ? PeerSuite.Record(row) : string.Join(test.Text("separator"), include.Select(i => row[i]));

        var expected = test.GetProperty("expected");
        Assert.Equal(
            PeerSuite.Bag([
                .. expected.GetProperty("Additions").EnumerateArray().Select(r => "+ " + Row(r)),
                .. expected.GetProperty("Deletions").EnumerateArray().Select(r => "- " + Row(r)),
                .. expected.GetProperty("Modifications").EnumerateArray().Select(m => $"~ {Row(m.GetProperty("Original"))} {Row(m.GetProperty("Current"))}"),
            ]),
            PeerSuite.Bag(result.Rows.Select(r => r.Type switch
            {
                RowChangeType.Added => "+ " + Ours(r.RightValues!),
                RowChangeType.Removed => "- " + Ours(r.LeftValues!),
                _ => $"~ {Ours(r.LeftValues!)} {Ours(r.RightValues!)}",
            })));
    }
}

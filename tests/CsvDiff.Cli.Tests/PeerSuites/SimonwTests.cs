// simonw/csv-diff's tests: its dictionary results and its human-readable text, from csvdiff's result on the same files.
using System.Text;
using System.Text.Json;

namespace CsvDiff.Cli.Tests.PeerSuites;

public class SimonwTests
{
    private static readonly JsonElement[] Cases = [.. PeerSuite.Json("simonw-csv-diff", "cases.json").EnumerateArray()];

    public static TheoryData<string> Names() => PeerSuite.Names(Cases.Select(c => c.Text("source")!));

    [Theory]
    [MemberData(nameof(Names))]
    public void Case_agrees(string source)
    {
        var test = Cases.Single(c => c.Text("source") == source);
        var key = test.Text("key");
        // simonw/csv-diff without a key compares rows as wholes, as csvdiff's content mode does with similar rows left unpaired;
        // it reads a row with an extra field (FIVE.csv) as csvdiff does with --allow-ragged.
        var options = new DiffOptions
        {
            Key = key is null ? [] : [key],
            Similarity = key is null ? 1 : 0.5,
            DetectRenames = false,
            Csv = new CsvFormat { Delimiter = test.Text("format") == "csv" ? ',' : null, AllowRagged = true },
        };
        var left = PeerSuite.Input(PeerSuite.PathOf("simonw-csv-diff", "tests", test.Text("left")!));
        var right = PeerSuite.Input(PeerSuite.PathOf("simonw-csv-diff", "tests", test.Text("right")!));
        if (test.TryGetProperty("expected_exit_code", out _))
        {
            // Its CLI exits 1 on an error; csvdiff's error is an exception here and exit status 2 at the command line.
            Assert.Throws<CsvDiffException>(() => TableDiff.Compare(left, right, options));
            return;
        }
        var result = TableDiff.Compare(left, right, options);
        if (test.TryGetProperty("expected", out var expected))
        {
            Assert.Equal(Expected(expected), Actual(result));
        }
        else
        {
            var singular = test.Text("singular") ?? "row";
            var plural = test.Text("plural") ?? "rows";
            var showUnchanged = test.TryGetProperty("show_unchanged", out var show) && show.GetBoolean();
            Assert.Equal(test.Text("expected_human_text"), HumanText(result, key ?? "", singular, plural, showUnchanged));
        }
    }

    private static List<string> Expected(JsonElement expected) =>
    [
        .. expected.GetProperty("added").EnumerateArray().Select(r => "added " + PeerSuite.Dictionary(Cells(r))),
        .. expected.GetProperty("removed").EnumerateArray().Select(r => "removed " + PeerSuite.Dictionary(Cells(r))),
        .. expected.GetProperty("changed").EnumerateArray().Select(r => "changed " + r.Text("key") + " " +
            PeerSuite.Dictionary(r.GetProperty("changes").EnumerateObject().ToDictionary(c => c.Name, c => string.Join(" => ", c.Value.Strings())))),
        .. expected.GetProperty("columns_added").Strings().Select(c => "column added " + c),
        .. expected.GetProperty("columns_removed").Strings().Select(c => "column removed " + c),
    ];

    private static List<string> Actual(DiffResult result) =>
    [
        .. result.Rows.Where(r => r.Type == RowChangeType.Added).Select(r => "added " + PeerSuite.Dictionary(PeerSuite.ByName(result.Columns.Right, r.RightValues!))),
        .. result.Rows.Where(r => r.Type == RowChangeType.Removed).Select(r => "removed " + PeerSuite.Dictionary(PeerSuite.ByName(result.Columns.Left, r.LeftValues!))),
        .. result.Rows.Where(r => r.Type == RowChangeType.Modified).Select(r => "changed " + r.Key[0] + " " +
            PeerSuite.Dictionary(r.Changes.ToDictionary(c => c.Column, c => c.OldValue + " => " + c.NewValue))),
        .. result.Columns.Added.Select(c => "column added " + c),
        .. result.Columns.Removed.Select(c => "column removed " + c),
    ];

    private static Dictionary<string, string> Cells(JsonElement row) => row.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");

    // The peer's own wording of a result, so that its expected text can be compared line for line with csvdiff's findings.
    private static string HumanText(DiffResult result, string key, string singular, string plural, bool showUnchanged)
    {
        string Count(int n, string one, string many, string verb) => $"{n} {(n == 1 ? one : many)} {verb}";
        var rows = result.Rows;
        var blocks = new List<(string Title, List<string> Items)>
        {
            (Count(result.Columns.Added.Count, "column", "columns", "added"), [.. result.Columns.Added.Select(c => "  " + c)]),
            (Count(result.Columns.Removed.Count, "column", "columns", "removed"), [.. result.Columns.Removed.Select(c => "  " + c)]),
            (Count(result.Summary.Modified, singular, plural, "changed"), [.. rows.Where(r => r.Type == RowChangeType.Modified).Select(r =>
            {
                var text = new StringBuilder($"  {key}: {r.Key[0]}");
                foreach (var change in r.Changes)
                {
                    text.Append($"\n    {change.Column}: \"{change.OldValue}\" => \"{change.NewValue}\"");
                }
                if (showUnchanged)
                {
                    text.Append("\n\n    Unchanged:");
                    var changed = r.Changes.Select(c => c.Column).Append(key).ToHashSet();
                    foreach (var (column, value) in result.Columns.Right.Zip(r.RightValues!).Where(p => !changed.Contains(p.First)))
                    {
                        text.Append($"\n      {column}: \"{value}\"");
                    }
                }
                return text.ToString();
            })]),
            (Count(result.Summary.Added, singular, plural, "added"), [.. rows.Where(r => r.Type == RowChangeType.Added).Select(r =>
                string.Join("\n", result.Columns.Right.Zip(r.RightValues!).Select(p => $"  {p.First}: {p.Second}")))]),
            (Count(result.Summary.Removed, singular, plural, "removed"), [.. rows.Where(r => r.Type == RowChangeType.Removed).Select(r =>
                string.Join("\n", result.Columns.Left.Zip(r.LeftValues!).Select(p => $"  {p.First}: {p.Second}")))]),
        };
        var present = blocks.Where(b => b.Items.Count > 0).ToList();
        var text = string.Join(", ", present.Select(b => b.Title));
        foreach (var (title, items) in present)
        {
            // Column names stand one to a line; rows are set apart by a blank line.
            var separator = title.Contains("column", StringComparison.Ordinal) ? "\n" : "\n\n";
            text += (present.Count > 1 ? $"\n\n{title}" : "") + "\n\n" + string.Join(separator, items);
        }
        return text;
    }
}

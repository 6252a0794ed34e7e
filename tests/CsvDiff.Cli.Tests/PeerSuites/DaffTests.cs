// daff's tests: round trips over every ordered pair of its tables through csvdiff's highlighter diff and `csvdiff patch`, and its
// alignments, summaries, cells and rendered diffs compared with csvdiff's result on the same tables.
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvDiff.Patching;
using CsvDiff.Rendering;
using CsvDiff.Writing;

namespace CsvDiff.Cli.Tests.PeerSuites;

public partial class DaffTests
{
    private static readonly JsonElement Suite = PeerSuite.Json("daff", "cases.json");
    private static readonly JsonElement[] Cases = [.. Suite.GetProperty("cases").EnumerateArray()];

    // daff compares by content unless given a key, and its diffs show the rows a patch needs: csvdiff's highlighter options.
    private static readonly DiffOptions Content = new() { PatchContext = true };

    private static Dictionary<string, string> Tables { get; } = LoadTables();

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Tables.Keys)
        {
            foreach (var to in Tables.Keys)
            {
                data.Add(from, to);
            }
        }
        return data;
    }

    [Fact]
    public void The_round_trips_cover_every_ordered_pair_of_the_23_tables() => Assert.Equal(23 * 23, Pairs().Count);

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Round_trip(string from, string to)
    {
        var (left, right) = (Input(from, Tables[from]), Input(to, Tables[to]));
        var diff = DiffWriters.WriteToString(TableDiff.Compare(left, right, Content), OutputFormat.Highlighter);
        var patched = TablePatch.Apply(left, Input("diff.csv", diff), new CsvFormat());
        var expected = CsvDocument.Read(right, new CsvFormat());
        Assert.Equal(expected.Columns, patched.Columns);
        Assert.Equal(expected.Rows, patched.Rows);
    }

    public static TheoryData<string> Names() => PeerSuite.Names(Cases.Select(c => c.Text("id")!).Except(DifferByDesign.Keys));

    /// <summary>Cases where csvdiff's semantics differ from daff's on purpose, each with the reason the README gives.</summary>
    private static readonly Dictionary<string, string> DifferByDesign = new()
    {
        ["test_alignment/4"] = Ambiguous,
        ["test_alignment/6"] = RemovedFirst,
        ["test_column_alignment/1"] = RemovedFirst,
        ["test_column_alignment/2"] = RemovedFirst,
        ["test_column_alignment/3"] = RemovedFirst,
        ["BasicTest/testNamedID"] = RemovedFirst,
    };

    private const string Ambiguous = "a row as like two rows as like each other is paired with the first; daff pairs it with neither";
    private const string RemovedFirst = "where rows are removed and added at one place, the removed come first; daff lists the added first";

    [Theory]
    [MemberData(nameof(Names))]
    public void Case_agrees(string id)
    {
        var test = Cases.Single(c => c.Text("id") == id);
        var left = File.ReadAllText(PeerSuite.PathOf("daff", test.Text("left")!));
        if (test.TryGetProperty("left_remove_column", out var removed))
        {
            left = RemoveColumn(left, removed.GetInt32());
        }
        var options = test.Text("primary_key") is { } key ? Content with { Key = [key] } : Content;
        // Cells and alignments are addressed by position in daff's full table, unchanged rows included.
        var everyRow = test.TryGetProperty("diff_cell", out _) || test.TryGetProperty("align", out _) || test.TryGetProperty("order", out _);
        options = everyRow ? options with { IncludeUnchanged = true } : options;
        var result = TableDiff.Compare(Input("left.csv", left), Input("right.csv", File.ReadAllText(PeerSuite.PathOf("daff", test.Text("right")!))), options);
        var table = HighlighterTable.For(result);
        var rows = table.Rows(result).ToList();

        if (test.TryGetProperty("align", out var align))
        {
            var pairs = Pairs(result);
            foreach (var pair in align.EnumerateArray())
            {
                static int Index(JsonElement index) => index.ValueKind == JsonValueKind.Null ? -1 : index.GetInt32();
                var (l, r) = (Index(pair[0]), Index(pair[1]));
                Assert.Contains((l, r), pairs);
            }
        }
        if (test.TryGetProperty("order", out var order))
        {
            Assert.Equal(order.EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32())), Pairs(result));
        }
        if (test.TryGetProperty("column_order", out var columnOrder))
        {
            // A renamed column is one column under two names, as daff aligns it.
            var renamedTo = result.Columns.Renamed.ToDictionary(r => r.From, r => r.To);
            var (leftColumns, rightColumns) = (result.Columns.Left.ToList(), result.Columns.Right.ToList());
            var rightNames = leftColumns.Select(c => renamedTo.GetValueOrDefault(c, c)).ToList();
            var expected = columnOrder.EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32())).Order();
            var ours = rightNames.Select((c, i) => (i, rightColumns.IndexOf(c)))
                .Concat(rightColumns.Select((c, i) => (rightNames.IndexOf(c), i)).Where(p => p.Item1 < 0)).Order();
            Assert.Equal(expected, ours);
        }
        if (test.TryGetProperty("summary", out var summary))
        {
            foreach (var count in summary.EnumerateObject())
            {
                Assert.True(count.Value.GetInt32() == Summary(result, count.Name), $"{count.Name}: daff {count.Value}, csvdiff {Summary(result, count.Name)}");
            }
        }
        if (test.TryGetProperty("diff_cell", out var cell))
        {
            var row = rows[cell.GetProperty("y").GetInt32()];
            var x = cell.GetProperty("x").GetInt32();
            Assert.Equal(cell.Text("value"), x == 0 ? row.Action : row.Cells[x - 1].Text);
        }
        if (test.Text("expected_highlighter") is { } highlighter)
        {
            var expected = CsvDocument.Read(PeerSuite.Input(PeerSuite.PathOf("daff", highlighter)), new CsvFormat { HasHeader = false });
            Assert.Equal(Changes(expected.Rows.Select(r => (r[0], (IReadOnlyList<string>)r[1..]))), Changes(rows.Select(Cells)));
        }
        if (test.Text("expected_html") is { } html)
        {
            Assert.Equal(Changes(HtmlRows(File.ReadAllText(PeerSuite.PathOf("daff", html)))), Changes(rows.Select(Cells)));
        }
        if (test.TryGetProperty("expected_html_contains", out var contains))
        {
            var ours = HtmlDiffWriterCells(rows);
            foreach (var fragment in contains.Strings())
            {
                var match = HtmlCell().Match(fragment);
                // daff's page shows a leading space as ␣ and its arrow as →; csvdiff's cells hold the values as they are.
                var text = WebUtility.HtmlDecode(match.Groups["text"].Value).Replace('␣', ' ').Replace("→", "->", StringComparison.Ordinal);
                Assert.Contains((match.Groups["class"].Value, text), ours);
            }
        }
    }

    [Fact]
    public void The_cases_left_out_differ_only_as_the_readme_says()
    {
        foreach (var (id, reason) in DifferByDesign)
        {
            var test = Cases.Single(c => c.Text("id") == id);
            var options = test.Text("primary_key") is { } key ? Content with { Key = [key], IncludeUnchanged = true } : Content with { IncludeUnchanged = true };
            var result = TableDiff.Compare(PeerSuite.Input(PeerSuite.PathOf("daff", test.Text("left")!)), PeerSuite.Input(PeerSuite.PathOf("daff", test.Text("right")!)), options);
            var ours = Pairs(result);
            if (reason == Ambiguous)
            {
                Assert.Contains(result.Rows, r => r.Type == RowChangeType.Modified && r.RightValues![0] == "John");
            }
            else if (test.TryGetProperty("order", out var order))
            {
                // The same rows paired and unpaired, in an order that differs only where removed and added rows meet.
                var expected = order.EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32())).ToList();
                Assert.NotEqual(expected, ours);
                Assert.Equal(expected.Order(), ours.Order());
            }
            else
            {
                var table = HighlighterTable.For(result);
                Assert.Contains(table.Rows(result), r => r.Action == "---" && r.Cells[2].Text == test.GetProperty("diff_cell").Text("value"));
            }
        }
    }

    // (left row, right row) in the result's order, the header as row 0 and -1 for a side without the row: daff's alignment indices.
    private static List<(int Left, int Right)> Pairs(DiffResult result) =>
        [(0, 0), .. result.Rows.Select(r => (RowIndex(r.LeftLine), RowIndex(r.RightLine)))];

    private static int RowIndex(int? line) => line is { } l ? l - 1 : -1;

    private static int Summary(DiffResult result, string name) => name switch
    {
        "row_deletes" => result.Summary.Removed,
        "row_inserts" => result.Summary.Added,
        "row_updates" => result.Summary.Modified,
        "col_deletes" => result.Columns.Removed.Count,
        "col_inserts" => result.Columns.Added.Count,
        "col_updates" => result.Rows.SelectMany(r => r.Changes).Select(c => c.Column).Distinct().Count(),
        "col_reorders" => result.Columns.Reordered.Count,
        "row_count_initial" => result.Left.RowCount,
        "row_count_final" => result.Right.RowCount,
        _ => throw new ArgumentException($"unknown summary count {name}"),
    };

    // What a highlighter table changes: its schema and header rows and its rows of changes; context rows ("", "...") aside.
    private static List<string> Changes(IEnumerable<(string Action, IReadOnlyList<string> Cells)> rows) => PeerSuite.Bag(rows
        .Where(r => r.Action is not ("" or "..." or ":"))
        .Select(r => PeerSuite.Record([r.Action, .. r.Cells])));

    private static (string, IReadOnlyList<string>) Cells(HighlighterRow row) => (row.Action, [.. row.Cells.Select(c => c.Text)]);

    private static IEnumerable<(string, IReadOnlyList<string>)> HtmlRows(string html)
    {
        foreach (Match row in HtmlRow().Matches(html))
        {
            var cells = HtmlAnyCell().Matches(row.Value)
                .Where(c => !c.Groups["class"].Value.Contains("index", StringComparison.Ordinal))
                // daff's page writes a cell a row does not have (an added column's, in a removed row) as "null"; csvdiff leaves it empty.
                .Select(c => WebUtility.HtmlDecode(c.Groups["text"].Value).Replace("→", "->", StringComparison.Ordinal) is var text && text == "null" ? "" : text)
                .ToList();
            if (cells.Count > 0)
            {
                yield return (cells[0], cells[1..]);
            }
        }
    }

    // The (class, text) of each data cell as daff's page would classify it: added-column cells "add", changed cells "modify".
    private static HashSet<(string, string)> HtmlDiffWriterCells(List<HighlighterRow> rows) =>
        [.. rows.SelectMany(r => r.Cells).Select(c => (c.Kind switch { CellKind.Added => "add", CellKind.Changed => "modify", CellKind.Removed => "remove", _ => "" }, c.Text))];

    private static TableInput Input(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    private static string RemoveColumn(string csv, int column)
    {
        var document = CsvDocument.Read(Input("t.csv", csv), new CsvFormat());
        var kept = new CsvDocument([.. document.Columns.Where((_, i) => i != column)], [.. document.Rows.Select(r => r.Where((_, i) => i != column).ToArray())], document.Form);
        using var buffer = new MemoryStream();
        kept.Write(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // The tables of daff's round trip: its 19 files, then bridges with each column removed in turn and with its first header renamed.
    private static Dictionary<string, string> LoadTables()
    {
        var roundTrip = Suite.GetProperty("round_trip");
        var tables = roundTrip.GetProperty("tables").Strings().ToDictionary(path => path, path => File.ReadAllText(PeerSuite.PathOf("daff", path)));
        foreach (var derived in roundTrip.GetProperty("derived_tables").EnumerateArray())
        {
            var source = tables[derived.Text("from")!];
            if (derived.TryGetProperty("remove_column", out var column))
            {
                tables[derived.Text("name")!] = RemoveColumn(source, column.GetInt32());
            }
            else
            {
                var set = derived.GetProperty("set_cell");
                Assert.Equal((0, 0), (set.GetProperty("x").GetInt32(), set.GetProperty("y").GetInt32()));
                tables[derived.Text("name")!] = set.Text("value") + source[source.IndexOf(',', StringComparison.Ordinal)..];
            }
        }
        return tables;
    }

    [GeneratedRegex("<tr[^>]*>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex HtmlRow();

    [GeneratedRegex("<t[dh](?: class=\"(?<class>[^\"]*)\")?>(?<text>.*?)</t[dh]>", RegexOptions.Singleline)]
    private static partial Regex HtmlAnyCell();

    [GeneratedRegex("<td(?: class=\"(?<class>[^\"]*)\")?>(?<text>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex HtmlCell();
}

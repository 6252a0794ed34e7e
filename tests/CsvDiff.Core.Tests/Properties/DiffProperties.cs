// Property tests: random tables with random edits must come back as exactly those edits, identically at any partitioning.
using CsCheck;
using CsvDiff.Reading;
using CsvDiff.Rendering;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Properties;

public class DiffProperties
{
    // One iteration over a fixed-seed array of cases: deterministic in CI, and CsCheck still shrinks a failing array.
    private static void ForCases<T>(Gen<T> gen, Action<T> check, int cases = 150, uint stream = 1) =>
        gen.Array[cases].Sample(all =>
        {
            foreach (var item in all)
            {
                check(item);
            }
        }, seed: new PCG(stream, 20261124).ToString(), iter: 1, threads: 1);

    [Fact]
    public void Keyed_diff_reports_exactly_the_edits_made()
    {
        ForCases(Scenarios.Keyed, scenario =>
        {
            var result = TableDiff.Compare(scenario.LeftInput, scenario.RightInput, scenario.Options);
            var leftById = scenario.Left.ToDictionary(r => r[0]);
            var rightById = scenario.Right.ToDictionary(r => r[0]);
            var expectedModified = scenario.Edits.Where(e => e.Value == Edit.Modify && !leftById[e.Key].SequenceEqual(rightById[e.Key]))
                .Select(e => e.Key).ToHashSet();
            var expectedRemoved = scenario.Edits.Where(e => e.Value == Edit.Remove).Select(e => e.Key).ToHashSet();

            Assert.Equal(DiffMode.Key, result.Mode);
            Assert.Equal(expectedRemoved.Order(), result.Rows.Where(r => r.Type == RowChangeType.Removed).Select(r => r.Key[0]).Order());
            Assert.Equal(scenario.Inserted.Order(), result.Rows.Where(r => r.Type == RowChangeType.Added).Select(r => r.Key[0]).Order());
            Assert.Equal(expectedModified.Order(), result.Rows.Where(r => r.Type == RowChangeType.Modified).Select(r => r.Key[0]).Order());
            Assert.Equal(scenario.Left.Count - expectedRemoved.Count - expectedModified.Count, result.Summary.Unchanged);
            foreach (var row in result.Rows)
            {
                var id = row.Key[0];
                switch (row.Type)
                {
                    case RowChangeType.Modified:
                        var expectedChanges = scenario.Header.Select((name, c) => (name, old: leftById[id][c], @new: rightById[id][c]))
                            .Where(c => c.old != c.@new);
                        Assert.Equal(expectedChanges, row.Changes.Select(c => (c.Column, c.OldValue, c.NewValue)));
                        Assert.Equal(leftById[id], row.LeftValues);
                        Assert.Equal(rightById[id], row.RightValues);
                        break;
                    case RowChangeType.Added:
                        Assert.Equal(rightById[id], row.RightValues);
                        break;
                    case RowChangeType.Removed:
                        Assert.Equal(leftById[id], row.LeftValues);
                        break;
                }
            }
        });
    }

    [Fact]
    public void Lines_point_at_the_records_they_name()
    {
        ForCases(Scenarios.Keyed, scenario =>
        {
            var result = TableDiff.Compare(scenario.LeftInput, scenario.RightInput, scenario.Options);
            var leftLines = LineStarts(scenario.Header, scenario.Left, scenario.LeftStyle);
            var rightLines = LineStarts(scenario.Header, scenario.Right, scenario.RightStyle);
            foreach (var row in result.Rows)
            {
                if (row.LeftLine is { } l)
                {
                    Assert.Equal(leftLines[row.Key[0]], l);
                }
                if (row.RightLine is { } r)
                {
                    Assert.Equal(rightLines[row.Key[0]], r);
                }
            }
        }, cases: 60, stream: 2);
    }

    // Where each record starts, counted independently of the reader: line breaks in the text written before it.
    private static Dictionary<string, int> LineStarts(string[] header, List<string[]> rows, CsvStyle style)
    {
        var lines = new Dictionary<string, int>();
        var line = 1 + CountBreaks(CsvText.Write([header], style with { FinalNewLine = true }));
        foreach (var row in rows)
        {
            lines[row[0]] = line;
            line += CountBreaks(CsvText.Write([row], style with { FinalNewLine = true }));
        }
        return lines;
    }

    private static int CountBreaks(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Count(c => c is '\n' or '\r');

    [Fact]
    public void A_table_compared_with_itself_has_no_differences()
    {
        ForCases(Scenarios.Keyed, scenario =>
        {
            foreach (var options in new[] { scenario.Options, scenario.Options with { Key = [] } })
            {
                var result = TableDiff.Compare(scenario.LeftInput, scenario.LeftInput, options);
                Assert.False(result.HasDifferences);
                Assert.Empty(result.Rows);
                Assert.Equal(scenario.Left.Count, result.Summary.Unchanged);
            }
        }, cases: 80, stream: 3);
    }

    [Fact]
    public void Output_is_identical_however_partitions_run()
    {
        ForCases(Scenarios.Keyed, scenario =>
        {
            foreach (var options in new[] { scenario.Options, scenario.Options with { Key = [] }, scenario.Options with { Key = [], Similarity = 0.2 } })
            {
                var expected = Json(TableDiff.Compare(scenario.LeftInput, scenario.RightInput, options, Executions.Sequential));
                foreach (var execution in Executions.Partitioned())
                {
                    Assert.Equal(expected, Json(TableDiff.Compare(scenario.LeftInput, scenario.RightInput, options, execution)));
                }
            }
        }, cases: 60, stream: 4);
    }

    [Fact]
    public void Content_mode_pairs_rows_changed_in_one_cell_and_keeps_the_rest_whole()
    {
        ForCases(Scenarios.Content, scenario =>
        {
            var (left, right, removed, inserted, modified) = scenario;
            var header = Enumerable.Range(1, left.FirstOrDefault()?.Length ?? right.FirstOrDefault()?.Length ?? 2).Select(c => $"c{c}").ToArray();
            var result = TableDiff.Compare(CsvText.Input("l.csv", CsvText.Write(header, left)), CsvText.Input("r.csv", CsvText.Write(header, right)), new DiffOptions());
            Assert.Equal(DiffMode.Content, result.Mode);
            Assert.Equal(new DiffSummary(inserted, removed, modified, left.Count - removed - modified), result.Summary);
            Assert.All(result.Rows.Where(r => r.Type == RowChangeType.Modified), r => Assert.Single(r.Changes));
        }, stream: 5);
    }

    [Fact]
    public void Content_mode_treats_tables_as_multisets_of_rows()
    {
        var rowGen = Gen.OneOf("a,1", "a,1", "b,2", "c,3", "a,2");
        ForCases(Gen.Select(rowGen.Array[0, 12], rowGen.Array[0, 12]), pair =>
        {
            var (leftRows, rightRows) = pair;
            var left = CsvText.Input("l.csv", "x,y\n" + string.Join("\n", leftRows));
            var right = CsvText.Input("r.csv", "x,y\n" + string.Join("\n", rightRows));
            // Similarity 1 pairs nothing that is not identical, so what remains is the multiset difference.
            var result = TableDiff.Compare(left, right, new DiffOptions { Similarity = 1 });
            var common = leftRows.GroupBy(r => r).Sum(g => Math.Min(g.Count(), rightRows.Count(r => r == g.Key)));
            Assert.Equal(new DiffSummary(rightRows.Length - common, leftRows.Length - common, 0, common), result.Summary);
        }, stream: 6);
    }

    [Fact]
    public void Written_tables_read_back_cell_for_cell()
    {
        var tables = from columns in Gen.Int[1, 5]
                     from rows in Scenarios.Cell.Array[columns].Array[0, 20]
                     from crlf in Gen.Bool
                     from quoteAll in Gen.Bool
                     from finalNewLine in Gen.Bool
                     from delimiter in Gen.OneOf(',', ';', '\t', '|')
                     select (rows, new CsvStyle(delimiter, crlf ? "\r\n" : "\n", quoteAll, false, finalNewLine));
        ForCases(tables, sample =>
        {
            var (rows, style) = sample;
            var table = TableReader.Read(CsvText.Input("t.csv", CsvText.Write(rows, style)),
                new CsvFormat { HasHeader = false, Delimiter = style.Delimiter }, null, default);
            var fields = new FieldList();
            var scratch = new byte[4];
            Assert.Equal(rows, Enumerable.Range(0, table.RowCount).Select(r => table.GetRowValues(r, fields, ref scratch)));
        }, stream: 7);
    }

    // Options a diff of the same pair may come with after its tables were prepared: other keys, other value comparisons, another
    // CSV format (which reads the inputs again).
    private static readonly Gen<DiffOptions> SomeOptions =
        from key in Gen.OneOf<IReadOnlyList<string>>(Gen.Const<IReadOnlyList<string>>(["id"]), Gen.Const<IReadOnlyList<string>>([]), Gen.Const<IReadOnlyList<string>>(["c1"]))
        from ignoreCase in Gen.Bool
        from trim in Gen.Bool
        from nullTokens in Gen.OneOf<IReadOnlyList<string>>(Gen.Const<IReadOnlyList<string>>(["NULL", "null"]), Gen.Const<IReadOnlyList<string>>(["x"]))
        from header in Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false)))
        select new DiffOptions
        {
            Key = header ? key : [],
            DuplicateKeys = DuplicateKeyPolicy.Pair,
            Values = new ValueComparison { IgnoreCase = ignoreCase, Trim = trim, NullTokens = nullTokens, EmptyEqualsNull = true },
            Csv = new CsvFormat { HasHeader = header },
        };

    [Fact]
    public void A_pair_prepared_with_some_options_diffs_with_any_as_if_read_afresh()
    {
        var cases = from scenario in Scenarios.Keyed
                    from prepared in SomeOptions
                    from diffs in SomeOptions.Array[1, 3]
                    select (scenario, prepared, diffs);
        ForCases(cases, sample =>
        {
            var (scenario, preparedWith, diffsWith) = sample;
            var delimiter = new CsvFormat { Delimiter = scenario.LeftStyle.Delimiter };
            var tables = TableDiff.Prepare(scenario.LeftInput, scenario.RightInput, preparedWith with { Csv = preparedWith.Csv with { Delimiter = delimiter.Delimiter } });
            foreach (var options in diffsWith.Select(o => o with { Csv = o.Csv with { Delimiter = delimiter.Delimiter } }))
            {
                Assert.Equal(Outcome(() => TableDiff.Compare(scenario.LeftInput, scenario.RightInput, options)), Outcome(() => TableDiff.Compare(tables, options)));
            }
        }, cases: 100, stream: 8);
    }

    // The diff as JSON, or the message of the error it fails with.
    private static string Outcome(Func<DiffResult> diff)
    {
        try
        {
            return Json(diff());
        }
        catch (CsvDiffException e)
        {
            return e.Message;
        }
    }

    private static string Json(DiffResult result) => DiffWriters.WriteToString(result, OutputFormat.Json);
}

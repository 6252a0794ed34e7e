// A diff spread over shards must equal the whole-input diff exactly, or decline and say why: never a different answer.
using System.Text;
using CsCheck;
using CsvDiff.Rendering;
using CsvDiff.Sharding;
using CsvDiff.Tests.Properties;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Sharding;

public class ShardedDiffTests
{
    private static void ForCases<T>(Gen<T> gen, Action<T> check, int cases, uint stream) =>
        gen.Array[cases].Sample(all =>
        {
            foreach (var item in all)
            {
                check(item);
            }
        }, seed: new PCG(stream, 20261124).ToString(), iter: 1, threads: 1);

    private static string Json(DiffResult result) => DiffWriters.WriteToString(result, OutputFormat.Json);

    private static ShardedOutcome Sharded(TableInput left, int[] leftCuts, TableInput right, int[] rightCuts, DiffOptions options, int workers = 2,
        bool look = false) =>
        ShardedDiff.CompareAsync(new LocalShardCluster(left, leftCuts, right, rightCuts, options, workers), options, null,
            look ? Look(left, options) : null, look ? Look(right, options) : null).GetAwaiter().GetResult();

    // What the viewer knows of a file before comparing: a sniff of its first 64 KiB.
    private static TableSniff Look(TableInput input, DiffOptions options) =>
        TableSniffer.Sniff(input.Name, input.Bytes[..Math.Min(input.Bytes.Length, TableSniffer.SampleBytes)], input.Bytes.Length, options.Csv);

    private static IEnumerable<DiffOptions> Variants(KeyedScenario scenario) =>
    [
        scenario.Options,
        scenario.Options with { Key = [] },
        scenario.Options with { Key = [], Similarity = 0.2 },
        scenario.Options with { IncludeUnchanged = true, Values = new ValueComparison { IgnoreCase = true, Trim = true } },
    ];

    [Fact]
    public void Cut_where_the_viewer_cuts_the_result_equals_the_whole_diff_for_any_shard_and_worker_count()
    {
        var gen = Gen.Select(Scenarios.Keyed, Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[1, 4], Gen.Bool);
        ForCases(gen, c =>
        {
            var (scenario, leftShards, rightShards, workers, look) = c;
            var (left, right) = (scenario.LeftInput, scenario.RightInput);
            var leftCuts = ShardCuts.Even(left.Bytes.Span, leftShards);
            var rightCuts = ShardCuts.Even(right.Bytes.Span, rightShards);
            foreach (var options in Variants(scenario))
            {
                var outcome = Sharded(left, leftCuts, right, rightCuts, options, workers, look);
                Assert.Null(outcome.Declined);
                Assert.Equal(Json(TableDiff.Compare(left, right, options)), Json(outcome.Result!));
            }
        }, cases: 120, stream: 11);
    }

    [Fact]
    public void Cut_at_any_line_break_the_result_equals_the_whole_diff_or_the_run_is_declined()
    {
        var gen = Gen.Select(Scenarios.Keyed, Gen.Int[0, 1000].Array[1, 4], Gen.Int[0, 1000].Array[1, 4]);
        var answered = 0;
        ForCases(gen, c =>
        {
            var (scenario, leftPicks, rightPicks) = c;
            var (left, right) = (scenario.LeftInput, scenario.RightInput);
            var outcome = Sharded(left, ShardCuts.AnyLineBreaks(left.Bytes.Span, leftPicks), right,
                ShardCuts.AnyLineBreaks(right.Bytes.Span, rightPicks), scenario.Options);
            if (outcome.Result is { } result)
            {
                answered++;
                Assert.Equal(Json(TableDiff.Compare(left, right, scenario.Options)), Json(result));
            }
            else
            {
                Assert.Contains("cannot be read on its own", outcome.Declined);
            }
        }, cases: 150, stream: 12);
        Assert.InRange(answered, 50, 150);
    }

    [Fact]
    public void A_key_repeated_in_another_shard_is_reported_with_the_whole_files_lines()
    {
        var left = Input("left.csv", "id,v\n1,a\n2,b\n3,c\n4,d\n2,e\n");
        var right = Input("right.csv", "id,v\n1,a\n");
        var options = new DiffOptions { Key = ["id"], Csv = new CsvFormat { Delimiter = ',' } };
        var expected = Assert.Throws<CsvDiffException>(() => TableDiff.Compare(left, right, options));
        var actual = Assert.Throws<CsvDiffException>(() => Sharded(left, [13, 21], right, [], options));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal("left.csv: line 6: duplicate key id=2 (lines 3, 6); choose other key columns, or pair duplicates by occurrence", actual.Message);
    }

    [Theory]
    [InlineData("a cut inside a quoted field", "id,v\n1,\"x\ny\"\n2,b\n", 10, "part 1 of 2 of left.csv cannot be read on its own (left.csv: line 2, column 2: a quoted field is never closed (unbalanced quote))")]
    [InlineData("a part that is not UTF-8", "id,v\n1,a\n2,\xe9\n", 9, "the 2 parts of left.csv differ in encoding (one part is not valid UTF-8), so the file must be decoded whole")]
    [InlineData("ragged rows", "id,v\n1,a\n2,b,c\n", 9, "the 2 parts of left.csv have rows of uneven length, which are reported for the file as a whole")]
    public void Parts_that_cannot_stand_alone_decline_the_run_and_say_why(string what, string leftText, int cut, string reason)
    {
        var left = new TableInput("left.csv", Encoding.Latin1.GetBytes(leftText));
        var right = Input("right.csv", "id,v\n1,a\n");
        var options = new DiffOptions { Key = ["id"], Csv = new CsvFormat { Delimiter = ',', AllowRagged = true } };
        var outcome = Sharded(left, [cut], right, [], options);
        Assert.True(outcome.Result is null, what);
        Assert.Equal(reason, outcome.Declined);
    }

    [Fact]
    public void A_detected_delimiter_is_trusted_only_when_the_first_part_holds_the_whole_sample()
    {
        var left = Input("left.csv", "id;v\n1;a\n2;b\n");
        var right = Input("right.csv", "id;v\n1;a\n");
        var outcome = Sharded(left, [9], right, [], new DiffOptions { Key = ["id"] });
        Assert.Equal("the 2 parts of left.csv do not agree on the delimiter", outcome.Declined);
    }

    [Fact]
    public async Task Hashes_taken_while_reading_are_used_only_for_the_plan_they_were_taken_for()
    {
        var left = Input("left.csv", "id,a,b\n1,x,y\n2,x,y\n3,x,y\n");
        var right = Input("right.csv", "id,b,c\n1,y,z\n2,q,z\n4,y,z\n");
        var options = new DiffOptions { Key = ["id"], Csv = new CsvFormat { Delimiter = ',' } };
        var expected = Json(TableDiff.Compare(left, right, options));
        // Looks that name other columns than the files have: the hashes taken while reading fit no plan and are recomputed.
        var wrong = new TableSniff(TextEncoding.Utf8, ',', ["id", "b"], 3, true, ["id"], null);
        var outcome = await ShardedDiff.CompareAsync(new LocalShardCluster(left, [13], right, [], options, 2), options, null, wrong, wrong);
        Assert.Equal(expected, Json(outcome.Result!));
        Assert.Equal(expected, Json(Sharded(left, [13], right, [], options, look: true).Result!));
    }

    [Fact]
    public async Task A_delimiter_guessed_wrong_from_the_files_start_declines_the_run()
    {
        var left = Input("left.csv", "id;v\n1;a\n");
        var right = Input("right.csv", "id;v\n1;b\n");
        var comma = new TableSniff(TextEncoding.Utf8, ',', ["id;v"], 1, true, [], null);
        var outcome = await ShardedDiff.CompareAsync(new LocalShardCluster(left, [], right, [], new DiffOptions(), 2), new DiffOptions(), null, comma, comma);
        Assert.Equal("left.csv was read with the delimiter guessed from its first 64 KiB, ',', but the whole file reads as ';'",
            outcome.Declined);
    }

    // Workers run it once they are ready: a warm-up the sharded diff declined would leave the hot paths cold, unseen.
    [Fact]
    public async Task The_warm_up_diff_runs_sharded_to_the_end()
    {
        var summary = await ShardedDiff.WarmUpAsync();
        // Every tenth row renamed on the right, every fiftieth (from the second) missing on the left.
        Assert.Equal((WarmUpTables.Rows / 10, WarmUpTables.Rows / 50, 0), (summary.Modified, summary.Added, summary.Removed));
    }

    // The tables are written byte by byte, for the browser's interpreter: they must be the ones their summary describes, as
    // interpolated strings would write them.
    [Fact]
    public void The_warm_up_tables_are_the_rows_described()
    {
        var (expectedLeft, expectedRight) = (new StringBuilder("id,name,city,amount,note\n"), new StringBuilder("id,name,city,amount,note\n"));
        for (var i = 0; i < WarmUpTables.Rows; i++)
        {
            var row = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{i},name {i % 97},\"Zürich, {i % 13}\",{i * 7 % 1000}.5,\"said \"\"hi\"\" {i}\"\n");
            expectedLeft.Append(i % 50 == 1 ? "" : row);
            expectedRight.Append(i % 10 == 0 ? row.Replace("name", "Name", StringComparison.Ordinal) : row);
        }
        var (left, right) = WarmUpTables.Make();
        Assert.Equal(("left.csv", expectedLeft.ToString()), (left.Name, Encoding.UTF8.GetString(left.Bytes.Span)));
        Assert.Equal(("right.csv", expectedRight.ToString()), (right.Name, Encoding.UTF8.GetString(right.Bytes.Span)));
    }

    // A request to a worker stops its warm-up: cancelled before it starts, the warm-up reads nothing.
    [Fact]
    public async Task The_warm_up_diff_stops_when_cancelled()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ShardedDiff.WarmUpAsync(stop.Token));
    }

    // Cancelled while it runs, a diff of shards held in this process (the warm-up's) stops at the next shard's reply.
    [Fact]
    public async Task A_diff_of_local_shards_stops_at_the_reply_after_its_cancellation()
    {
        var (left, right) = WarmUpTables.Make();
        var options = new DiffOptions { Key = ["id"], Csv = new CsvFormat { Delimiter = ',' } };
        using var stop = new CancellationTokenSource();
        // Cancelled from the coordinator's own thread as hashing begins, so the test does not race the run.
        var execution = new DiffExecution { Cancellation = stop.Token, Progress = new CancelAt(DiffPhase.Hashing, stop) };
        var cancelAt = (CancelAt)execution.Progress;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ShardedDiff.CompareAsync(new LocalShardCluster(left, [], right, [], options, 2), options, execution));
        // Not one step more: hashing, which awaits the shards' replies, reported nothing after it was cancelled.
        Assert.Equal([DiffPhase.Reading, DiffPhase.Hashing], cancelAt.Phases.Distinct());
        Assert.Equal(DiffPhase.Hashing, cancelAt.Phases[^1]);
        Assert.Single(cancelAt.Phases, DiffPhase.Hashing);
    }

    private sealed class CancelAt(DiffPhase phase, CancellationTokenSource stop) : IProgress<DiffProgress>
    {
        public List<DiffPhase> Phases { get; } = [];

        public void Report(DiffProgress value)
        {
            Phases.Add(value.Phase);
            if (value.Phase == phase)
            {
                stop.Cancel();
            }
        }
    }

    [Fact]
    public void Options_that_need_whole_tables_decline_before_any_shard_is_read()
    {
        var left = Input("left.csv", "1,a\n");
        var noHeader = new DiffOptions { Csv = new CsvFormat { HasHeader = false } };
        Assert.StartsWith("tables without a header row", Sharded(left, [], left, [], noHeader).Declined);
        Assert.StartsWith("choosing a key automatically", Sharded(left, [], left, [], new DiffOptions { AutoKey = true }).Declined);
    }

    [Fact]
    public void More_rows_to_gather_than_the_limit_decline_the_run()
    {
        var text = new StringBuilder("id,v\n");
        for (var row = 0; row <= ShardedDiff.MaxGatheredRows / 2; row++)
        {
            text.Append(row).Append(",x\n");
        }
        var table = Input("same.csv", text.ToString());
        var options = new DiffOptions { Key = ["id"], IncludeUnchanged = true, Csv = new CsvFormat { Delimiter = ',' } };
        Assert.Equal("1,000,002 rows differ or are listed, more than the 1,000,000 gathered from workers", Sharded(table, [], table, [], options).Declined);
        Assert.Null(Sharded(table, [], table, [], options with { IncludeUnchanged = false }).Declined);
    }

    private static TableInput Input(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));
}

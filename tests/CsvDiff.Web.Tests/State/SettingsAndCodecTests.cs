// The viewer must mean what csvdiff means: its settings give the options the equivalent flags give, and results survive the worker hop.
using System.CommandLine;
using CsvDiff.Cli;
using CsvDiff.Rendering;
using CsvDiff.Sharding;
using CsvDiff.Web.State;
using CsvDiff.Web.Worker;

namespace CsvDiff.Web.Tests.State;

public class SettingsAndCodecTests
{
    public static TheoryData<ViewerSettings> Settings => new()
    {
        new ViewerSettings(),
        new ViewerSettings { KeyMode = KeyMode.Columns, KeyColumns = ["id", "region"], PairDuplicateKeys = true },
        new ViewerSettings { KeyMode = KeyMode.Auto, IgnoreColumns = ["updated at"], Similarity = 0.75 },
        new ViewerSettings { IgnoreCase = true, Trim = true, CollapseWhitespace = true, EmptyEqualsNull = true, NullValues = "N/A,-" },
        new ViewerSettings { Numeric = true, Tolerance = 0.01, RelativeTolerance = 0.5 },
        new ViewerSettings { Delimiter = "\t", HasHeader = false, AllowRagged = true, ShowUnchanged = true, InlineSegmentsInExport = true },
        new ViewerSettings { Delimiter = ";", EmptyEqualsNull = true },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Settings_mean_what_their_command_line_means(ViewerSettings settings)
    {
        var command = new DiffCommand();
        var root = new RootCommand();
        command.AddTo(root);
        var args = new List<string> { "left.csv", "right.csv" };
        args.AddRange(SplitShellWords(settings.ToCommandLine()));
        var parsed = root.Parse(args);
        Assert.Empty(parsed.Errors);
        var expected = command.Bind(parsed).Options;
        var actual = settings.ToDiffOptions();
        Assert.Equal(Describe(expected), Describe(actual));
    }

    // Records with list members compare lists by reference; compare what they contain instead.
    private static string Describe(DiffOptions o) => string.Join("|",
        string.Join(",", o.Key), o.AutoKey, o.DuplicateKeys, o.Similarity, string.Join(",", o.IgnoreColumns), string.Join(",", o.OnlyColumns),
        o.DetectRenames, o.Values.IgnoreCase, o.Values.Trim, o.Values.CollapseWhitespace, o.Values.EmptyEqualsNull,
        o.Values.EmptyEqualsNull ? string.Join(",", o.Values.NullTokens) : "", o.Values.Numeric, o.Values.Tolerance, o.Values.RelativeTolerance,
        o.Csv.Delimiter, o.Csv.HasHeader, o.Csv.AllowRagged, o.InlineSegments, o.IncludeUnchanged);

    private static IEnumerable<string> SplitShellWords(string line)
    {
        var word = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in line)
        {
            if (c == '\'')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    yield return word.ToString();
                }
                word.Clear();
                any = false;
            }
            else
            {
                word.Append(c);
                any = true;
            }
        }
        if (any)
        {
            yield return word.ToString();
        }
    }

    [Fact]
    public void Results_survive_the_trip_from_worker_to_page_byte_for_byte()
    {
        var results = new[]
        {
            Examples.Customers(),
            Examples.Diff("a,b\n1,x y\n2,z\n", "a,b\n1,x q\n3,z\n", new DiffOptions { InlineSegments = true }),
            Examples.Diff("id,v\n", "id,v\n", new DiffOptions { Key = ["id"] }),
            // Rows that moved, and the rows a patch needs around them: what the viewer's exports carry.
            Examples.Diff("id,v\n1,a\n2,b\n3,c\n", "id,v,w\n3,c,x\n1,a,\n4,d,y\n2,B,\n", new DiffOptions { Key = ["id"], PatchContext = true }),
        };
        foreach (var result in results)
        {
            var decoded = ResultCodec.Decode(ResultCodec.Encode(result));
            foreach (var format in Enum.GetValues<OutputFormat>())
            {
                Assert.Equal(DiffWriters.WriteToString(result, format), DiffWriters.WriteToString(decoded, format));
            }
        }
    }

    // A worker warms the path small diffs take once it is ready; a warm-up that failed would leave that path cold unseen.
    [Fact]
    public async Task The_warm_up_of_small_diffs_runs_whole_to_a_result()
    {
        var (keyed, byContent) = await EngineCall.WarmUpAsync();
        Assert.Equal((WarmUpTables.Rows / 10, WarmUpTables.Rows / 50, 0), (keyed.Modified, keyed.Added, keyed.Removed));
        // By content, the renamed rows are paired as modified only if the pairing of similar rows ran.
        Assert.Equal((WarmUpTables.Rows / 10, WarmUpTables.Rows / 50, 0), (byContent.Modified, byContent.Added, byContent.Removed));
    }

    // A request to the worker stops its warm-up: a warm-up that ran on would hold the worker's one thread.
    [Fact]
    public async Task The_warm_up_of_small_diffs_stops_when_cancelled()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EngineCall.WarmUpAsync(stop.Token));
    }

    [Fact]
    public void Engine_errors_come_back_as_one_line()
    {
        var reply = EngineCall.Run("bad.csv", "a,b\n\"open,1\n"u8.ToArray(), "ok.csv", "a,b\n"u8.ToArray(), OptionsCodec.Encode(new DiffOptions()), null);
        var (result, error) = EngineCall.Open(reply);
        Assert.Null(result);
        Assert.Equal("bad.csv: line 2, column 1: a quoted field is never closed (unbalanced quote)", error);
    }
}

// The engine pool in Chromium: sharded diffs over shared or copied inputs, workers that fail to start or die mid-run, any pool size.
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvDiff.Tests;
using Microsoft.Playwright;

namespace CsvDiff.Web.Tests.EndToEnd;

[Collection(ViewerCollection.Name)]
public sealed class ParallelTests(ViewerServer server) : IDisposable
{
    // Small shards, so a pair of a few hundred kilobytes is cut into one shard per worker.
    private const string SmallShards = "min-shard-bytes=100000";

    private readonly string _folder = Directory.CreateTempSubdirectory("csvdiff-parallel-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (string Left, string Right) Generate(string name, params string[] options)
    {
        var (left, right) = ($"{name}-left.csv", $"{name}-right.csv");
        CommandLine.Run(_folder, ["generate", left, right, .. options]);
        return (Path.Combine(_folder, left), Path.Combine(_folder, right));
    }

    private static async Task<string> CompareAsync(IPage page, (string Left, string Right) pair, bool keyed = true)
    {
        await page.GetByTestId("left-file").SetInputFilesAsync(pair.Left);
        await page.GetByTestId("right-file").SetInputFilesAsync(pair.Right);
        await page.GetByTestId("right-info").WaitForAsync();
        if (keyed)
        {
            await page.GetByTestId("key-columns").SelectOptionAsync(["id"]);
        }
        else
        {
            // The page preselects a unique id as the key, as --key auto would; these runs are about content mode.
            await page.GetByLabel("by content (no key)").CheckAsync();
        }
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("count-added").WaitForAsync();
        return await page.EvaluateAsync<string>("() => window.csvdiff.lastResult()");
    }

    private string Cli((string Left, string Right) pair, bool keyed = true) =>
        CommandLine.Run(_folder, [Path.GetFileName(pair.Left), Path.GetFileName(pair.Right), "--format", "json", .. keyed ? new[] { "--key", "id" } : []]);

    private static async Task<JsonElement> DiagnosticsAsync(IPage page) =>
        await page.EvaluateAsync<JsonElement>("() => window.csvdiff.diagnostics()");

    [Fact]
    public async Task A_pair_cut_into_shards_is_diffed_in_every_worker()
    {
        var pair = Generate("shared", "--rows", "4000", "--seed", "3", "--shuffle");
        var page = await server.OpenAsync("?" + SmallShards);
        Assert.Equal(Cli(pair), await CompareAsync(page, pair));

        var diagnostics = await DiagnosticsAsync(page);
        Assert.True(diagnostics.GetProperty("crossOriginIsolated").GetBoolean());
        Assert.Equal("parallel", diagnostics.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, diagnostics.GetProperty("fallbackReason").ValueKind);
        Assert.Equal(2, diagnostics.GetProperty("workers").GetInt32());
        var run = diagnostics.GetProperty("lastRun");
        Assert.Equal("sharded", run.GetProperty("strategy").GetString());
        Assert.Equal(2, run.GetProperty("workersUsed").GetInt32());
        Assert.Equal(new FileInfo(pair.Left).Length + new FileInfo(pair.Right).Length, run.GetProperty("bytes").GetInt64());
        foreach (var phase in new[] { "readMs", "loadMs", "hashMs", "fetchMs" })
        {
            Assert.True(run.GetProperty("phases").GetProperty(phase).GetDouble() >= 0, phase);
        }
        foreach (var worker in diagnostics.GetProperty("workerDetails").EnumerateArray())
        {
            Assert.Equal("ready", worker.GetProperty("state").GetString());
            Assert.True(worker.GetProperty("startMs").GetDouble() > 0);
            Assert.True(worker.GetProperty("wasmHeapBytes").GetInt64() > 1 << 20);
        }

        await page.Keyboard.PressAsync("Control+Shift+D");
        Assert.Contains("parallel (2 of 2 workers", await page.GetByTestId("diagnostics-mode").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByTestId("diagnostics").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ViewerServer.ScreenshotFolder, "diagnostics.png") });
        Assert.StartsWith("Last run: sharded", await page.GetByTestId("diagnostics-last-run").InnerTextAsync(), StringComparison.Ordinal);

        // The pool size is the user's to choose: the panel restarts the page with that many workers.
        await page.GetByTestId("pool-size").FillAsync("1");
        await page.GetByTestId("pool-size").DispatchEventAsync("change");
        await page.GetByTestId("apply-pool-size").ClickAsync();
        await page.WaitForURLAsync("**?*workers=1*");
        await page.WaitForFunctionAsync("() => window.csvdiff?.diagnostics().workers === 1");
        Assert.Equal(1, (await DiagnosticsAsync(page)).GetProperty("poolSize").GetInt32());
    }

    [Fact]
    public async Task Workers_that_cannot_start_leave_the_engine_on_the_page_with_the_reason()
    {
        var pair = Generate("broken", "--rows", "500", "--seed", "4");
        var page = await server.OpenAsync("?fault=worker-start");
        Assert.Equal(Cli(pair), await CompareAsync(page, pair));

        var diagnostics = await DiagnosticsAsync(page);
        Assert.Equal("single", diagnostics.GetProperty("mode").GetString());
        Assert.Equal(0, diagnostics.GetProperty("workers").GetInt32());
        Assert.Contains("could not start .NET", diagnostics.GetProperty("fallbackReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("page", diagnostics.GetProperty("lastRun").GetProperty("strategy").GetString());
        Assert.Contains("could not start .NET", await page.GetByTestId("notice").First.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quoted_line_breaks_near_the_cuts_are_seen_past_and_the_bytes_past_each_range_read_from_the_file()
    {
        // Realistic text puts quoted line breaks near the cuts, which the workers' scans must see past; each worker loads its
        // shard from the range it read and the line or so past it, which it reads from the file.
        var pair = Generate("quoted-cuts", "--rows", "6000", "--seed", "8", "--shuffle");
        var page = await server.OpenAsync("?" + SmallShards);
        Assert.Equal(Cli(pair), await CompareAsync(page, pair));

        var diagnostics = await DiagnosticsAsync(page);
        Assert.Equal(JsonValueKind.Null, diagnostics.GetProperty("fallbackReason").ValueKind);
        var run = diagnostics.GetProperty("lastRun");
        Assert.Equal("sharded", run.GetProperty("strategy").GetString());
        Assert.Equal(2, run.GetProperty("workersUsed").GetInt32());
    }

    // A worker loads its shard where it read its range, with room past the range for the rest of a record
    // (HeldRange.TailRoom); here the record the middle of each file falls in runs about 75 KB past it, and the shard is read
    // from the file instead.
    [Fact]
    public async Task A_record_running_far_past_a_range_has_its_shard_read_from_the_file()
    {
        string Table(string changed) => "id,text\n1," + new string('a', 1_000) + "\n2," + new string('b', 150_000) + "\n3," + changed
            + "\n4," + new string('d', 150_000) + "\n";
        var pair = (Left: Path.Combine(_folder, "long-left.csv"), Right: Path.Combine(_folder, "long-right.csv"));
        await File.WriteAllTextAsync(pair.Left, Table(new string('c', 150_000)));
        await File.WriteAllTextAsync(pair.Right, Table(new string('c', 100_000) + "C" + new string('c', 49_999)));
        var page = await server.OpenAsync("?" + SmallShards);

        Assert.Equal(Cli(pair), await CompareAsync(page, pair));
        var run = (await DiagnosticsAsync(page)).GetProperty("lastRun");
        Assert.Equal("sharded", run.GetProperty("strategy").GetString());
        Assert.Equal(2, run.GetProperty("workersUsed").GetInt32());
    }

    // A replacement worker holds nothing of the inputs: it reads the lost shards from the files.
    [Fact]
    public async Task A_worker_that_dies_mid_run_has_its_shards_redone_and_the_user_is_told()
    {
        var pair = Generate("killed", "--rows", "4000", "--seed", "5");
        var page = await server.OpenAsync("?fault=kill-worker&" + SmallShards);
        Assert.Equal(Cli(pair), await CompareAsync(page, pair));

        var notice = await page.GetByTestId("notice").First.InnerTextAsync();
        Assert.Contains("Worker 2 stopped during the comparison", notice, StringComparison.Ordinal);
        var run = (await DiagnosticsAsync(page)).GetProperty("lastRun");
        Assert.Equal("sharded", run.GetProperty("strategy").GetString());
        Assert.Equal(1, run.GetProperty("notices").GetArrayLength());
    }

    // Compare pressed while the pool still starts: the page says what it waits for, and the run goes on when it can.
    [Fact]
    public async Task Compare_pressed_before_the_pool_is_ready_says_what_it_waits_for()
    {
        var page = await server.OpenAsync("?fault=slow-start");
        await page.GetByTestId("load-example").ClickAsync();
        await page.GetByTestId("right-info").WaitForAsync();
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("progress").Filter(new LocatorFilterOptions { HasTextRegex = new Regex("starting the engine: [01] of 2 workers ready") })
            .WaitForAsync();
        await ViewerServer.ScreenshotsAsync(page, "starting-engine");
        await page.GetByTestId("count-added").WaitForAsync();
        var expected = CommandLine.Run(Repository.PathOf("examples"), "customers-january.csv", "customers-february.csv", "--key", "id", "--format", "json");
        Assert.Equal(expected, await page.EvaluateAsync<string>("() => window.csvdiff.lastResult()"));
    }

    // Under EngineRunner.WholeRunBelowBytes the pair runs whole in one warm worker: one message each way beats the sharded
    // protocol's round trips there (docs/BENCHMARKS.md). Its inputs are read into that worker as soon as both are chosen, and
    // stay there for a next Compare with other options. The result is the command line's all the same.
    [Fact]
    public async Task Small_inputs_are_read_ahead_into_one_worker_and_run_whole_there_with_the_command_lines_result()
    {
        var pair = Generate("small", "--rows", "2000", "--seed", "8", "--shuffle");
        var page = await server.OpenAsync();
        await page.GetByTestId("left-file").SetInputFilesAsync(pair.Left);
        await page.GetByTestId("right-file").SetInputFilesAsync(pair.Right);
        await WaitForReadAheadAsync(page);
        var readAhead = (await DiagnosticsAsync(page)).GetProperty("readAhead");
        Assert.Equal(["small-left.csv", "small-right.csv", "1"],
            [readAhead.GetProperty("left").GetString()!, readAhead.GetProperty("right").GetString()!, readAhead.GetProperty("worker").ToString()]);

        foreach (var keyed in new[] { true, false })
        {
            await MatchAsync(page, keyed);
            Assert.Equal(Cli(pair, keyed), await CompareAgainAsync(page, keyed));
            var run = (await DiagnosticsAsync(page)).GetProperty("lastRun");
            Assert.Equal("one worker", run.GetProperty("strategy").GetString());
            Assert.Equal(JsonValueKind.Null, run.GetProperty("declined").ValueKind);
            Assert.Equal(1, run.GetProperty("workersUsed").GetInt32());
            // Diffed ahead too when the read-ahead with the options just chosen got there before the click; diffed then otherwise.
            Assert.Contains(run.GetProperty("readAhead").GetString(), new[] { "inputs", "diff", "result" });
            Assert.Equal(new FileInfo(pair.Left).Length + new FileInfo(pair.Right).Length, run.GetProperty("bytes").GetInt64());
            Assert.Equal(0, await page.GetByTestId("notice").CountAsync());
        }

        // The diagnostics panel says what is held where, and that the last run found it there.
        await page.Keyboard.PressAsync("Control+Shift+D");
        Assert.Matches("read ahead: small-left.csv and small-right.csv, (held|diffed) by worker 1", await page.GetByTestId("diagnostics").InnerTextAsync());
        Assert.Matches("^Last run: one worker \\(its inputs read (and diffed )?ahead(, the result taken in by the page)?\\)",
            await page.GetByTestId("diagnostics-last-run").InnerTextAsync());
        await page.GetByTestId("diagnostics").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ViewerServer.ScreenshotFolder, "diagnostics-read-ahead.png") });
    }

    // A worker runs the engine alone: the assemblies only the page's Blazor components use are fetched by the page, and by no
    // worker, while the engine's own is fetched by the page and by every worker. The other tests here show the workers work.
    [Fact]
    public async Task The_workers_start_without_the_assemblies_only_the_page_uses()
    {
        var context = await server.Browser.NewContextAsync();
        var fetched = new System.Collections.Concurrent.ConcurrentQueue<string>();
        context.Request += (_, request) => fetched.Enqueue(new Uri(request.Url).AbsolutePath);
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Url + "?workers=2");
        await page.WaitForFunctionAsync("() => { const d = window.csvdiff?.diagnostics(); return d && d.mode === 'parallel' && d.workers === 2; }");

        // An assembly's file is its name, its fingerprint and .wasm.
        int Fetches(string assembly) => fetched.Count(path => Regex.IsMatch(path, $@"^/_framework/{Regex.Escape(assembly)}\.[a-z0-9]+\.wasm$"));
        Assert.Equal(1, Fetches("Microsoft.AspNetCore.Components"));
        Assert.Equal(1, Fetches("Microsoft.JSInterop"));
        Assert.Equal(3, Fetches("CsvDiff.Core"));
        await context.CloseAsync();
    }

    // A worker reports ready as soon as its runtime can take a request, and compiles its hot paths on made-up diffs while it
    // is idle: left alone, every worker's warm-up runs to its end (a failed one would say why), and the panel says so. A
    // request stops it (ShardedDiffTests, and the test below); the other tests here send theirs at any point of it and get
    // the command line's result.
    [Fact]
    public async Task Idle_workers_warm_up_to_the_end_after_they_are_ready()
    {
        var page = await server.OpenAsync("?workers=2");
        await page.WaitForFunctionAsync("() => { const d = window.csvdiff?.diagnostics(); return d && d.mode === 'parallel' && d.workers === 2; }");
        await page.WaitForFunctionAsync("() => window.csvdiff.diagnostics().workerDetails.every((w) => w.warmUp !== 'running')");
        foreach (var worker in (await DiagnosticsAsync(page)).GetProperty("workerDetails").EnumerateArray())
        {
            Assert.Equal("done", worker.GetProperty("warmUp").GetString());
            Assert.True(worker.GetProperty("warmedMs").GetDouble() > worker.GetProperty("startMs").GetDouble());
        }
        await page.Keyboard.PressAsync("Control+Shift+D");
        Assert.StartsWith("done at ", await page.GetByTestId("diagnostics").Locator("tbody tr td:nth-child(4)").First.InnerTextAsync(), StringComparison.Ordinal);
    }

    // The first request ends every worker's warm-up, begun or not, the worker it goes to and the others, so that the cores
    // are the user's: the example is read and diffed ahead in the first worker, and the second, which nothing asks (a Compare
    // would tell every worker to clear), ends its own. ?fault=late-warm-up has the warm-ups begin 5 s after the pool is ready,
    // so that the request comes first in any page.
    [Fact]
    public async Task The_first_request_ends_every_workers_warm_up()
    {
        var page = await server.OpenAsync("?workers=2&fault=late-warm-up");
        await page.WaitForFunctionAsync("() => { const d = window.csvdiff?.diagnostics(); return d && d.mode === 'parallel' && d.workers === 2; }");
        await page.GetByTestId("load-example").ClickAsync();
        await WaitForReadAheadAsync(page);
        await page.WaitForFunctionAsync("() => window.csvdiff.diagnostics().workerDetails.every((w) => w.warmUp !== 'running')");
        Assert.Equal(["stopped", "stopped"], await page.EvaluateAsync<string[]>("() => window.csvdiff.diagnostics().workerDetails.map((w) => w.warmUp)"));
    }

    // A small pair is diffed with the options of the moment as soon as both files are chosen, while the user looks them over,
    // and the page takes in its result when it is short: a Compare with those options shows it, and it is the command line's
    // result. A long result (the shuffled pair's lists every row as moved, over EngineRunner.ResultAheadMaxBytes) stays in the
    // worker, which replies with it. ?diff-ahead=off reads the inputs ahead as tables only, and the Compare diffs them.
    [Theory]
    [InlineData("", false, "result", "read and diffed ahead, the result taken in by the page")]
    [InlineData("", true, "diff", "read and diffed ahead")]
    [InlineData("?diff-ahead=off", false, "inputs", "read ahead")]
    public async Task A_small_pair_is_diffed_ahead_with_the_options_of_the_moment(string query, bool shuffled, string readAhead, string said)
    {
        var pair = shuffled
            ? Generate("diffed-ahead-shuffled", "--rows", "3000", "--seed", "21", "--shuffle")
            : Generate("diffed-ahead", "--rows", "3000", "--seed", "21");
        var page = await server.OpenAsync(query);
        await page.GetByTestId("left-file").SetInputFilesAsync(pair.Left);
        await page.GetByTestId("right-file").SetInputFilesAsync(pair.Right);
        await WaitForReadAheadAsync(page);

        // The key the page preselects for these files (id) is the options of the moment.
        Assert.Equal(Cli(pair, keyed: true), await CompareAgainAsync(page, keyed: true));
        Assert.Equal(readAhead, (await DiagnosticsAsync(page)).GetProperty("lastRun").GetProperty("readAhead").GetString());
        await page.Keyboard.PressAsync("Control+Shift+D");
        Assert.StartsWith($"Last run: one worker (its inputs {said})", await page.GetByTestId("diagnostics-last-run").InnerTextAsync(), StringComparison.Ordinal);
    }

    // Compare pressed as soon as a small pair is chosen finds the worker reading it ahead and then diffing it with these options:
    // it waits for that diff, and shows how far it has got, not "starting" until the result. The pair (30 MB) runs whole, and
    // takes long enough to read and diff that the click comes before the diff ends.
    [Fact]
    public async Task Compare_pressed_while_the_pair_is_diffed_ahead_shows_that_diffs_progress()
    {
        var pair = Generate("progress-ahead", "--rows", "150000", "--seed", "23");
        var page = await server.OpenAsync();
        await page.GetByTestId("left-file").SetInputFilesAsync(pair.Left);
        await page.GetByTestId("right-file").SetInputFilesAsync(pair.Right);
        await page.GetByTestId("right-info").WaitForAsync();
        await page.GetByTestId("left-info").WaitForAsync();
        await WatchProgressAsync(page);

        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("count-added").WaitForAsync();

        Assert.Equal("diff", (await DiagnosticsAsync(page)).GetProperty("lastRun").GetProperty("readAhead").GetString());
        var seen = await ProgressSeenAsync(page);
        Assert.Contains(seen, value => value is > 0 and < 100);
    }

    // Progress belongs to the request whose work reports it. A small pair's diff made ahead, still running when a larger pair
    // is chosen and compared at once, held up that run's first worker and moved its bar: the bar went back when the run's own
    // progress came. Now the bar only moves forward.
    [Fact]
    public async Task A_diff_made_ahead_and_still_running_does_not_move_another_runs_progress()
    {
        var small = Generate("ahead-small", "--rows", "150000", "--seed", "25");
        var large = Generate("ahead-large", "--rows", "200000", "--seed", "26");
        // The larger pair runs in shards, the smaller whole, read and diffed ahead.
        var page = await server.OpenAsync($"?whole-below={new FileInfo(small.Left).Length + new FileInfo(small.Right).Length + 1}");
        await page.GetByTestId("left-file").SetInputFilesAsync(small.Left);
        await page.GetByTestId("right-file").SetInputFilesAsync(small.Right);
        await page.WaitForFunctionAsync("() => window.csvdiff?.diagnostics().readAhead.state === 'diffing'", null, new() { PollingInterval = 5 });
        await WatchProgressAsync(page);

        await page.GetByTestId("left-file").SetInputFilesAsync(large.Left);
        await page.GetByTestId("right-file").SetInputFilesAsync(large.Right);
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("count-added").WaitForAsync();

        Assert.Equal("sharded", (await DiagnosticsAsync(page)).GetProperty("lastRun").GetProperty("strategy").GetString());
        var seen = await ProgressSeenAsync(page);
        Assert.NotEmpty(seen);
        Assert.Equal(seen.Order(), seen);
    }

    // A pair cut into shards has its ranges read by the workers as soon as both files are chosen, while the user sets the
    // options, and Compare starts from them. A next Compare by content, after the run let go of the ranges, gives the
    // command line's result too, read ahead again or not.
    [Fact]
    public async Task A_large_pairs_ranges_are_read_ahead_and_compare_starts_from_them()
    {
        var pair = Generate("ranges-ahead", "--rows", "6000", "--seed", "12", "--shuffle");
        var page = await server.OpenAsync("?" + SmallShards);
        await page.GetByTestId("left-file").SetInputFilesAsync(pair.Left);
        await page.GetByTestId("right-file").SetInputFilesAsync(pair.Right);
        await page.GetByTestId("right-info").WaitForAsync();
        await WaitForRangesReadAheadAsync(page);
        await page.Keyboard.PressAsync("Control+Shift+D");
        Assert.Contains("ranges read ahead for shards: read", await page.GetByTestId("diagnostics").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByTestId("diagnostics").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ViewerServer.ScreenshotFolder, "diagnostics-ranges-read-ahead.png") });
        await page.GetByTestId("diagnostics").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        foreach (var keyed in new[] { true, false })
        {
            await MatchAsync(page, keyed);
            Assert.Equal(Cli(pair, keyed), await CompareAgainAsync(page, keyed));
            var run = (await DiagnosticsAsync(page)).GetProperty("lastRun");
            Assert.Equal("sharded", run.GetProperty("strategy").GetString());
            Assert.Equal(2, run.GetProperty("workersUsed").GetInt32());
            if (keyed)
            {
                Assert.Equal("inputs", run.GetProperty("readAhead").GetString());
            }
        }
    }

    // Compare pressed as soon as a pair too large to run whole is chosen in a fresh page, while the workers start and read
    // their ranges, gives the result in every page. Read through a "bring your own buffer" reader, a File's slice sometimes
    // never gave a worker its first chunk (Chromium 156), and the comparison waited for ever: in about every second page.
    [Fact]
    public async Task Compare_pressed_as_soon_as_a_large_pair_is_chosen_gives_its_result_in_every_fresh_page()
    {
        var pair = Generate("at-once", "--rows", "1000000", "--columns", "3", "--seed", "4", "--modified", "0.001", "--added", "0", "--removed", "0");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var page = await server.OpenAsync();
            await page.GetByTestId("left-file").SetInputFilesAsync(pair.Left);
            await page.GetByTestId("right-file").SetInputFilesAsync(pair.Right);
            await page.GetByTestId("right-info").WaitForAsync();
            await page.GetByTestId("left-info").WaitForAsync();
            await page.GetByTestId("compare").ClickAsync();
            await page.GetByTestId("count-modified").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
            Assert.Equal("1,000", await page.GetByTestId("count-modified").InnerTextAsync());
            Assert.Equal("sharded", (await DiagnosticsAsync(page)).GetProperty("lastRun").GetProperty("strategy").GetString());
            await page.Context.CloseAsync();
        }
    }

    // Ranges read before a file changed on disk are not compared: Compare checks each file, and names the one that changed.
    [Fact]
    public async Task A_file_changed_after_its_ranges_were_read_ahead_is_named_and_the_comparison_stops()
    {
        var pair = Generate("changed-ahead", "--rows", "4000", "--seed", "13");
        var page = await server.OpenAsync("?" + SmallShards);
        await page.GetByTestId("left-file").SetInputFilesAsync(pair.Left);
        await page.GetByTestId("right-file").SetInputFilesAsync(pair.Right);
        await page.GetByTestId("right-info").WaitForAsync();
        await WaitForRangesReadAheadAsync(page);
        await File.AppendAllTextAsync(pair.Right, "4001,changed\n");

        await page.GetByTestId("compare").ClickAsync();

        Assert.Equal("changed-ahead-right.csv could not be read: it has changed, moved or gone since it was chosen. Choose it again.",
            await page.GetByTestId("error").InnerTextAsync());
    }

    // How rows match in the next Compare of the files chosen: on id, or by content, with the inputs and options opened again
    // from under the result before.
    private static async Task MatchAsync(IPage page, bool keyed)
    {
        if (keyed)
        {
            await page.GetByTestId("key-columns").SelectOptionAsync(["id"]);
            return;
        }
        await page.GetByTestId("change-inputs").ClickAsync();
        await page.GetByLabel("by content (no key)").CheckAsync();
    }

    // The earlier result stays on screen until this one replaces it: its mode tells them apart. A Compare that never gives it
    // fails with what the page shows and what the pool reports, so that a run that hangs or fails can be told apart.
    private static async Task<string> CompareAgainAsync(IPage page, bool keyed)
    {
        await page.GetByTestId("compare").ClickAsync();
        try
        {
            await page.WaitForFunctionAsync("mode => JSON.parse(window.csvdiff.lastResult() ?? '{}').mode === mode", keyed ? "key" : "content");
        }
        catch (TimeoutException e)
        {
            var shown = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('[data-testid=error], [data-testid=notice], [data-testid=status], [data-testid=progress]')].map(e => e.innerText).join(' | ')");
            throw new TimeoutException($"no {(keyed ? "keyed" : "content")} result; the page shows: {shown}; diagnostics: {await DiagnosticsAsync(page)}", e);
        }
        return await page.EvaluateAsync<string>("() => window.csvdiff.lastResult()");
    }

    private static async Task WaitForRangesReadAheadAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => window.csvdiff.diagnostics().readAhead?.ranges === 'read'");

    // Held as tables, and diffed with the options of the moment unless ?diff-ahead=off.
    // Every value the progress bar shows from now on, in order, read with ProgressSeenAsync.
    private static async Task WatchProgressAsync(IPage page) => await page.EvaluateAsync(@"() => {
        window.progressSeen = [];
        new MutationObserver(() => {
            const value = document.querySelector('[data-testid=progress] progress')?.value;
            if (value !== undefined) window.progressSeen.push(value);
        }).observe(document.body, { childList: true, subtree: true, attributes: true });
    }");

    private static async Task<int[]> ProgressSeenAsync(IPage page) => await page.EvaluateAsync<int[]>("() => window.progressSeen");

    private static async Task WaitForReadAheadAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => ['held', 'diffed'].includes(window.csvdiff.diagnostics().readAhead?.state)");

    [Fact]
    public async Task Inputs_the_shards_cannot_stand_for_run_whole_in_one_worker_and_say_why()
    {
        var pair = Generate("headerless", "--rows", "300", "--seed", "6");
        var page = await server.OpenAsync("?whole-below=0");
        await page.GetByTestId("has-header").UncheckAsync();
        await page.GetByTestId("left-file").SetInputFilesAsync(pair.Left);
        await page.GetByTestId("right-file").SetInputFilesAsync(pair.Right);
        await page.GetByTestId("right-info").WaitForAsync();
        await page.GetByLabel("by content (no key)").CheckAsync();
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("count-added").WaitForAsync();
        var expected = CommandLine.Run(_folder, [Path.GetFileName(pair.Left), Path.GetFileName(pair.Right), "--format", "json", "--no-header"]);
        Assert.Equal(expected, await page.EvaluateAsync<string>("() => window.csvdiff.lastResult()"));
        Assert.Contains("Compared in one worker, not in parallel, because tables without a header row", await page.GetByTestId("notice").First.InnerTextAsync(),
            StringComparison.Ordinal);
        Assert.Equal("one worker", (await DiagnosticsAsync(page)).GetProperty("lastRun").GetProperty("strategy").GetString());
    }

    // A File is a snapshot: the browser will not read it once the file on disk changes. The page's read of the header (before
    // any shard), of the whole file (without workers), or of a byte of each file read ahead into the worker that runs small
    // diffs whole, fails first; the user is told which file and what to do, and doing it works, with the workers still up.
    // A file input fires no change for the file it holds already, so the page empties it as its dialog opens (js/inputs.js).
    [Theory]
    [InlineData("")]
    [InlineData("?" + SmallShards)]
    [InlineData("?workers=off")]
    public async Task A_file_changed_after_it_was_chosen_is_named_and_chosen_again_is_compared(string query)
    {
        var pair = Generate("changed", "--rows", "4000", "--seed", "9");
        var page = await server.OpenAsync(query);
        await ChooseThroughDialogAsync(page, "left-file", pair.Left);
        await page.GetByTestId("right-file").SetInputFilesAsync(pair.Right);
        await page.GetByTestId("right-info").WaitForAsync();
        await page.GetByTestId("left-info").WaitForAsync();
        if (query.Length == 0)
        {
            // Small enough to run whole: the change comes after both files are in the worker, read ahead.
            await WaitForReadAheadAsync(page);
        }
        var original = await File.ReadAllBytesAsync(pair.Left);
        await File.AppendAllTextAsync(pair.Left, "4001,changed\n");

        await page.GetByTestId("compare").ClickAsync();

        Assert.Equal("changed-left.csv could not be read: it has changed, moved or gone since it was chosen. Choose it again.",
            await page.GetByTestId("error").InnerTextAsync());

        // Saved again and chosen again through the dialog, as a person does, the same file is taken: its error goes.
        await File.WriteAllBytesAsync(pair.Left, original);
        await ChooseThroughDialogAsync(page, "left-file", pair.Left);
        await page.GetByTestId("error").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        // The page's own read can fail before the pool is ready, so the workers are looked at after this comparison; one may still
        // be starting then (a comparison starts on the workers ready), and must come up: none was lost to the failed read.
        Assert.Equal(Cli(pair), await CompareAsync(page, pair));
        await page.WaitForFunctionAsync("() => window.csvdiff.diagnostics().workerDetails.every((w) => w.state === 'ready')");
        var diagnostics = await DiagnosticsAsync(page);
        Assert.Equal(query.Contains("workers=off", StringComparison.Ordinal) ? "single" : "parallel", diagnostics.GetProperty("mode").GetString());
        Assert.Equal(query.Contains("workers=off", StringComparison.Ordinal) ? 0 : 2, diagnostics.GetProperty("workers").GetInt32());

        // The dialog closed without a choice (headless Chromium closes it) leaves the file the page holds in its input.
        await page.GetByTestId("change-inputs").ClickAsync();
        await page.GetByTestId("left-file").ClickAsync();
        Assert.Equal(["changed-left.csv"], await ViewerServer.FilesShownAsync(page, "left-file"));
    }

    // As a person chooses a file: the input clicked, and the file picked in the dialog it opens.
    private static async Task ChooseThroughDialogAsync(IPage page, string input, string path)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByTestId(input).ClickAsync());
        await chooser.SetFilesAsync(path);
    }

    // Random pairs from fixed seeds: keyed and by content, shuffled or not, with columns added and removed.
    public static TheoryData<int> Seeds => [11, 12];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Pool_sizes_one_to_four_give_the_command_lines_result(int seed)
    {
        var random = new Random(seed);
        var keyed = seed % 2 == 1;
        var pair = Generate($"random{seed}", "--rows", random.Next(12_000, 16_000).ToString(CultureInfo.InvariantCulture),
            "--columns", random.Next(3, 8).ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture),
            "--modified", (random.NextDouble() / 10).ToString(CultureInfo.InvariantCulture), "--added", "0.02", "--removed", "0.02",
            "--add-columns", random.Next(0, 2).ToString(CultureInfo.InvariantCulture), "--shuffle");
        var expected = Cli(pair, keyed);
        var shardBytes = new FileInfo(pair.Left).Length / 5;
        for (var size = 1; size <= 4; size++)
        {
            var page = await server.OpenAsync($"?workers={size}&min-shard-bytes={shardBytes}");
            Assert.Equal(expected, await CompareAsync(page, pair, keyed));
            var run = (await DiagnosticsAsync(page)).GetProperty("lastRun");
            Assert.True(run.GetProperty("strategy").GetString() == "sharded", run.ToString());
            Assert.Equal(size, run.GetProperty("workersUsed").GetInt32());
            // By content, leftover rows are paired by similarity scored in the workers.
            Assert.Equal(keyed ? JsonValueKind.Null : JsonValueKind.Number, run.GetProperty("phases").GetProperty("pairMs").ValueKind);
            await page.Context.CloseAsync();
        }
    }
}

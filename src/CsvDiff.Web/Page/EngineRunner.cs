// Runs one comparison in the browser: sharded over the worker pool when it can, whole in one worker when the inputs must be
// read whole, and on the page when there is no pool. Components ask for a run and show its outcome; they choose nothing here.
using System.Diagnostics;
using CsvDiff.Sharding;
using CsvDiff.Web.State;
using CsvDiff.Web.Worker;

namespace CsvDiff.Web.Page;

/// <summary>
/// How a run ended: its result, or the one-line error to show (the engine's, or why the inputs do not fit), and what the user
/// should know about how it ran (a fallback, a worker that was replaced).
/// </summary>
public sealed record EngineOutcome(DiffResult? Result, string? Error, IReadOnlyList<string> Notices);

internal sealed class EngineRunner(BrowserBridge bridge)
{
    /// <summary>
    /// Inputs smaller than this together run whole in one warm worker: one message each way costs less than the sharded
    /// protocol's dozen round trips, which take about half a second whatever the size. On two cores whole won at 41 MB
    /// (keyed 0.91–0.94 s against 0.99–1.06 s sharded, by content 1.20 against 1.79 s) and lost at 62 MB (1.34–1.48 against
    /// 1.06–1.13 s), measured in docs/BENCHMARKS.md. The URL's <c>?whole-below=N</c> overrides it.
    /// </summary>
    public const long WholeRunBelowBytes = 40L << 20;

    /// <summary>
    /// The longest reply of a diff made ahead that the page takes in as soon as it is made, rather than at Compare. Taking it in
    /// holds the page's thread while the user may be setting the options: a 400 KB reply (2,001 changed rows of a 100,000-row
    /// pair) took 29–38 ms to decode and 21–24 ms to lay out (docs/BENCHMARKS.md), so this bounds a pause to about 70 ms. A
    /// longer reply stays in the worker until its Compare.
    /// </summary>
    public const int ResultAheadMaxBytes = 512 << 10;

    // The latest diff made ahead that the page took in, decoded, with the read-ahead it was made of. A Compare whose inputs and
    // options are that read-ahead's (js/engine-run.js checks, and that the files are unchanged on disk) shows it at once.
    private (int ReadAheadId, DiffResult Result)? _resultAhead;

    // The size runs go whole below, asked of the page once: the URL's switch holds for the page's life, and each call across
    // to JavaScript and back costs a Compare a few milliseconds before it reaches a worker.
    private long? _wholeRunBelow;

    /// <summary>
    /// Makes, once on a fresh page, the interop calls a run begins with, so that the first Compare costs what later ones do:
    /// Blazor's interop sets up each type the first time it carries one. A first 10,000-row Compare spent 41–50 ms on the page
    /// before it asked the worker; after this, 17–21 ms (docs/BENCHMARKS.md). Waits for the pool to be ready first. A small diff
    /// on the page as well saved about 8 ms more, but held the page's thread for 0.2–0.4 s just as the pool became ready.
    /// Then, once the workers have warmed up and the page is idle, it takes a quick look at a made-up table, as at a file
    /// chosen: the first look at a real one otherwise spent 78–129 ms on code running for the first time (docs/BENCHMARKS.md).
    /// </summary>
    public async Task WarmUpAsync()
    {
        await bridge.WorkerCountAsync();
        await WholeRunBelowAsync();
        await bridge.RunNoticesAsync();
        await bridge.PageIdleAsync();
        var (table, _) = WarmUpTables.Make();
        _ = TableSniffer.Sniff(table.Name, table.Bytes, table.Bytes.Length, new CsvFormat());
    }

    /// <summary>
    /// Takes in the reply of the diff made ahead of read-ahead <paramref name="readAheadId"/> (js/read-ahead.js), as soon as it
    /// is made. Returns its result, which a Compare of those inputs with the options they were read ahead with returns, or null
    /// for a failed diff, which the Compare reports.
    /// </summary>
    public DiffResult? TakeResultAhead(int readAheadId, byte[] reply)
    {
        // Read-aheads are numbered in the order they begin: one that began earlier but ended later is not the Compare's.
        if (readAheadId <= (_resultAhead?.ReadAheadId ?? 0) || EngineCall.Open(reply).Result is not { } result)
        {
            return null;
        }
        _resultAhead = (readAheadId, result);
        return result;
    }

    /// <summary>Lets go of the result taken in ahead: other inputs were chosen.</summary>
    public void DropResultAhead() => _resultAhead = null;

    /// <summary>
    /// Compares the inputs the page holds (<paramref name="left"/> and <paramref name="right"/> describe them). Cancelling
    /// throws <see cref="OperationCanceledException"/> and stops the workers.
    /// </summary>
    public async Task<EngineOutcome> RunAsync(InputInfo left, InputInfo right, DiffOptions options, IProgress<DiffProgress> progress,
        CancellationToken cancellation)
    {
        var notices = new List<string>();
        try
        {
            return await Run(left, right, options, progress, notices, cancellation);
        }
        catch (CsvDiffException e)
        {
            // An input the page could not read (it changed since it was chosen), before any worker had it.
            return new EngineOutcome(null, e.Message, notices);
        }
        catch (EngineWorkersFailedException e)
        {
            // Failed even on the page, where nothing is left to fall back on.
            return new EngineOutcome(null, $"The comparison failed: {e.Message}", notices);
        }
    }

    private async Task<EngineOutcome> Run(InputInfo left, InputInfo right, DiffOptions options, IProgress<DiffProgress> progress,
        List<string> notices, CancellationToken cancellation)
    {
        var inputBytes = left.Size + right.Size;
        // Sharded, the inputs spread over every worker's heap; a run that must read them whole is checked again when it is declined.
        // A result listing every row is held whole on this page, however the engine runs.
        var workers = await bridge.WorkerCountAsync();
        var tooLarge = BrowserMemory.Problem(inputBytes, workers)
            ?? (options.IncludeUnchanged ? BrowserMemory.Problem(inputBytes, 1, listsEveryRow: true) : null);
        if (tooLarge is not null)
        {
            return new EngineOutcome(null, tooLarge, notices);
        }
        // Synchronous .NET code in the workers cannot be interrupted: cancelling stops them all (js/engine-run.js) and starts afresh.
        await using var stopWorkers = cancellation.Register(() => _ = bridge.CancelAsync());
        // The options are taken once and encoded by the engine for the workers, so that the page and every worker diff alike.
        var encoded = OptionsCodec.Encode(options);
        try
        {
            var wholeBelow = await WholeRunBelowAsync();
            // A cancel that came while the pool was asked above has already stopped the workers, and the pool would begin a fresh
            // run for the call below: checked here, with nothing awaited between the check and the call.
            cancellation.ThrowIfCancellationRequested();
            if (workers > 0 && inputBytes < wholeBelow)
            {
                return await Whole(encoded, null, notices, cancellation);
            }
            if (await bridge.PrepareShardsAsync(encoded) is not { } cluster)
            {
                return await OnPage(encoded, await bridge.WorkerProblem(), progress, notices, cancellation);
            }
            return await Sharded(cluster, left, right, options, encoded, progress, notices, cancellation);
        }
        catch (EngineWorkersFailedException e)
        {
            // Cancelling stops the workers, which can then fail what they held: that is the cancel, not a reason to go on here.
            cancellation.ThrowIfCancellationRequested();
            notices.AddRange(await bridge.RunNoticesAsync());
            await bridge.FinishRunAsync("page", e.Message);
            if (inputBytes > BrowserMemory.PageFallbackBytes)
            {
                return new EngineOutcome(null, $"The comparison failed in the engine workers ({e.Message}). Files this large are not tried again on the page, " +
                    "where the same failure would stop the page itself: compare them with the csvdiff command line.", notices);
            }
            return await OnPage(encoded, $"the engine workers failed: {e.Message}", progress, notices, cancellation);
        }
    }

    private async Task<EngineOutcome> Sharded(PoolShardCluster cluster, InputInfo left, InputInfo right, DiffOptions options, byte[] encoded,
        IProgress<DiffProgress> progress, List<string> notices, CancellationToken cancellation)
    {
        ShardedOutcome sharded;
        var timed = new TimedProgress(progress);
        try
        {
            sharded = await ShardedDiff.CompareAsync(cluster, options, new DiffExecution { Progress = timed, Cancellation = cancellation },
                left.Sniff, right.Sniff);
        }
        catch (CsvDiffException e)
        {
            await bridge.FinishRunAsync("sharded", null);
            return new EngineOutcome(null, e.Message, notices);
        }
        notices.AddRange(await bridge.RunNoticesAsync());
        if (sharded.Result is { } result)
        {
            await bridge.FinishRunAsync("sharded", null, timed.Milliseconds(DiffPhase.Matching), timed.Milliseconds(DiffPhase.Comparing));
            return new EngineOutcome(result, null, notices);
        }
        if (sharded.ResultRows is { } rows)
        {
            // Run whole, the same rows would fill one worker's heap and then the page's: refused, and the page stays as it was.
            await bridge.FinishRunAsync("refused", sharded.Declined);
            return new EngineOutcome(null, BrowserMemory.TooManyRows(rows, ShardedDiff.MaxGatheredRows, options.IncludeUnchanged), notices);
        }
        if (BrowserMemory.Problem(left.Size + right.Size, 1) is { } tooLarge)
        {
            await bridge.FinishRunAsync("one worker", sharded.Declined);
            return new EngineOutcome(null, $"{tooLarge} (These files cannot be split across workers: {sharded.Declined}.)", notices);
        }
        return await Whole(encoded, sharded.Declined, notices, cancellation);
    }

    private async ValueTask<long> WholeRunBelowAsync() => _wholeRunBelow ??= await bridge.WholeBelowSwitchAsync() ?? WholeRunBelowBytes;

    // The whole diff in one worker: small inputs, or inputs the sharded diff declined (why, when it did).
    private async Task<EngineOutcome> Whole(byte[] encoded, string? declined, List<string> notices, CancellationToken cancellation)
    {
        var ahead = _resultAhead;
        var reply = await bridge.CompareWholeAsync(encoded, ahead?.ReadAheadId ?? 0);
        await bridge.FinishRunAsync("one worker", declined);
        // A reply already on its way when Cancel was pressed is not shown: the user asked for none.
        cancellation.ThrowIfCancellationRequested();
        // No reply: the pool found this Compare's diff to be the one made ahead, which the page took in then.
        var (result, error) = reply is not null
            ? EngineCall.Open(reply)
            : (ahead?.Result ?? throw new InvalidOperationException("the pool named a result made ahead that the page does not hold"), null);
        // A run that ends in an input's error says only that: the shards declined for the same reason, which is no news.
        if (declined is not null && result is not null)
        {
            notices.Add($"Compared in one worker, not in parallel, because {declined}.");
        }
        return new EngineOutcome(result, error, notices);
    }

    // Without a worker the engine runs here: correct, but the page cannot repaint until it is done, so the user is told why.
    private async Task<EngineOutcome> OnPage(byte[] options, string? problem, IProgress<DiffProgress> progress, List<string> notices,
        CancellationToken cancellation)
    {
        notices.Add($"Comparing on this page because the engine workers are unavailable ({problem}); the page may pause while it works.");
        progress.Report(new DiffProgress(DiffPhase.Comparing, 0));
        // Lets the page show the phase before the engine holds the thread.
        await Task.Yield();
        var (leftName, left) = await bridge.InputAsync("left");
        var (rightName, right) = await bridge.InputAsync("right");
        // The last moment a cancel can reach: once the engine runs here, the page handles no click until it is done.
        cancellation.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var reply = EngineCall.Run(leftName, left, rightName, right, options, null);
        await bridge.RecordPageRunAsync((long)clock.Elapsed.TotalMilliseconds, left.LongLength + right.LongLength);
        var (result, error) = EngineCall.Open(reply);
        return new EngineOutcome(result, error, notices);
    }

    // Passes progress on, and times the phases the page itself runs (matching, assembling) for the diagnostics.
    private sealed class TimedProgress(IProgress<DiffProgress> inner) : IProgress<DiffProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Dictionary<DiffPhase, (double First, double Last)> _seen = [];

        public void Report(DiffProgress value)
        {
            var now = _clock.Elapsed.TotalMilliseconds;
            _seen[value.Phase] = _seen.TryGetValue(value.Phase, out var seen) ? (seen.First, now) : (now, now);
            inner.Report(value);
        }

        public double? Milliseconds(DiffPhase phase) => _seen.TryGetValue(phase, out var seen) ? Math.Round(seen.Last - seen.First) : null;
    }
}

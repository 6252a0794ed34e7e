// The engine's entry points for a module Web Worker that hosts its own .NET runtime over this app's _framework files.
using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;
using CsvDiff.Sharding;

namespace CsvDiff.Web.Worker;

[SupportedOSPlatform("browser")]
internal static partial class WorkerExports
{
    // The shards this worker holds for the current diff, with the run's options; the page's coordinator asks about them by request.
    private static ShardWorker? s_shards;

    // The inputs of a small diff, read ahead as tables while the user set its options (js/read-ahead.js); null when none are held.
    private static PreparedTables? s_readAhead;

    // The diff of the inputs held with the options they were read ahead with, as its reply to the page: most Compares use those
    // options, and then have nothing left to wait for but the page drawing the result. Only this diff is kept, so that the page
    // can tell from the options alone which Compare it answers (read-ahead.js).
    private static (byte[] Options, byte[] Reply)? s_diffedAhead;

    // Per side, the range of the input this worker read while the page cut the inputs (for a run, or ahead of one while the user
    // set the options), held for its shard of that side until it loads it or ClearShards.
    private static readonly HeldRange?[] s_ranges = new HeldRange?[2];

    // Stops the warm-up (WarmUp) once a request comes.
    private static CancellationTokenSource? s_warmUp;

    [JSExport]
    internal static byte[] Compare(string leftName, byte[] left, string rightName, byte[] right, byte[] options) =>
        EngineCall.Run(leftName, left, rightName, right, options, new WorkerProgress());

    /// <summary>Reads the inputs as a diff with <paramref name="options"/> (the page's options now) would, and holds them.</summary>
    [JSExport]
    internal static void HoldReadAhead(string leftName, byte[] left, string rightName, byte[] right, byte[] options)
    {
        s_diffedAhead = null;
        s_readAhead = TableDiff.Prepare(new TableInput(leftName, left), new TableInput(rightName, right), OptionsCodec.Decode(options));
        // The tables just read are young objects, and the runtime's first collection after them came at the Compare's start: a
        // 10,000-row diff then took 26–42 ms to reach its first step, against 7–11 ms with the collection made here, while the
        // options are set (docs/BENCHMARKS.md).
        GC.Collect();
    }

    [JSExport]
    internal static void DropReadAhead() => (s_readAhead, s_diffedAhead) = (null, null);

    /// <summary>
    /// Diffs the inputs read ahead with <paramref name="options"/> (the page's options now) and keeps the reply, so that a
    /// Compare with these options finds its result made, here or already on the page: the reply is returned when it is at most
    /// <paramref name="pageTakesBytes"/> long, for the page to take in, and otherwise stays here (null). It reports its progress
    /// as a Compare's diff does: a Compare pressed while it runs waits for it, and shows how far it has got (the page drops the
    /// reports while no run listens).
    /// </summary>
    [JSExport]
    internal static byte[]? DiffAhead(byte[] options, int pageTakesBytes)
    {
        var reply = DiffHeld(options);
        s_diffedAhead = (options, reply);
        return reply.Length <= pageTakesBytes ? reply : null;
    }

    /// <summary>
    /// Compares the inputs read ahead, from the tables read when <paramref name="options"/> read them alike; they stay held for a
    /// next Compare of the same files with other options. Their diff ahead is the reply when it ran with these options.
    /// </summary>
    [JSExport]
    internal static byte[] CompareReadAhead(byte[] options) => s_diffedAhead is { } ahead && ahead.Options.AsSpan().SequenceEqual(options)
        ? ahead.Reply
        : DiffHeld(options);

    private static byte[] DiffHeld(byte[] options) => s_readAhead is { } prepared
        ? EngineCall.Run(prepared, options, new WorkerProgress())
        : throw new InvalidOperationException("no inputs are held read ahead");

    /// <summary>Starts this worker's part in a sharded run: the options, encoded once by the page, hold for all its requests.</summary>
    [JSExport]
    internal static void BeginRun(byte[] options) => s_shards = new ShardWorker(OptionsCodec.Decode(options));

    /// <summary>
    /// Makes the array that bytes <paramref name="start"/> on of a side's input, <paramref name="length"/> of them, are read
    /// into (<see cref="FillRange"/>), with room for a header part of <paramref name="headerLength"/> bytes before them and
    /// the line or so past their end after. It replaces the side's range held before; <paramref name="id"/> names it.
    /// </summary>
    [JSExport]
    internal static void BeginRange(int side, int id, [JSMarshalAs<JSType.Number>] long start, int length, int headerLength) =>
        s_ranges[side] = new HeldRange(id, start, length, headerLength);

    /// <summary>
    /// Takes the next <paramref name="length"/> bytes of the range named <paramref name="id"/>, at <paramref name="offset"/>
    /// in it, from the worker's script (<see cref="FillPieces"/>); a range replaced since takes none.
    /// </summary>
    [JSExport]
    internal static void FillRange(int side, int id, int offset, int length)
    {
        if (s_ranges[side] is { } range && range.Id == id)
        {
            FillPieces(range.Chunk(offset, length));
        }
    }

    /// <summary>
    /// Loads the shard of bytes <paramref name="start"/> to <paramref name="end"/> of a side's input in place, in the range
    /// held, which holds its start: the worker's script gives the header part and the bytes past the range's end, one after the
    /// other (<see cref="FillPieces"/>). Null, taking nothing, when the range does not hold the shard's start or has too little
    /// room for the rest; the script then sends the whole shard (<see cref="LoadShard"/>).
    /// </summary>
    [JSExport]
    internal static byte[]? LoadHeldShard(int side, int shard, string name, [JSMarshalAs<JSType.Number>] long start,
        [JSMarshalAs<JSType.Number>] long end, int headerLength, byte[] readPlan)
    {
        var range = s_ranges[side];
        s_ranges[side] = null;
        if (range?.Place(start, end, headerLength) is not { } place)
        {
            return null;
        }
        if (place.HeaderLength > 0)
        {
            FillPieces(range.HeaderOf(place));
        }
        if (place.TailLength > 0)
        {
            FillPieces(range.TailOf(place));
        }
        return Shards.Load((TableSide)side, shard, new TableInput(name, range.BytesOf(place)), headerLength, readPlan);
    }

    /// <summary>
    /// Loads a shard of <paramref name="length"/> bytes, which the worker's script copies into this runtime's heap when asked
    /// (<see cref="FillPieces"/>): once, straight from where it holds them.
    /// </summary>
    [JSExport]
    internal static byte[] LoadShard(int side, int shard, string name, int length, int headerLength, byte[] readPlan)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        FillPieces(bytes);
        return Shards.Load((TableSide)side, shard, new TableInput(name, bytes), headerLength, readPlan);
    }

    [JSExport]
    internal static byte[] HandleShardRequest(byte[] request) => Shards.Handle(request);

    /// <summary>
    /// Answers a request with the answers gathered for it from other workers, of these lengths, which the worker's script
    /// copies into this runtime's heap when asked (<see cref="FillPieces"/>): once, one after another.
    /// </summary>
    [JSExport]
    internal static byte[] HandleGatheredShardRequest(byte[] request, [JSMarshalAs<JSType.Array<JSType.Number>>] int[] lengths)
    {
        var gathered = GC.AllocateUninitializedArray<byte>(lengths.Sum());
        FillPieces(gathered);
        var answers = new ReadOnlyMemory<byte>[lengths.Length];
        var at = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            answers[i] = gathered.AsMemory(at, lengths[i]);
            at += lengths[i];
        }
        return Shards.Handle(request, answers);
    }

    private static ShardWorker Shards => s_shards ?? throw new InvalidOperationException("a shard request came before its run began");

    [JSExport]
    internal static void ClearShards()
    {
        s_shards = null;
        Array.Clear(s_ranges);
    }

    /// <summary>
    /// Has this worker's runtime compile its hot paths on made-up diffs while it has nothing else to do, once it has reported
    /// ready: every step of a sharded diff, then, <paramref name="whole"/> (the worker small diffs run whole in), the same pair
    /// whole. It yields between steps, so a request is taken at the next one, and <see cref="StopWarmingUp"/> ends it there
    /// (the page has every worker's ended when the first request goes to any): real work compiles what it needs itself.
    /// Warming before the worker reported ready kept the pool from being ready for about 1 s on the two-core machine. The
    /// sharded diff comes first because its steps are short, while the whole pair's (read, then diffed) are longer on a cold
    /// runtime (docs/BENCHMARKS.md).
    /// </summary>
    [JSExport]
    internal static async Task WarmUp(bool whole)
    {
        s_warmUp = new CancellationTokenSource();
        await ShardedDiff.WarmUpAsync(s_warmUp.Token);
        if (whole)
        {
            await Task.Yield();
            await EngineCall.WarmUpAsync(s_warmUp.Token);
        }
    }

    [JSExport]
    internal static void StopWarmingUp() => s_warmUp?.Cancel();

    [JSImport("fillPieces", "engine-worker")]
    private static partial void FillPieces([JSMarshalAs<JSType.MemoryView>] Span<byte> target);

    [JSImport("reportProgress", "engine-worker")]
    internal static partial void ReportProgress(string phase, double fraction);

    // Posting a message per report would flood the page; only changes of a whole percent or of phase go out.
    private sealed class WorkerProgress : IProgress<DiffProgress>
    {
        private DiffPhase _phase = (DiffPhase)(-1);
        private int _percent = -1;

        public void Report(DiffProgress value)
        {
            var percent = (int)(value.Fraction * 100);
            if (value.Phase != _phase || percent != _percent)
            {
                (_phase, _percent) = (value.Phase, percent);
                ReportProgress(value.Phase.ToString().ToLowerInvariant(), value.Fraction);
            }
        }
    }
}

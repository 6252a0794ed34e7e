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

    [JSExport]
    internal static byte[] Compare(string leftName, byte[] left, string rightName, byte[] right, byte[] options) =>
        EngineCall.Run(leftName, left, rightName, right, options, new WorkerProgress());

    /// <summary>Reads the inputs as a diff with <paramref name="options"/> (the page's options now) would, and holds them.</summary>
    [JSExport]
    internal static void HoldReadAhead(string leftName, byte[] left, string rightName, byte[] right, byte[] options) =>
        s_readAhead = TableDiff.Prepare(new TableInput(leftName, left), new TableInput(rightName, right), OptionsCodec.Decode(options));

    [JSExport]
    internal static void DropReadAhead() => s_readAhead = null;

    /// <summary>
    /// Compares the inputs read ahead, from the tables read when <paramref name="options"/> read them alike; they stay held for a
    /// next Compare of the same files with other options.
    /// </summary>
    [JSExport]
    internal static byte[] CompareReadAhead(byte[] options) => s_readAhead is { } prepared
        ? EngineCall.Run(prepared, options, new WorkerProgress())
        : throw new InvalidOperationException("no inputs are held read ahead");

    /// <summary>Starts this worker's part in a sharded run: the options, encoded once by the page, hold for all its requests.</summary>
    [JSExport]
    internal static void BeginRun(byte[] options) => s_shards = new ShardWorker(OptionsCodec.Decode(options));

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
    internal static void ClearShards() => s_shards = null;

    [JSExport]
    internal static async Task WarmUp() => await ShardedDiff.WarmUpAsync();

    [JSExport]
    internal static void WarmUpWhole() => EngineCall.WarmUp();

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

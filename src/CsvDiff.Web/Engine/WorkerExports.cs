// The engine's entry points for a module Web Worker that hosts its own .NET runtime over this app's _framework files.
using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;
using System.Text.Json;
using CsvDiff.Sharding;
using CsvDiff.Web.State;

namespace CsvDiff.Web.Engine;

[SupportedOSPlatform("browser")]
internal static partial class WorkerExports
{
    // The shards this worker holds for the current diff; the page's coordinator asks about them by request.
    private static ShardWorker? s_shards;

    [JSExport]
    internal static byte[] Compare(string leftName, byte[] left, string rightName, byte[] right, string settingsJson) =>
        EngineCall.Run(leftName, left, rightName, right, settingsJson, new WorkerProgress());

    [JSExport]
    internal static byte[] LoadShard(int side, int shard, string name, byte[] bytes, int headerLength, byte[] readPlan, string settingsJson) =>
        ShardsFor(settingsJson).Load((TableSide)side, shard, new TableInput(name, bytes), headerLength, readPlan);

    [JSExport]
    internal static byte[] HandleShardRequest(byte[] request, string settingsJson) => ShardsFor(settingsJson).Handle(request);

    // The page clears every worker before a diff, so the first message of a diff brings its settings.
    private static ShardWorker ShardsFor(string settingsJson) =>
        s_shards ??= new ShardWorker((JsonSerializer.Deserialize(settingsJson, ViewerJson.Default.ViewerSettings) ?? new ViewerSettings()).ToDiffOptions());

    [JSExport]
    internal static void ClearShards() => s_shards = null;

    [JSExport]
    internal static Task WarmUp() => ShardedDiff.WarmUpAsync();

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

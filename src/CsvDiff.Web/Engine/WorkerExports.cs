// The engine's entry points for a module Web Worker that hosts its own .NET runtime over this app's _framework files.
using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace CsvDiff.Web.Engine;

[SupportedOSPlatform("browser")]
internal static partial class WorkerExports
{
    [JSExport]
    internal static byte[] Compare(string leftName, byte[] left, string rightName, byte[] right, string settingsJson) =>
        EngineCall.Run(leftName, left, rightName, right, settingsJson, new WorkerProgress());

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

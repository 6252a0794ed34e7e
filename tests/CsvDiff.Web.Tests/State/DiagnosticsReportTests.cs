// The diagnostics panel's reading of window.csvdiff.diagnostics(), case by case.
using CsvDiff.Web.State;

namespace CsvDiff.Web.Tests.State;

public class DiagnosticsReportTests
{
    // What js/engine-pool.js reports of a worker's warm-up, and what the diagnostics panel says of it.
    [Theory]
    [InlineData("null", "null", "–")]
    [InlineData("\"running\"", "null", "running")]
    [InlineData("\"done\"", "2345", "done at 2345 ms")]
    [InlineData("\"stopped\"", "1900", "stopped by a request at 1900 ms")]
    [InlineData("\"failed: out of memory\"", "1900", "failed: out of memory")]
    public void A_workers_warm_up_is_described_in_its_row(string warmUp, string warmedMs, string said)
    {
        var report = DiagnosticsReport.Parse($$"""
            { "mode": "parallel", "workers": 1, "poolSize": 1,
              "workerDetails": [{ "index": 0, "state": "ready", "startMs": 1200, "warmUp": {{warmUp}}, "warmedMs": {{warmedMs}},
                                  "wasmHeapBytes": 33554432, "jsHeapBytes": null, "busy": 0 }] }
            """);
        var row = Assert.Single(report.WorkerRows);
        Assert.Equal(new DiagnosticsReport.WorkerRow(1, "ready", "1200 ms", said, "32.0 MB", "–", 0), row);
    }
}

// window.csvdiff.diagnostics() read into what the diagnostics panel shows, testable without a browser.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CsvDiff.Web.State;

public sealed record DiagnosticsReport(
    string Mode,
    int Workers,
    int PoolSize,
    int HardwareConcurrency,
    bool CrossOriginIsolated,
    bool SharedArrayBuffer,
    string? FallbackReason,
    IReadOnlyList<string> Notes,
    IReadOnlyList<DiagnosticsReport.WorkerRow> WorkerRows,
    string? LastRun,
    string Indented)
{
    public sealed record WorkerRow(int Number, string State, string Start, string WarmUp, string WasmHeap, string JsHeap, int Busy);

    public static DiagnosticsReport Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var notes = Strings(root, "poolNotes").ToList();
        if (Text(root, "isolation") is { } isolation)
        {
            notes.Add($"isolation: {isolation}");
        }
        if (root.TryGetProperty("readAhead", out var readAhead) && Text(readAhead, "left") is { } left && Text(readAhead, "right") is { } right)
        {
            notes.Add($"read ahead: {left} and {right}, {Text(readAhead, "state")} by worker {Int(readAhead, "worker")}");
        }
        if (root.TryGetProperty("readAhead", out var ahead) && Text(ahead, "ranges") is { } ranges && ranges != "none")
        {
            notes.Add($"ranges read ahead for shards: {ranges}");
        }
        var workers = root.TryGetProperty("workerDetails", out var details) && details.ValueKind == JsonValueKind.Array
            ? details.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.Object).Select(w => new WorkerRow(
                Int(w, "index") + 1, Text(w, "state") ?? "?", Milliseconds(w, "startMs"), DescribeWarmUp(w), Megabytes(w, "wasmHeapBytes"),
                Megabytes(w, "jsHeapBytes"), Int(w, "busy"))).ToList()
            : [];
        return new DiagnosticsReport(
            Text(root, "mode") ?? "starting", Int(root, "workers"), Int(root, "poolSize"), Int(root, "hardwareConcurrency"),
            Bool(root, "crossOriginIsolated"), Bool(root, "sharedArrayBuffer"), Text(root, "fallbackReason"),
            notes, workers, DescribeLastRun(root), JsonSerializer.Serialize(root, Indenting.Default.JsonElement));
    }

    private static string? DescribeLastRun(JsonElement root)
    {
        if (!root.TryGetProperty("lastRun", out var run) || run.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var phases = run.TryGetProperty("phases", out var p) && p.ValueKind == JsonValueKind.Object
            ? string.Join(", ", p.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.Number)
                .Select(x => $"{x.Name.Replace("Ms", "", StringComparison.Ordinal)} {x.Value.GetDouble().ToString("0", CultureInfo.InvariantCulture)} ms"))
            : "";
        var declined = Text(run, "declined") is { } reason ? $" (one worker: {reason})" : "";
        var readAhead = Text(run, "readAhead") switch
        {
            "inputs" => " (its inputs read ahead)",
            "diff" => " (its inputs read and diffed ahead)",
            "result" => " (its inputs read and diffed ahead, the result taken in by the page)",
            _ => "",
        };
        return $"{Text(run, "strategy")}{declined}{readAhead}, {Milliseconds(run, "milliseconds")}, {Megabytes(run, "bytes")} read" +
               (phases.Length > 0 ? $"; {phases}" : "");
    }

    // A worker compiles its hot paths on made-up diffs once ready, until a request stops it (js/engine-worker.js).
    private static string DescribeWarmUp(JsonElement worker) => Text(worker, "warmUp") switch
    {
        null => "–",
        "running" => "running",
        "done" => $"done at {Milliseconds(worker, "warmedMs")}",
        "stopped" => $"stopped by a request at {Milliseconds(worker, "warmedMs")}",
        var failed => failed,
    };

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? (int)v.GetDouble() : 0;

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static IEnumerable<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)
            : [];

    private static string Milliseconds(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? $"{v.GetDouble().ToString("0", CultureInfo.InvariantCulture)} ms" : "–";

    private static string Megabytes(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? $"{(v.GetDouble() / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} MB"
            : "–";
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class Indenting : JsonSerializerContext;

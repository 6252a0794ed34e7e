// The page's side of JavaScript interop: inputs held as browser Files, the engine worker pool, downloads, storage, scrolling and focus.
using System.Text.Json;
using CsvDiff.Web.State;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CsvDiff.Web.Page;

/// <summary>What a chosen input looks like at a glance.</summary>
public sealed record InputInfo(string Name, long Size, TableSniff Sniff);

/// <summary>The engine's workers failed (one died for good, or none runs): the page can still run the engine itself.</summary>
public sealed class EngineWorkersFailedException(string message) : Exception(message);

internal sealed class BrowserBridge(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private IJSObjectReference? _engine;

    // The page's own module (inputs, downloads, settings), and the module through which the EngineRunner reaches the pool.
    private async ValueTask<IJSObjectReference> Module() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/viewer.js");

    private async ValueTask<IJSObjectReference> Engine() =>
        _engine ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/engine-interop.js");

    /// <summary>
    /// Starts the page's JavaScript and its worker pool, with the engine's own figures: how much of a file a look reads, the
    /// size under which inputs run whole in one worker (and are read into it ahead), and how much input a worker holds in shards.
    /// </summary>
    public async Task StartAsync<T>(DotNetObjectReference<T> page, string version) where T : class =>
        await (await Module()).InvokeVoidAsync("start", page, version, TableSniffer.SampleBytes, EngineRunner.WholeRunBelowBytes,
            BrowserMemory.InputBytesPerEngine);

    public async Task RecordPageRunAsync(long milliseconds, long bytes) =>
        await (await Engine()).InvokeVoidAsync("recordPageRun", milliseconds, bytes);

    /// <summary>
    /// Cuts both inputs into shards for the worker pool, and begins the run on every worker with <paramref name="options"/>
    /// (<see cref="Sharding.OptionsCodec"/>). Null means there is no pool: <see cref="WorkerProblem"/> says why.
    /// </summary>
    public async Task<PoolShardCluster?> PrepareShardsAsync(byte[] options) =>
        await Across(module => module.InvokeAsync<int[]?>("prepareShards", options)) is [var left, var right, var workers]
            ? new PoolShardCluster(this, left, right, workers)
            : null;

    public async Task<byte[]> LoadShardAsync(int side, int shard, byte[] readPlan) =>
        await Across(module => module.InvokeAsync<byte[]>("loadShard", side, shard, readPlan));

    public async Task<byte[]> SendShardAsync(int side, int shard, byte[] request) =>
        await Across(module => module.InvokeAsync<byte[]>("sendShard", side, shard, request));

    public async Task<byte[]> ComputeAsync(int worker, byte[] request) => await Across(module => module.InvokeAsync<byte[]>("compute", worker, request));

    /// <summary>
    /// Runs <paramref name="request"/> on a worker with the answers of the shard requests given by side, shard and request, which
    /// the page's JavaScript gathers from the workers holding those shards and hands on without bringing them into .NET.
    /// </summary>
    public async Task<byte[]> ComputeGatheringAsync(int worker, byte[] request, int[] sides, int[] shards, byte[][] requests) =>
        await Across(module => module.InvokeAsync<byte[]>("computeGathering", worker, request, sides, shards, requests));

    /// <summary>
    /// Has the chosen inputs read ahead: as tables with <paramref name="options"/> (OptionsCodec), and diffed with them, when
    /// they are small enough to run whole; otherwise as the ranges the workers read for their shards. The diff made ahead comes
    /// back to the page's component (Viewer.TakeResultAhead) when its reply is at most <paramref name="resultMaxBytes"/> long.
    /// </summary>
    public async Task ReadAheadAsync(byte[] options, int resultMaxBytes) =>
        await (await Engine()).InvokeVoidAsync("readAhead", options, resultMaxBytes);

    /// <summary>
    /// Runs the whole diff in one pool worker. Null: the diff is the one made ahead of read-ahead <paramref name="resultOnPage"/>
    /// (0: none), whose reply the page holds already.
    /// </summary>
    public async Task<byte[]?> CompareWholeAsync(byte[] options, int resultOnPage) =>
        await Across(module => module.InvokeAsync<byte[]?>("compareWhole", options, resultOnPage));

    /// <summary>
    /// Frees the workers' shards and records the run for the diagnostics: <paramref name="declined"/> says why it ran whole;
    /// the page's own matching and assembling times complete the workers' phases.
    /// </summary>
    public async Task FinishRunAsync(string strategy, string? declined, double? matchMs = null, double? assembleMs = null) =>
        await (await Engine()).InvokeVoidAsync("finishRun", strategy, declined, matchMs, assembleMs);

    /// <summary>What happened to workers during the run (a worker that died and whose part was redone), for the user.</summary>
    public async Task<string[]> RunNoticesAsync() => await (await Engine()).InvokeAsync<string[]>("runNotices");

    /// <summary>Where the URL's <c>?whole-below</c> switch puts the size under which inputs run whole; null: not set.</summary>
    public async Task<long?> WholeBelowSwitchAsync() => await (await Engine()).InvokeAsync<long?>("wholeBelowSwitch");

    public async Task<string?> WorkerProblem() => await (await Engine()).InvokeAsync<string?>("workerProblem");

    public async Task<(string Name, byte[] Bytes)> InputAsync(string side)
    {
        var engine = await Engine();
        return (await engine.InvokeAsync<string>("inputName", side), await Across(m => m.InvokeAsync<byte[]>("inputBytes", side)));
    }

    /// <summary>How many pool workers run .NET (0 when the page runs the engine itself).</summary>
    public async Task<int> WorkerCountAsync() => await (await Engine()).InvokeAsync<int>("workerCount");

    /// <summary>Completes once the pool is ready, its workers have warmed up, and the page is next idle.</summary>
    public async Task PageIdleAsync() => await (await Engine()).InvokeVoidAsync("pageIdle");

    /// <summary>Reloads the page with a pool of <paramref name="size"/> workers (the size lives in the URL, so it survives reloads).</summary>
    public async Task RestartPoolAsync(int size) => await (await Module()).InvokeVoidAsync("restartPool", size);

    public async Task<string> DiagnosticsJsonAsync() => await (await Module()).InvokeAsync<string>("diagnosticsJson");

    public async Task CancelAsync() => await (await Engine()).InvokeVoidAsync("cancel");

    public async Task UseTextAsync(string side, string name, string text) => await (await Module()).InvokeVoidAsync("useText", side, name, text);

    public async Task LoadExampleAsync() => await (await Module()).InvokeVoidAsync("loadExample");

    public async Task DownloadAsync(string fileName, string mimeType, byte[] bytes) =>
        await (await Module()).InvokeVoidAsync("download", fileName, mimeType, bytes);

    public async Task<string?> LoadSettingsAsync() => await (await Module()).InvokeAsync<string?>("loadSettings");

    public async Task SaveSettingsAsync(string json) => await (await Module()).InvokeVoidAsync("saveSettings", json);

    /// <summary>Focuses <paramref name="element"/> once the page has laid out what was just rendered (js/viewer.js).</summary>
    public async Task FocusNextFrameAsync(ElementReference element) =>
        await (await Module()).InvokeVoidAsync("focusNextFrame", element);

    public async Task ScrollToRowAsync(int index) => await (await Module()).InvokeVoidAsync("scrollToRow", index);

    public async Task ApplyThemeAsync(string theme) => await (await Module()).InvokeVoidAsync("applyTheme", theme);

    // The engine's JavaScript (engine-errors.js) sends a failure's kind with its message, as JSON, since interop carries only
    // the message; each kind becomes one exception type here, so no caller reads error text.
    private async Task<T> Across<T>(Func<IJSObjectReference, ValueTask<T>> call)
    {
        var module = await Engine();
        try
        {
            return await call(module);
        }
        catch (JSException e)
        {
            throw Translated(e);
        }
    }

    private static Exception Translated(JSException e)
    {
        var sent = e.Message.Split('\n')[0];
        try
        {
            using var json = JsonDocument.Parse(sent);
            var message = json.RootElement.GetProperty("message").GetString() ?? "";
            return json.RootElement.GetProperty("kind").GetString() switch
            {
                "cancelled" => new OperationCanceledException(message),
                "unreadable" => new CsvDiffException(message),
                _ => new EngineWorkersFailedException(message),
            };
        }
        catch (Exception parse) when (parse is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new EngineWorkersFailedException(sent);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            await _module.DisposeAsync();
        }
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
    }
}

// The viewer's behaviour: input and settings state, running the engine (in its worker, or on the page as a fallback), exports.
using System.Diagnostics;
using System.Text.Json;
using CsvDiff.Patching;
using CsvDiff.Rendering;
using CsvDiff.Sharding;
using CsvDiff.Web.Page;
using CsvDiff.Web.State;
using CsvDiff.Web.Worker;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace CsvDiff.Web.Components;

public sealed partial class Viewer : IAsyncDisposable
{
    private DotNetObjectReference<Viewer>? _self;
    private InputInfo? _left;
    private InputInfo? _right;
    private ViewerSettings _settings = new();
    private bool _running;
    // The run under way's cancellation: Cancel fires it, and it reaches the engine and, through the bridge, the workers.
    private CancellationTokenSource? _cancellation;
    private string _phase = "";
    private double _progress;
    private string? _status;
    private string? _error;
    private readonly List<string> _hostNotices = [];
    private string? _ranWith;
    private ResultView? _view;
    private bool _showDiagnostics;
    private int[] _workerActivity = [];

    [Inject]
    private BrowserBridge Bridge { get; set; } = default!;

    private bool CanCompare => _left is not null && _right is not null && !_running;

    private IEnumerable<string> Notices =>
        _hostNotices.Concat(_view?.Result.Notices ?? []);

    // Both are read on every render, so membership goes through sets: a wide file can have thousands of columns.
    private IReadOnlyList<string> SharedColumns => InBoth(_left?.Sniff.Columns, _right?.Sniff.Columns);

    private IReadOnlyList<string> SuggestedKeys => InBoth(_left?.Sniff.SuggestedKeys, _right?.Sniff.SuggestedKeys);

    private static IReadOnlyList<string> InBoth(IReadOnlyList<string>? left, IReadOnlyList<string>? right)
    {
        if (left is null || right is null)
        {
            return left ?? [];
        }
        var inRight = right.ToHashSet(StringComparer.Ordinal);
        return left.Where(inRight.Contains).ToList();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        _self = DotNetObjectReference.Create(this);
        if (await Bridge.LoadSettingsAsync() is { } json)
        {
            _settings = ReadSettings(json);
            await Bridge.ApplyThemeAsync(_settings.Theme);
            StateHasChanged();
        }
        await Bridge.StartAsync(_self, TableDiff.Version);
    }

    private static ViewerSettings ReadSettings(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ViewerJson.Default.ViewerSettings) ?? new ViewerSettings();
        }
        catch (JsonException)
        {
            // Settings saved by an older version that no longer read: start from the defaults.
            return new ViewerSettings();
        }
    }

    [JSInvokable]
    public void OnInputChosen(string side, string name, long size, byte[] head)
    {
        var sniff = TableSniffer.Sniff(name, head, size, _settings.ToDiffOptions().Csv);
        var info = new InputInfo(name, size, sniff);
        if (side == "left")
        {
            _left = info;
        }
        else
        {
            _right = info;
        }
        _error = null;
        StateHasChanged();
    }

    [JSInvokable]
    public void OnProgress(string phase, double fraction)
    {
        (_phase, _progress) = (phase, fraction);
        StateHasChanged();
    }

    [JSInvokable]
    public void OnWorkerActivity(int[] busy)
    {
        _workerActivity = busy;
        StateHasChanged();
    }

    [JSInvokable]
    public async Task OnShortcut(string action)
    {
        if (action == "diagnostics")
        {
            _showDiagnostics = !_showDiagnostics;
            StateHasChanged();
            return;
        }
        await Navigate(action == "next");
    }

    private async Task UseText((string Side, string Text) pasted) =>
        await Bridge.UseTextAsync(pasted.Side, pasted.Side == "left" ? "pasted-left.csv" : "pasted-right.csv", pasted.Text);

    private async Task LoadExample()
    {
        await Bridge.LoadExampleAsync();
        if (_settings.KeyMode == KeyMode.Content && _settings.KeyColumns.Count == 0)
        {
            await ChangeSettings(_settings with { KeyMode = KeyMode.Columns, KeyColumns = ["id"] });
        }
    }

    private async Task ChangeSettings(ViewerSettings settings)
    {
        _settings = settings;
        await Bridge.SaveSettingsAsync(JsonSerializer.Serialize(settings, ViewerJson.Default.ViewerSettings));
    }

    private async Task ChangeTheme(string theme)
    {
        await ChangeSettings(_settings with { Theme = theme });
        await Bridge.ApplyThemeAsync(theme);
    }

    private async Task Compare()
    {
        if (!CanCompare)
        {
            return;
        }
        // Running from here on, so a second click while the pool is asked below does not start a second comparison.
        (_running, _error, _status, _phase, _progress, _workerActivity) = (true, null, null, "starting", 0, []);
        // Sharded, the inputs spread over every worker's heap; a run that must read them whole is checked again when it is declined.
        if (BrowserMemory.Problem(_left!.Size + _right!.Size, await Bridge.WorkerCountAsync()) is { } tooLarge)
        {
            (_running, _error, _status) = (false, tooLarge, null);
            return;
        }
        var clock = Stopwatch.StartNew();
        using var cancellation = _cancellation = new CancellationTokenSource();
        try
        {
            _hostNotices.Clear();
            var (result, error) = await RunEngine(_settings.ToDiffOptions(), cancellation.Token);
            _error = error;
            if (result is not null)
            {
                _view = new ResultView(result);
                _ranWith = _settings.ToCommandLine();
                PageApi.LastResult = result;
                _status = $"Compared in {clock.Elapsed.TotalSeconds:0.00} s.";
            }
        }
        catch (OperationCanceledException)
        {
            _status = "Cancelled.";
        }
        catch (CsvDiffException e)
        {
            _error = e.Message;
        }
        catch (EngineWorkersFailedException e)
        {
            _error = $"The comparison failed: {e.Message}";
        }
        finally
        {
            (_running, _cancellation) = (false, null);
        }
    }

    // The pool diffs in shards when it can, in one worker when the inputs must be read whole, and the page runs the engine when there is no pool.
    // The options are taken once and encoded by the engine for the workers, so that the page and every worker diff alike.
    private async Task<(DiffResult? Result, string? Error)> RunEngine(DiffOptions options, CancellationToken cancellation)
    {
        // Synchronous .NET code in the workers cannot be interrupted: cancelling stops them all (js/shard-run.js) and starts afresh.
        await using var stopWorkers = cancellation.Register(() => _ = Bridge.CancelAsync());
        var encoded = OptionsCodec.Encode(options);
        if (await Bridge.PrepareShardsAsync(encoded) is not { } cluster)
        {
            return EngineCall.Open(await CompareOnPage(encoded, await Bridge.WorkerProblem()));
        }
        try
        {
            var progress = new PageProgress(this);
            var outcome = await ShardedDiff.CompareAsync(cluster, options, new DiffExecution { Progress = progress, Cancellation = cancellation },
                _left?.Sniff, _right?.Sniff);
            _hostNotices.AddRange(await Bridge.RunNoticesAsync());
            if (outcome.Result is { } result)
            {
                await Bridge.FinishRunAsync("sharded", null, progress.Milliseconds(DiffPhase.Matching), progress.Milliseconds(DiffPhase.Comparing));
                return (result, null);
            }
            if (BrowserMemory.Problem(_left!.Size + _right!.Size, 1) is { } tooLarge)
            {
                await Bridge.FinishRunAsync("one worker", outcome.Declined);
                return (null, $"{tooLarge} (These files cannot be split across workers: {outcome.Declined}.)");
            }
            _hostNotices.Add($"Compared in one worker, not in parallel, because {outcome.Declined}.");
            var reply = await Bridge.CompareWholeAsync(encoded);
            await Bridge.FinishRunAsync("one worker", outcome.Declined);
            return EngineCall.Open(reply);
        }
        catch (CsvDiffException e)
        {
            await Bridge.FinishRunAsync("sharded", null);
            return (null, e.Message);
        }
        catch (EngineWorkersFailedException e)
        {
            _hostNotices.AddRange(await Bridge.RunNoticesAsync());
            await Bridge.FinishRunAsync("page", e.Message);
            return EngineCall.Open(await CompareOnPage(encoded, $"the engine workers failed: {e.Message}"));
        }
    }

    // Also times the phases the page itself runs (matching, assembling), for the diagnostics.
    private sealed class PageProgress(Viewer viewer) : IProgress<DiffProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Dictionary<DiffPhase, (double First, double Last)> _seen = [];

        public void Report(DiffProgress value)
        {
            var now = _clock.Elapsed.TotalMilliseconds;
            _seen[value.Phase] = _seen.TryGetValue(value.Phase, out var seen) ? (seen.First, now) : (now, now);
            viewer.OnProgress(value.Phase.ToString().ToLowerInvariant(), value.Fraction);
        }

        public double? Milliseconds(DiffPhase phase) => _seen.TryGetValue(phase, out var seen) ? Math.Round(seen.Last - seen.First) : null;
    }

    // Without a worker the engine runs here: correct, but the page cannot repaint until it is done, so the user is told why.
    private async Task<byte[]> CompareOnPage(byte[] options, string? problem)
    {
        _hostNotices.Add($"Comparing on this page because the engine workers are unavailable ({problem}); the page may pause while it works.");
        (_phase, _progress) = ("comparing", 0);
        StateHasChanged();
        await Task.Yield();
        var (leftName, left) = await Bridge.InputAsync("left");
        var (rightName, right) = await Bridge.InputAsync("right");
        var clock = Stopwatch.StartNew();
        var reply = EngineCall.Run(leftName, left, rightName, right, options, null);
        await Bridge.RecordPageRunAsync((long)clock.Elapsed.TotalMilliseconds, left.LongLength + right.LongLength);
        return reply;
    }

    // A diff file is small next to the tables it describes, and it is read whole on this page.
    private const long MaxDiffFileBytes = 256L << 20;

    // A saved diff (an export, csvdiff's output or daff's) is shown like a fresh result, read on the page.
    private async Task OpenDiff(InputFileChangeEventArgs e)
    {
        var file = e.File;
        (_error, _status) = (null, null);
        _hostNotices.Clear();
        try
        {
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(MaxDiffFileBytes))
            {
                await stream.CopyToAsync(buffer);
            }
            var result = DiffFile.Read(new TableInput(file.Name, buffer.ToArray()));
            (_view, _ranWith, PageApi.LastResult) = (new ResultView(result), null, result);
            _status = $"Opened the diff {file.Name}.";
        }
        catch (CsvDiffException problem)
        {
            _error = problem.Message;
        }
        catch (IOException problem)
        {
            _error = $"{file.Name} could not be read: {problem.Message}";
        }
    }

    private async Task Cancel()
    {
        if (_cancellation is { } running)
        {
            await running.CancelAsync();
        }
    }

    private async Task ShowOnlyDifferences(bool only)
    {
        if (_view is null)
        {
            return;
        }
        if (only || _view.HasUnchangedRows)
        {
            _view.ShowOnlyDifferences(only);
            return;
        }
        // Unchanged rows are only counted unless asked for, so seeing them means comparing again with them listed.
        await ChangeSettings(_settings with { ShowUnchanged = true });
        await Compare();
    }

    private async Task Export(OutputFormat format)
    {
        if (_view is null)
        {
            return;
        }
        using var buffer = new MemoryStream();
        DiffWriters.For(format, new RenderOptions { SafeCsv = _settings.SafeCsvExport }).Write(_view.Result, buffer);
        var (name, mime) = format switch
        {
            OutputFormat.Json => ("csvdiff.json", "application/json"),
            OutputFormat.Highlighter => ("csvdiff.highlighter.csv", "text/csv"),
            _ => ("csvdiff.html", "text/html"),
        };
        await Bridge.DownloadAsync(name, mime, buffer.ToArray());
    }

    private async Task Navigate(bool forward)
    {
        if (_view is null)
        {
            return;
        }
        var index = forward ? _view.NextChange() : _view.PreviousChange();
        StateHasChanged();
        if (index >= 0)
        {
            await Bridge.ScrollToRowAsync(index);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _self?.Dispose();
        await Bridge.DisposeAsync();
    }
}

// The viewer's behaviour: input and settings state, asking the EngineRunner for a comparison and showing its outcome, exports.
using System.Diagnostics;
using System.Text.Json;
using CsvDiff.Patching;
using CsvDiff.Rendering;
using CsvDiff.Web.Page;
using CsvDiff.Web.State;
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

    [Inject]
    private EngineRunner Runner { get; set; } = default!;

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
        _hostNotices.Clear();
        var clock = Stopwatch.StartNew();
        using var cancellation = _cancellation = new CancellationTokenSource();
        try
        {
            var outcome = await Runner.RunAsync(_left!, _right!, _settings.ToDiffOptions(), new Progress(this), cancellation.Token);
            _hostNotices.AddRange(outcome.Notices);
            _error = outcome.Error;
            if (outcome.Result is { } result)
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
        finally
        {
            (_running, _cancellation) = (false, null);
        }
    }

    // The engine's progress drawn as the bar's phase and fraction; reported on the page's thread, so it repaints at once.
    private sealed class Progress(Viewer viewer) : IProgress<DiffProgress>
    {
        public void Report(DiffProgress value) => viewer.OnProgress(value.Phase.ToString().ToLowerInvariant(), value.Fraction);
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

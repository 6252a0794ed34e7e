// The viewer's behaviour: input and settings state, asking the EngineRunner for a comparison and showing its outcome, exports.
using System.Diagnostics;
using System.Text.Json;
using CsvDiff.Patching;
using CsvDiff.Rendering;
using CsvDiff.Sharding;
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
    // What the result shown was compared from, to tell when the inputs or options have changed since (null for an opened diff).
    private (InputInfo Left, InputInfo Right, string Options)? _ranOn;
    private ResultView? _view;
    // The view of the result made ahead of a Compare (TakeResultAhead), until a Compare shows it.
    private ResultView? _viewAhead;
    private ResultsPane? _results;
    // The name of the diff file shown, when the result was opened rather than compared.
    private string? _openedDiff;
    // The inputs and options stay open while the user edits them; with a result they fold into the summary bar.
    private bool _editing;
    // Unchanged rows listed for this one comparison ("List them"), without changing the saved setting.
    private bool _listUnchangedOnce;
    // A key preselected for these inputs (not the user's choice): it is dropped when other files are chosen.
    private string? _preselectedKey;
    private bool _showDiagnostics;
    private bool _focusResult;
    private int[] _workerActivity = [];

    [Inject]
    private BrowserBridge Bridge { get; set; } = default!;

    [Inject]
    private EngineRunner Runner { get; set; } = default!;

    private bool CanCompare => _left is not null && _right is not null && !_running;

    private bool Folded => _view is not null && !_editing;

    // What the progress line says: while the pool still starts, how far it has come, since that is what the run waits for.
    private string PhaseText => _phase == "starting" && _workerActivity.Length > 0 && _workerActivity.Any(busy => busy < 0)
        ? $"starting the engine: {_workerActivity.Count(busy => busy >= 0)} of {_workerActivity.Length} workers ready"
        : $"{_phase} {(int)(_progress * 100)}%";

    private ViewerSettings RunSettings => _listUnchangedOnce ? _settings with { ShowUnchanged = true } : _settings;

    private bool IsStale => _view is not null && !_running && _ranOn is { } ran
        && (!ReferenceEquals(ran.Left, _left) || !ReferenceEquals(ran.Right, _right) || ran.Options != RunSettings.ToCommandLine());

    // The key the summary bar names is the one the result was compared with.
    private string KeyDescription => _view?.Result.Key is { Count: > 0 } key
        ? $"matched by {string.Join(", ", key)}"
        : _view is null ? "" : "matched by content (no key)";

    private string? KeyNote => KeepsPreselectedKey(_settings)
        ? $"Rows will be matched by {_preselectedKey}, unique in both files, as csvdiff --key auto would choose. To match them by content or another key, change \"Match rows\" below."
        : null;

    // The flags the result shown was compared with (null for an opened diff file).
    private string? RanWith => _ranOn?.Options;

    private bool KeepsPreselectedKey(ViewerSettings settings) =>
        _preselectedKey is { } key && settings.KeyMode == KeyMode.Columns && settings.KeyColumns is [var only] && only == key;

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
        if (_focusResult && _results is not null)
        {
            // After Compare the result has the focus, so keyboard users land on it as sighted ones do.
            _focusResult = false;
            await Bridge.FocusNextFrameAsync(_results.Section);
        }
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
        // Not awaited: it waits for the pool, and the page goes on meanwhile; a warm-up that fails leaves the page as it was.
        _ = Runner.WarmUpAsync();
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
        // A new input means the user is setting up the next comparison: the inputs and options open again.
        (_error, _listUnchangedOnce, _editing) = (null, false, true);
        // A result made ahead was of the inputs before.
        _viewAhead = null;
        Runner.DropResultAhead();
        PreselectKey();
        StateHasChanged();
        ReadAhead();
    }

    // The inputs, once both are chosen, are read ahead and diffed with the options as they are now: most Compares use them as
    // they are. A small result is laid out for the grid as soon as it comes, and the Compare that returns it only draws it.
    private void ReadAhead()
    {
        if (_left is not null && _right is not null)
        {
            // Not awaited: the read happens in a worker, and the page goes on.
            _ = Bridge.ReadAheadAsync(OptionsCodec.Encode(RunSettings.ToDiffOptions()), EngineRunner.ResultAheadMaxBytes);
        }
    }

    /// <summary>
    /// The reply of the diff made ahead of read-ahead <paramref name="readAheadId"/>, handed over by js/read-ahead.js as soon
    /// as the worker has made it: decoded and laid out now, so that the Compare that returns it only draws it.
    /// </summary>
    [JSInvokable]
    public void TakeResultAhead(int readAheadId, byte[] reply)
    {
        if (Runner.TakeResultAhead(readAheadId, reply) is { } result)
        {
            _viewAhead = new ResultView(result);
        }
    }

    // New inputs get the key `csvdiff --key auto` would choose, unless the user chose how to match rows; a key preselected for
    // earlier inputs (the example's id, say) goes with them.
    private void PreselectKey()
    {
        if (KeepsPreselectedKey(_settings))
        {
            _settings = _settings with { KeyMode = KeyMode.Content, KeyColumns = [] };
        }
        _preselectedKey = null;
        if (_settings.KeyMode != KeyMode.Content || _left?.Sniff is not { Problem: null } left || _right?.Sniff is not { Problem: null } right)
        {
            return;
        }
        if (TableSniffer.LikelyKey(left, right) is { } key)
        {
            // Not saved: the choice belongs to these files, not to the next ones.
            (_settings, _preselectedKey) = (_settings with { KeyMode = KeyMode.Columns, KeyColumns = [key] }, key);
        }
    }

    [JSInvokable]
    public void OnProgress(string phase, double fraction)
    {
        (_phase, _progress) = (phase, fraction);
        RenderWhileRunning();
    }

    [JSInvokable]
    public void OnWorkerActivity(int[] busy)
    {
        _workerActivity = busy;
        RenderWhileRunning();
    }

    // Progress and worker activity show only while a comparison runs. What the workers report in a run's last frame reaches the
    // page after its result: drawing it then would render the whole result again, twice, before the result is painted.
    private void RenderWhileRunning()
    {
        if (_running)
        {
            StateHasChanged();
        }
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

    private async Task LoadExample() => await Bridge.LoadExampleAsync();

    private async Task ChangeSettings(ViewerSettings settings)
    {
        // A key the user picks is theirs; only a preselected key that is still in force is left out of what is saved.
        var keyIsPreselected = KeepsPreselectedKey(settings);
        _preselectedKey = keyIsPreselected ? _preselectedKey : null;
        _settings = settings;
        ReadAhead();
        var saved = keyIsPreselected ? settings with { KeyMode = KeyMode.Content, KeyColumns = [] } : settings;
        await Bridge.SaveSettingsAsync(JsonSerializer.Serialize(saved, ViewerJson.Default.ViewerSettings));
    }

    private void Unfold() => _editing = true;

    private async Task ChangeTheme(string theme)
    {
        await ChangeSettings(_settings with { Theme = theme });
        await Bridge.ApplyThemeAsync(theme);
    }

    private Task Compare() => RunComparison(TimeSpan.Zero);

    /// <summary>Compare was pressed in the page shell, <paramref name="waitedMs"/> ago, before .NET had started.</summary>
    [JSInvokable]
    public async Task CompareRequested(double waitedMs)
    {
        // Called from JavaScript, not by an event of this component, so Blazor renders only when asked.
        var run = RunComparison(TimeSpan.FromMilliseconds(waitedMs));
        StateHasChanged();
        await run;
        StateHasChanged();
    }

    // The time reported runs from the click, so a Compare pressed before the page was ready counts the wait.
    private async Task RunComparison(TimeSpan waited)
    {
        if (!CanCompare)
        {
            return;
        }
        // Running from here on, so a second click while the pool is asked below does not start a second comparison.
        (_running, _error, _status, _phase, _progress) = (true, null, null, "starting", 0);
        _hostNotices.Clear();
        var clock = Stopwatch.StartNew();
        using var cancellation = _cancellation = new CancellationTokenSource();
        try
        {
            var (left, right, settings) = (_left!, _right!, RunSettings);
            var outcome = await Runner.RunAsync(left, right, settings.ToDiffOptions(), new Progress(this), cancellation.Token);
            _hostNotices.AddRange(outcome.Notices);
            _error = outcome.Error;
            if (outcome.Result is { } result)
            {
                // A view is shown once: a later Compare with the same result starts from a fresh one, unfiltered and unsorted.
                _view = _viewAhead is { } ahead && ReferenceEquals(ahead.Result, result) ? ahead : new ResultView(result);
                _viewAhead = null;
                _ranOn = (left, right, settings.ToCommandLine());
                PageApi.LastResult = result;
                _status = $"Compared in {(waited + clock.Elapsed).TotalSeconds:0.00} s.";
                _editing = false;
                _focusResult = true;
            }
        }
        catch (OperationCanceledException)
        {
            _status = _view is null ? "Cancelled." : "Cancelled. The result shown is from the earlier comparison.";
        }
#pragma warning disable CA1031 // The page must stay usable whatever fails: the failure is shown, in one line, and the page goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _error = $"The comparison failed: {e.Message.Split('\n')[0]}";
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
            (_view, _ranOn, _openedDiff, PageApi.LastResult) = (new ResultView(result), null, file.Name, result);
            (_editing, _focusResult) = (false, true);
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
        // Unchanged rows are only counted unless asked for: seeing them takes a new comparison (the checkbox says so).
        await ListUnchanged();
    }

    // Compares again listing the unchanged rows, for this comparison only: the saved setting stays as the user left it.
    private async Task ListUnchanged()
    {
        _listUnchangedOnce = true;
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
        var mime = format switch
        {
            OutputFormat.Json => "application/json",
            OutputFormat.Highlighter => "text/csv",
            _ => "text/html",
        };
        var name = _ranOn is { } ran ? DownloadName.For(ran.Left.Name, ran.Right.Name, format) : DownloadName.For(_openedDiff, null, format);
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

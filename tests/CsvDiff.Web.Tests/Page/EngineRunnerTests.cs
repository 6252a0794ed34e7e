// The runner's answer to Cancel at each await of a run, with the page's JavaScript stood in for by bunit: a cancel stops the
// run wherever it lands, and never lets a run begin afresh on the pool or on the page after it.
using System.Text;
using Bunit;
using CsvDiff.Web.Page;

namespace CsvDiff.Web.Tests.Page;

public sealed class EngineRunnerTests : IDisposable
{
    private const string Engine = "./js/engine-interop.js";
    private readonly BunitContext _context = new();
    private readonly BunitJSModuleInterop _engine;

    public EngineRunnerTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Strict;
        // These tests hold calls unanswered while they cancel; bunit fails a call still unanswered after its wait (1 s by
        // default, for the whole process), which a busy machine (the whole suite at once on two cores) has reached.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        _engine = _context.JSInterop.SetupModule(Engine);
        _engine.SetupVoid("cancel", _ => true).SetVoidResult();
        _engine.SetupVoid("finishRun", _ => true).SetVoidResult();
        _engine.Setup<string[]>("runNotices", _ => true).SetResult([]);
        _engine.Setup<string?>("workerProblem", _ => true).SetResult("no pool");
    }

    public void Dispose() => _context.Dispose();

    // Small inputs, so the runner takes the whole-in-one-worker path unless the pool is missing.
    private static InputInfo Small(string name)
    {
        var bytes = Encoding.UTF8.GetBytes("id,v\n1,a\n");
        return new InputInfo(name, bytes.Length, TableSniffer.Sniff(name, bytes, bytes.Length, new CsvFormat()));
    }

    private Task<EngineOutcome> Run(CancellationToken cancellation) =>
        new EngineRunner(new BrowserBridge(_context.JSInterop.JSRuntime))
            .RunAsync(Small("a.csv"), Small("b.csv"), new DiffOptions(), new Progress<DiffProgress>(), cancellation);

    private int Calls(string identifier) => _engine.Invocations[identifier].Count;

    private static byte[] Reply() => Worker.EngineCall.Run("a.csv", "id,v\n1,a\n"u8.ToArray(), "b.csv", "id,v\n1,b\n"u8.ToArray(),
        Sharding.OptionsCodec.Encode(new DiffOptions()), null);

    [Fact]
    public async Task Uncancelled_the_workers_reply_is_the_result()
    {
        _engine.Setup<int>("workerCount", _ => true).SetResult(2);
        _engine.Setup<long?>("wholeBelowSwitch", _ => true).SetResult(null);
        _engine.Setup<byte[]>("compareWhole", _ => true).SetResult(Reply());
        var outcome = await Run(CancellationToken.None);
        Assert.Null(outcome.Error);
        Assert.Equal(1, outcome.Result!.Summary.Modified);
        Assert.Equal(0, Calls("cancel"));
    }

    // The page's warm-up makes the interop calls a run begins with, and begins no run.
    [Fact]
    public async Task The_pages_warm_up_asks_what_a_run_asks_first_and_begins_none()
    {
        _engine.Setup<int>("workerCount", _ => true).SetResult(2);
        _engine.Setup<long?>("wholeBelowSwitch", _ => true).SetResult(null);
        _engine.SetupVoid("pageIdle", _ => true).SetVoidResult();
        await new EngineRunner(new BrowserBridge(_context.JSInterop.JSRuntime)).WarmUpAsync();
        Assert.Equal(1, Calls("workerCount"));
        Assert.Equal(1, Calls("runNotices"));
        Assert.Equal(1, Calls("wholeBelowSwitch"));
        Assert.Equal(0, Calls("compareWhole"));
    }

    // Its quick look at a made-up table waits until the workers have warmed up and the page is idle: it holds the page's
    // thread, which neither the workers starting nor a person's first step should wait for.
    [Fact]
    public async Task The_pages_warm_up_ends_only_once_the_page_is_idle()
    {
        _engine.Setup<int>("workerCount", _ => true).SetResult(2);
        _engine.Setup<long?>("wholeBelowSwitch", _ => true).SetResult(null);
        var idle = _engine.SetupVoid("pageIdle", _ => true);
        var warmUp = new EngineRunner(new BrowserBridge(_context.JSInterop.JSRuntime)).WarmUpAsync();
        Assert.Equal(1, Calls("pageIdle"));
        Assert.False(warmUp.IsCompleted);
        idle.SetVoidResult();
        await warmUp;
    }

    // The URL's switch holds for the page's life: asked by the warm-up, it is not asked again by each run.
    [Fact]
    public async Task The_whole_below_switch_is_asked_once_a_page()
    {
        _engine.Setup<int>("workerCount", _ => true).SetResult(2);
        _engine.Setup<long?>("wholeBelowSwitch", _ => true).SetResult(null);
        _engine.Setup<byte[]>("compareWhole", _ => true).SetResult(Reply());
        _engine.SetupVoid("pageIdle", _ => true).SetVoidResult();
        var runner = new EngineRunner(new BrowserBridge(_context.JSInterop.JSRuntime));
        await runner.WarmUpAsync();
        for (var run = 0; run < 2; run++)
        {
            var outcome = await runner.RunAsync(Small("a.csv"), Small("b.csv"), new DiffOptions(), new Progress<DiffProgress>(), CancellationToken.None);
            Assert.Equal(1, outcome.Result!.Summary.Modified);
        }
        Assert.Equal(1, Calls("wholeBelowSwitch"));
        Assert.Equal(2, Calls("compareWhole"));
    }

    [Fact]
    public async Task A_cancel_while_the_pool_is_asked_its_size_begins_no_run()
    {
        var workers = _engine.Setup<int>("workerCount", _ => true);
        _engine.Setup<long?>("wholeBelowSwitch", _ => true).SetResult(null);
        _engine.Setup<byte[]>("compareWhole", _ => true).SetResult([]);
        using var cancellation = new CancellationTokenSource();
        var run = Run(cancellation.Token);
        await cancellation.CancelAsync();
        workers.SetResult(2);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, Calls("cancel"));
        Assert.Equal(0, Calls("compareWhole"));
    }

    [Fact]
    public async Task A_cancel_while_the_size_switch_is_read_begins_no_run()
    {
        _engine.Setup<int>("workerCount", _ => true).SetResult(2);
        var wholeBelow = _engine.Setup<long?>("wholeBelowSwitch", _ => true);
        _engine.Setup<byte[]>("compareWhole", _ => true).SetResult([]);
        using var cancellation = new CancellationTokenSource();
        var run = Run(cancellation.Token);
        await cancellation.CancelAsync();
        wholeBelow.SetResult(null);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(0, Calls("compareWhole"));
    }

    // Whether the worker's answer after a cancel is a result, or a failure of a worker the cancel stopped, the run ends
    // cancelled: nothing is shown, and the run is not tried again on the page.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task What_the_worker_answers_after_a_cancel_ends_the_run_cancelled(bool workerFailed)
    {
        _engine.Setup<int>("workerCount", _ => true).SetResult(2);
        _engine.Setup<long?>("wholeBelowSwitch", _ => true).SetResult(null);
        var whole = _engine.Setup<byte[]>("compareWhole", _ => true);
        using var cancellation = new CancellationTokenSource();
        var run = Run(cancellation.Token);
        await cancellation.CancelAsync();
        if (workerFailed)
        {
            whole.SetException(new Microsoft.JSInterop.JSException("""{"kind":"lost","message":"every engine worker has stopped"}"""));
        }
        else
        {
            whole.SetResult(Reply());
        }
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        // The page's own engine was never asked for the inputs.
        Assert.Equal(0, Calls("inputName"));
    }
}

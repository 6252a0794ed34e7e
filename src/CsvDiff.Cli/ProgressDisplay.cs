// Draws a progress bar on standard error while a long diff runs, only on a terminal, so pipes and files never see it.
using Spectre.Console;

namespace CsvDiff.Cli;

internal static class ProgressDisplay
{
    // Runs that finish sooner than this never flash a bar.
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(400);

    public static T Run<T>(CliConsole console, Func<IProgress<DiffProgress>, T> work)
    {
        var latest = new LatestProgress();
        if (!console.StderrIsTerminal)
        {
            return work(latest);
        }
        var task = Task.Run(() => work(latest));
        if (!task.Wait(Delay))
        {
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Stderr) });
            terminal.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var bar = context.AddTask("reading");
                    while (!task.Wait(TimeSpan.FromMilliseconds(100)))
                    {
                        var (phase, fraction) = latest.Current;
                        bar.Description = phase.ToString().ToLowerInvariant();
                        bar.Value = fraction * 100;
                    }
                    bar.Value = 100;
                });
        }
        return task.GetAwaiter().GetResult();
    }

    // Keeps only the newest report: the engine may report from any thread, and the bar only needs the latest.
    private sealed class LatestProgress : IProgress<DiffProgress>
    {
        private DiffProgress _current;
        private readonly Lock _gate = new();

        public DiffProgress Current
        {
            get
            {
                lock (_gate)
                {
                    return _current;
                }
            }
        }

        public void Report(DiffProgress value)
        {
            lock (_gate)
            {
                _current = value;
            }
        }
    }
}

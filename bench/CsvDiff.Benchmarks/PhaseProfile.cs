// Where one whole keyed diff spends its time and memory, phase by phase: the profile behind the targets in docs/BENCHMARKS.md.
using System.Diagnostics;
using System.Globalization;
using CsvDiff.Cli;

namespace CsvDiff.Benchmarks;

public static class PhaseProfile
{
    /// <summary>Diffs LEFT RIGHT keyed on id at 1 and 2 threads and prints a Markdown table of the phases.</summary>
    public static void Run(string leftPath, string rightPath)
    {
        // Streamed from the files, as the CLI reads them.
        var left = TableInput.FromStream(Path.GetFileName(leftPath), () => File.OpenRead(leftPath));
        var right = TableInput.FromStream(Path.GetFileName(rightPath), () => File.OpenRead(rightPath));
        Console.WriteLine("| threads | phase | seconds | allocated (MB) | gen0/1/2 collections | peak heap (MB) |");
        Console.WriteLine("| ---: | --- | ---: | ---: | --- | ---: |");
        foreach (var threads in new[] { 1, 2 })
        {
            // One untimed run first, so the table shows steady-state code rather than the JIT's first compilations.
            TableDiff.Compare(left, right, new DiffOptions { Key = ["id"] }, new DiffExecution { Scheduler = new ThreadScheduler(threads) });
            var marks = new List<(string Phase, double Seconds, long Allocated, string Collections)>();
            GC.Collect();
            var clock = Stopwatch.StartNew();
            var progress = new PhaseMarks(marks, clock);
            progress.Mark("start");
            using (new HeapSampler(progress))
            {
                TableDiff.Compare(left, right, new DiffOptions { Key = ["id"] }, new DiffExecution { Scheduler = new ThreadScheduler(threads), Progress = progress });
            }
            progress.Mark("end");
            for (var i = 0; i + 1 < marks.Count; i++)
            {
                var (phase, seconds, allocated, collections) = marks[i];
                var next = marks[i + 1];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {threads} | {phase} | {next.Seconds - seconds:0.000} | {(next.Allocated - allocated) / 1048576.0:0} | {collections} → {next.Collections} | {progress.PeakHeap(i) / 1048576.0:0} |"));
            }
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Inputs {(new FileInfo(leftPath).Length + new FileInfo(rightPath).Length) / 1048576.0:0} MB; this process's peak working set {Environment.WorkingSet / 1048576.0:0} MB now, {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB at most."));
    }

    // The managed heap's size (live and not yet collected: what the process holds for it), sampled every millisecond and
    // kept as the most seen in each phase.
    private sealed class HeapSampler : IDisposable
    {
        private readonly PhaseMarks _marks;
        private readonly Thread _thread;
        private volatile bool _done;

        public HeapSampler(PhaseMarks marks)
        {
            _marks = marks;
            _thread = new Thread(() =>
            {
                while (!_done)
                {
                    _marks.Sample(GC.GetTotalMemory(forceFullCollection: false));
                    Thread.Sleep(1);
                }
            })
            { IsBackground = true };
            _thread.Start();
        }

        public void Dispose()
        {
            _done = true;
            _thread.Join();
        }
    }

    // Progress reports arrive many times per phase; the first report of each phase marks where the previous one ended.
    private sealed class PhaseMarks(List<(string, double, long, string)> marks, Stopwatch clock) : IProgress<DiffProgress>
    {
        private readonly List<long> _peaks = [];
        private DiffPhase? _phase;

        public long PeakHeap(int mark)
        {
            lock (_peaks)
            {
                return mark < _peaks.Count ? _peaks[mark] : 0;
            }
        }

        public void Sample(long heapBytes)
        {
            lock (_peaks)
            {
                if (_peaks.Count > 0)
                {
                    _peaks[^1] = Math.Max(_peaks[^1], heapBytes);
                }
            }
        }

        public void Report(DiffProgress value)
        {
            if (value.Phase != _phase)
            {
                _phase = value.Phase;
                Mark(value.Phase.ToString().ToLowerInvariant());
            }
        }

        public void Mark(string phase)
        {
            marks.Add((phase, clock.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true),
                $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
            lock (_peaks)
            {
                _peaks.Add(GC.GetTotalMemory(forceFullCollection: false));
            }
        }
    }
}

// Runs the built csvdiff binary as a separate process: what scripts see, including real pipes and exit codes.
using System.Diagnostics;
using System.Runtime.InteropServices;
using CsvDiff.Tests;

namespace CsvDiff.Cli.Tests;

public class ProcessTests
{
    private static (int Exit, string Stdout, string Stderr) RunCsvdiff(string stdin, params string[] args)
    {
        var binary = Path.Combine(AppContext.BaseDirectory, "csvdiff.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(binary);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "csvdiff did not finish within a minute");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Binary_diffs_the_example_pair_with_status_1()
    {
        var (exit, stdout, stderr) = RunCsvdiff("", Repository.PathOf("examples", "customers-january.csv"), Repository.PathOf("examples", "customers-february.csv"), "--key", "id", "--format", "summary");
        Assert.Equal(1, exit);
        Assert.Equal("", stderr);
        Assert.StartsWith("1 added, 1 removed, 3 modified, 2 unchanged\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_reads_a_pipe_and_reports_bad_csv_in_one_line_without_a_stack_trace()
    {
        var (exit, stdout, stderr) = RunCsvdiff("id,v\n1,\"never closed\n", "-", Repository.PathOf("examples", "customers-january.csv"));
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal("csvdiff: <stdin>: line 2, column 2: a quoted field is never closed (unbalanced quote)\n", stderr);
    }

    [Fact]
    public async Task A_reader_that_stops_early_ends_csvdiff_quietly()
    {
        var folder = Directory.CreateTempSubdirectory("csvdiff-pipe-").FullName;
        try
        {
            var left = new System.Text.StringBuilder("id,v\n");
            var right = new System.Text.StringBuilder("id,v\n");
            for (var i = 0; i < 200_000; i++)
            {
                left.Append(i).Append(",old\n");
                right.Append(i).Append(",new\n");
            }
            File.WriteAllText(Path.Combine(folder, "l.csv"), left.ToString());
            File.WriteAllText(Path.Combine(folder, "r.csv"), right.ToString());
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "csvdiff.dll"), Path.Combine(folder, "l.csv"), Path.Combine(folder, "r.csv"), "-k", "id" })
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.StartsWith("--- ", process.StandardOutput.ReadLine(), StringComparison.Ordinal);
            // Like `| head -1`: the reader goes away while csvdiff still has pages to write.
            process.StandardOutput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal("", await stderr);
            Assert.Equal(1, process.ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Ctrl_C_stops_the_diff_promptly_and_leaves_no_files_behind()
    {
        var folder = Directory.CreateTempSubdirectory("csvdiff-cancel-").FullName;
        try
        {
            var text = new System.Text.StringBuilder("id,a,b,c\n");
            for (var i = 0; i < 3_000_000; i++)
            {
                text.Append(i).Append(",x").Append(i % 7).Append(",y,\"z, ").Append(i % 11).Append("\"\n");
            }
            var input = Path.Combine(folder, "big.csv");
            File.WriteAllText(input, text.ToString());
            var inputBytes = new FileInfo(input).Length;
            // env gives csvdiff Ctrl+C's default handling even where the test runner was started with SIGINT ignored (as a
            // shell's background job is), which csvdiff would inherit and rightly keep.
            var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "csvdiff.dll"), input, input,
                         "--threads", "1", "-o", Path.Combine(folder, "report.txt") })
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            // Stopped, so that what it has read is what it will have read when Ctrl+C comes: past start-up, where csvdiff's Ctrl+C
            // handler is set before it reads an input, and short of the end of its second input, inside the diff itself.
            // (A wait and then a signal lost that race once the diff took under a second and other suites loaded both cores.)
            var read = StopOnceReading(process, inputBytes / 4);
            Assert.True(read < 2 * inputBytes, $"csvdiff had read all {2 * inputBytes} bytes of its inputs before it was stopped ({read})");
            Signal(process, Sigint);
            Signal(process, Sigcont);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("csvdiff: cancelled\n", await stderr);
            Assert.Equal(130, process.ExitCode);
            Assert.Equal(["big.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const int Sigint = 2;
    private const int Sigcont = 18;
    private const int Sigstop = 19;

    // Stops the process, and leaves it stopped once it has read at least the bytes given; Linux counts what a process has
    // read in /proc/PID/io ("rchar"), start-up itself a few hundred kilobytes. Returns that count. It looks on this thread,
    // not in awaits: with other suites filling the thread pool, a continuation came too late to find csvdiff still reading.
    private static long StopOnceReading(Process process, long bytes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Signal(process, Sigstop);
            while (!AllThreadsStopped(process))
            {
                Assert.False(process.HasExited, "csvdiff ended before it read its input");
                Thread.Yield();
            }
            var read = ReadSoFar(process);
            if (read >= bytes)
            {
                return read;
            }
            Signal(process, Sigcont);
            Assert.True(DateTime.UtcNow < deadline, "csvdiff did not read its input within a minute");
            Thread.Sleep(5);
        }
    }

    private static bool AllThreadsStopped(Process process)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{process.Id}/task").All(task =>
            {
                try
                {
                    // The state follows the command name in parentheses, which may itself hold spaces.
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    return stat[(stat.LastIndexOf(')') + 2)..][0] is 'T' or 't';
                }
                catch (IOException)
                {
                    return true; // a thread that ended since the listing
                }
            });
        }
        catch (IOException)
        {
            return false; // the process itself ended: the caller says so
        }
    }

    private static long ReadSoFar(Process process) =>
        File.ReadLines($"/proc/{process.Id}/io").Where(line => line.StartsWith("rchar: ", StringComparison.Ordinal))
            .Select(line => long.Parse(line["rchar: ".Length..], System.Globalization.CultureInfo.InvariantCulture)).Single();

    private static void Signal(Process process, int signal) =>
        Assert.True(Kill(process.Id, signal) == 0, $"signal {signal} could not be sent to csvdiff (errno {Marshal.GetLastPInvokeError()})");

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

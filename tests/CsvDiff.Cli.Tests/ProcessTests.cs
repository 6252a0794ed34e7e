// Runs the built csvdiff binary as a separate process: what scripts see, including real pipes and exit codes.
using System.Diagnostics;
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
            File.WriteAllText(Path.Combine(folder, "big.csv"), text.ToString());
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "csvdiff.dll"), Path.Combine(folder, "big.csv"), Path.Combine(folder, "big.csv"),
                         "--threads", "1", "-o", Path.Combine(folder, "report.txt") })
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            // Past start-up, where csvdiff's Ctrl+C handler is set before it reads an input (a signal before that would end the
            // process as the default does, and start-up can outlast any fixed wait while other suites load both cores), and well
            // inside the diff itself (over a second for these 6,000,000 rows on one thread).
            await WaitUntilReadingAsync(process, new FileInfo(Path.Combine(folder, "big.csv")).Length / 4);
            Assert.False(process.HasExited, "the diff finished before it could be interrupted; the input needs to be larger");
            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(130, process.ExitCode);
            Assert.Equal("csvdiff: cancelled\n", await stderr);
            Assert.Equal(["big.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Linux counts the bytes a process has read in /proc/PID/io ("rchar"); start-up itself reads a few kilobytes.
    private static async Task WaitUntilReadingAsync(Process process, long bytes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ReadSoFar(process) < bytes)
        {
            Assert.False(process.HasExited, "csvdiff ended before it read its input");
            Assert.True(DateTime.UtcNow < deadline, "csvdiff did not read its input within a minute");
            await Task.Delay(10);
        }
    }

    private static long ReadSoFar(Process process) =>
        File.ReadLines($"/proc/{process.Id}/io").Where(line => line.StartsWith("rchar: ", StringComparison.Ordinal))
            .Select(line => long.Parse(line["rchar: ".Length..], System.Globalization.CultureInfo.InvariantCulture)).Single();
}

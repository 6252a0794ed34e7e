// Runs the command line app in memory, as the process would, and captures what it prints and returns.
using System.Diagnostics;
using System.Text;
using CsvDiff.Tests;

namespace CsvDiff.Cli.Tests;

internal sealed record CliOutcome(int ExitCode, string Stdout, string Stderr);

internal static class CliRunner
{
    public static CliOutcome Run(string[] args, byte[]? stdin = null, bool terminal = false, Dictionary<string, string>? environment = null)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var console = new CliConsole(
            () => new MemoryStream(stdin ?? []),
            stdout,
            stderr,
            StdoutIsTerminal: terminal,
            StderrIsTerminal: false,
            name => environment?.GetValueOrDefault(name));
        var exit = CliApp.Run(args, console);
        return new CliOutcome(exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    /// <summary>Runs the published csvdiff as a process: ./test.sh publishes it before the tests run.</summary>
    public static CliOutcome RunPublished(string[] args)
    {
        var binary = Repository.PathOf("artifacts", "csvdiff", "csvdiff");
        Assert.True(File.Exists(binary), $"{binary} is missing: ./test.sh publishes csvdiff before the tests run");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliOutcome(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    /// <summary>Splits a line of arguments on spaces, keeping "quoted text" together.</summary>
    public static string[] SplitArguments(string line)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    args.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0)
        {
            args.Add(current.ToString());
        }
        return [.. args];
    }
}

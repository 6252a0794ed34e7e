// The command line: parses arguments, runs the diff, writes the report, and maps the outcome to diff(1)'s exit codes.
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using CsvDiff.Rendering;

namespace CsvDiff.Cli;

internal static class CliApp
{
    public const int NoDifferences = 0;
    public const int Differences = 1;
    public const int Trouble = 2;
    public const int Cancelled = 130;

    public static int Run(string[] args, CliConsole console, CancellationToken cancellation = default)
    {
        var diff = new DiffCommand();
        var root = new RootCommand(
            "csvdiff: fast, private CSV diffs. Compares LEFT (the old table) with RIGHT (the new one) and reports " +
            "rows added, removed and modified, with old and new cell values, and columns added, removed and renamed.\n" +
            "Exit status: 0 no differences, 1 differences, 2 trouble.");
        diff.AddTo(root);
        root.Add(new ServeCommand().Build(console, cancellation));
        root.Add(new Generating.GenerateCommand().Build(console));
        root.Add(new PatchCommand().Build(console, cancellation));
        root.Add(new MergeCommand().Build(console, cancellation));
        root.Add(Git.GitCommand.Build(console, cancellation));
        CommandHelp.Apply(root);
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new PrintVersion();
        }
        root.SetAction(parse => RunDiff(diff, parse, console, cancellation));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is ParseErrorAction)
        {
            // An unknown flag explains a missing argument better than the other way round. A command that only groups others
            // (git) names them: the library said "Required command was not provided."
            var command = parsed.CommandResult;
            var path = CommandPath(command);
            var error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("unknown option", StringComparison.Ordinal))?.Message
                ?? parsed.Errors.FirstOrDefault(e => !e.Message.StartsWith("Required", StringComparison.Ordinal))?.Message
                ?? (command.Command.Action is null && command.Command.Subcommands.Count > 0
                    ? $"'{path}' needs a command: {string.Join(", ", command.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}"
                    : null)
                ?? parsed.Errors[0].Message;
            console.Stderr.WriteLine($"csvdiff: {error}");
            console.Stderr.WriteLine($"Try '{path} --help' for more information.");
            return Trouble;
        }
        try
        {
            // Flushed as it goes, and on its way out: inside the try, like every write.
            using var stdout = new StreamWriter(console.Stdout, leaveOpen: true) { AutoFlush = true };
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = console.Stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (IOException e)
        {
            // What the commands write themselves is guarded where they write it; this is for what the library writes (help),
            // and the one-line messages around a command's work (the version, what generate wrote).
            console.Stderr.WriteLine($"csvdiff: cannot write to standard output: {e.Message}");
            return Trouble;
        }
    }

    // The words that ran a command: "csvdiff", "csvdiff git", "csvdiff git install".
    private static string CommandPath(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{CommandPath(parent)} {command.Command.Name}" : "csvdiff";

    private static int RunDiff(DiffCommand command, ParseResult parse, CliConsole console, CancellationToken cancellation) => Guarded(console, () =>
    {
        var invocation = command.Bind(parse);
        var fileBytes = InputLoader.StreamedSize(invocation.LeftPath) + InputLoader.StreamedSize(invocation.RightPath);
        // Choosing a key reads files whole, like pipes.
        var (heldFiles, streamedFiles) = invocation.Options.AutoKey ? (fileBytes, 0L) : (0L, fileBytes);
        MemoryCheck.Check(heldFiles, streamedFiles, console);
        var (left, right) = InputLoader.LoadBoth(invocation.LeftPath, invocation.RightPath, console, invocation.Threads > 1);
        MemoryCheck.Check(heldFiles + left.Bytes.Length + right.Bytes.Length, streamedFiles, console);
        HugePages.OpenGcHeap(fileBytes + left.Bytes.Length + right.Bytes.Length);
        var execution = new DiffExecution { Scheduler = new ThreadScheduler(invocation.Threads), Cancellation = cancellation };
        var result = ProgressDisplay.Run(console, progress => TableDiff.Compare(left, right, invocation.Options, execution with { Progress = progress }));
        if (!invocation.Quiet)
        {
            var color = invocation.Color == ColorMode.Always
                || (invocation.Color == ColorMode.Auto && invocation.OutputPath is null && console.StdoutIsTerminal
                    && string.IsNullOrEmpty(console.Environment("NO_COLOR")));
            var writer = DiffWriters.For(invocation.Format, new RenderOptions { Color = color, SafeCsv = invocation.SafeCsv });
            OutputTarget.Write(invocation.OutputPath, console, stream => writer.Write(result, stream), cancellation);
        }
        return result.HasDifferences ? Differences : NoDifferences;
    });

    /// <summary>Runs a command's work, turning the errors a user can cause into one line on standard error and exit status 2.</summary>
    public static int Guarded(CliConsole console, Func<int> work)
    {
        try
        {
            return work();
        }
        catch (CsvDiffException e)
        {
            console.Stderr.WriteLine($"csvdiff: {e.Message}");
            return Trouble;
        }
        catch (OperationCanceledException)
        {
            console.Stderr.WriteLine("csvdiff: cancelled");
            return Cancelled;
        }
        catch (IOException e)
        {
            // A file that fails while it is streamed, after it opened fine.
            console.Stderr.WriteLine($"csvdiff: cannot read an input: {e.Message}");
            return Trouble;
        }
        catch (OutOfMemoryException)
        {
            console.Stderr.WriteLine("csvdiff: out of memory: the inputs are too large for this machine's memory");
            return Trouble;
        }
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            // The product's version, not that of whichever program hosts this assembly (a test runner, say).
            parseResult.InvocationConfiguration.Output.WriteLine(TableDiff.Version);
            return NoDifferences;
        }
    }
}

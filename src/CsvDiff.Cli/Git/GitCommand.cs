// `csvdiff git install|uninstall` and the two drivers git calls: table diffs in `git diff`, cell-level merges in `git merge`.
using System.CommandLine;
using CsvDiff.Rendering;

namespace CsvDiff.Cli.Git;

internal static class GitCommand
{
    public const string DriverName = "csvdiff";

    public static Command Build(CliConsole console, CancellationToken cancellation)
    {
        var git = new Command("git", "Set csvdiff up as git's diff and merge driver for *.csv, or take it out again.");
        git.Add(Install(console, install: true));
        git.Add(Install(console, install: false));
        git.Add(DiffDriver(console, cancellation));
        git.Add(TextConversion(console, cancellation));
        git.Add(MergeDriver(console, cancellation));
        return git;
    }

    private static Command Install(CliConsole console, bool install)
    {
        var global = new Option<bool>("--global") { Description = "For every repository of this user (~/.gitconfig and git's global attributes file)." };
        var key = new Option<string?>("--key", "-k") { Description = "Key columns the drivers match rows by. Default: chosen as --key auto chooses." };
        var command = install
            ? new Command("install", "Make git diff, show and log -p show table diffs of *.csv, and git merge, rebase and cherry-pick merge them cell by cell.")
            : new Command("uninstall", "Take out what 'csvdiff git install' put in.");
        command.Add(global);
        if (install)
        {
            command.Add(key);
        }
        command.SetAction(parse => CliApp.Guarded(console, () =>
        {
            var setup = new GitSetup(parse.GetValue(global), Environment.CurrentDirectory);
            if (install)
            {
                var program = Environment.ProcessPath ?? "csvdiff";
                var keyFlag = parse.GetValue(key) is { Length: > 0 } k ? $" --key {GitSetup.ShellQuote(k)}" : "";
                setup.Install(program, keyFlag);
                console.Stderr.WriteLine($"csvdiff: git now diffs and merges *.csv with csvdiff ({setup.Describe()})");
            }
            else
            {
                setup.Uninstall();
                console.Stderr.WriteLine($"csvdiff: git no longer uses csvdiff for *.csv ({setup.Describe()})");
            }
            return CliApp.NoDifferences;
        }));
        return command;
    }

    // git runs a diff driver as: command PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE.
    private static Command DiffDriver(CliConsole console, CancellationToken cancellation)
    {
        var key = new Option<string?>("--key", "-k") { Description = "Key columns; default auto." };
        var arguments = new Argument<string[]>("GIT-ARGS") { Description = "PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE, as git passes them.", Arity = new ArgumentArity(7, 7) };
        var command = new Command("diff-driver", "Called by git (diff.csvdiff.command): prints the table diff of one file.") { Hidden = true };
        command.Add(key);
        command.Add(arguments);
        command.SetAction(parse =>
        {
            var args = parse.GetValue(arguments)!;
            var path = args[0];
            var status = CliApp.Guarded(console, () =>
            {
                var (keyColumns, autoKey) = DiffCommand.ParseKey(parse.GetValue(key) ?? "auto");
                var options = new DiffOptions { AutoKey = autoKey, Key = keyColumns };
                var left = Named(InputLoader.Load(args[1], console), "a/" + path);
                var right = Named(InputLoader.Load(args[4], console), "b/" + path);
                var result = TableDiff.Compare(left, right, options, new DiffExecution { Cancellation = cancellation });
                var writer = DiffWriters.For(OutputFormat.Text, new RenderOptions { Color = false });
                OutputTarget.Write(null, console, stream => writer.Write(result, stream), cancellation);
                return CliApp.NoDifferences;
            });
            // git stops altogether when a diff driver fails; a file csvdiff cannot read should not stop `git log -p`.
            return status == CliApp.Trouble ? CliApp.NoDifferences : status;
        });
        return command;
    }

    // git log -p and git show run an external diff only when told (--ext-diff), but always convert files to text: a row a block,
    // a cell a line, so that git's own line diff shows which cells changed, old and new.
    private static Command TextConversion(CliConsole console, CancellationToken cancellation)
    {
        var key = new Option<string?>("--key", "-k") { Description = "Key columns that name each row; default auto." };
        var file = new Argument<string>("FILE");
        var command = new Command("textconv", "Called by git (diff.csvdiff.textconv): writes a table as one line per cell.") { Hidden = true };
        command.Add(key);
        command.Add(file);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var status = CliApp.Guarded(console, () =>
            {
                var input = InputLoader.Load(path, console);
                var (keyList, autoKey) = DiffCommand.ParseKey(parse.GetValue(key) ?? "auto");
                var keyNames = autoKey
                    ? TableDiff.Compare(input, input, new DiffOptions { AutoKey = true }, new DiffExecution { Cancellation = cancellation }).Key
                    : keyList;
                var table = Writing.CsvDocument.Read(input, new CsvFormat(), cancellation);
                OutputTarget.Write(null, console, stream => CellLines.Write(table, keyNames, stream), cancellation);
                return CliApp.NoDifferences;
            });
            if (status == CliApp.Trouble)
            {
                // A file csvdiff cannot read is shown as it is, so that git can still show its lines.
                using var raw = File.OpenRead(path);
                raw.CopyTo(console.Stdout);
                return CliApp.NoDifferences;
            }
            return status;
        });
        return command;
    }

    // git runs a merge driver as: command %O %A %B, and takes %A as the result; a non-zero exit means conflicts.
    private static Command MergeDriver(CliConsole console, CancellationToken cancellation)
    {
        var key = new Option<string?>("--key", "-k") { Description = "Key columns; default auto." };
        var common = new Argument<string>("BASE");
        var ours = new Argument<string>("OURS") { Description = "Also where the merged table is written." };
        var theirs = new Argument<string>("THEIRS");
        var command = new Command("merge-driver", "Called by git (merge.csvdiff.driver): merges THEIRS into OURS cell by cell.") { Hidden = true };
        command.Add(key);
        command.Add(common);
        command.Add(ours);
        command.Add(theirs);
        command.SetAction(parse => CliApp.Guarded(console, () =>
        {
            var oursPath = parse.GetValue(ours)!;
            var outcome = MergeCommand.Run(parse.GetValue(common)!, oursPath, parse.GetValue(theirs)!, DiffCommand.ParseKey(parse.GetValue(key)).Columns, null, console,
                cancellation);
            OutputTarget.Write(oursPath, console, outcome.Table.Write, cancellation);
            return MergeCommand.Report(outcome, console);
        }));
        return command;
    }

    private static TableInput Named(TableInput input, string name) =>
        input.OpenStream is { } open ? TableInput.FromStream(name, open) : new TableInput(name, input.Bytes);
}

// `csvdiff patch BASE DIFF`: applies a diff (highlighter CSV, daff's or ours, or our JSON) to the table it was made from.
using System.CommandLine;

namespace CsvDiff.Cli;

internal sealed class PatchCommand
{
    private readonly Argument<string> _base = new("BASE") { Description = "The table the diff was made from (its left side): a CSV file, a .gz of one, or -." };
    private readonly Argument<string> _diff = new("DIFF") { Description = "The diff: csvdiff's or daff's highlighter CSV, or csvdiff's JSON (-f json)." };
    private readonly Option<string?> _output = new("--output", "-o") { Description = "Write the patched table to this file (atomically) instead of standard output." };
    private readonly Option<string?> _delimiter = new("--delimiter", "-d") { Description = "BASE's field delimiter: one character, or 'tab'. Default: detected." };
    private readonly Option<bool> _noHeader = new("--no-header") { Description = "BASE's first row is data (a JSON diff says so itself)." };

    public Command Build(CliConsole console, CancellationToken cancellation)
    {
        var command = new Command("patch",
            "Apply a diff to the table it was made from and write the table it leads to. A diff that does not fit BASE (a row to " +
            "change or remove that is not there, or holds other values) is an error naming the row and column, and nothing is written.\n" +
            "Exit status: 0 patched, 2 trouble.");
        command.Add(_base);
        command.Add(_diff);
        command.Add(_output);
        command.Add(_delimiter);
        command.Add(_noHeader);
        command.SetAction(parse => CliApp.Guarded(console, () =>
        {
            var format = new CsvFormat { Delimiter = DiffCommand.ParseDelimiter(parse.GetValue(_delimiter)), HasHeader = !parse.GetValue(_noHeader) };
            InputLoader.StdinAtMostOnce(parse.GetValue(_base)!, parse.GetValue(_diff)!);
            var table = InputLoader.Load(parse.GetValue(_base)!, console);
            var diff = InputLoader.Load(parse.GetValue(_diff)!, console);
            var patched = Patching.TablePatch.Apply(table, diff, format, cancellation);
            OutputTarget.Write(parse.GetValue(_output), console, patched.Write, cancellation);
            return CliApp.NoDifferences;
        }));
        return command;
    }
}

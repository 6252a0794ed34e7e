// `csvdiff generate`: writes a pair of tables with known differences, for benchmarks and for trying csvdiff out.
using System.CommandLine;
using System.Globalization;

namespace CsvDiff.Cli.Generating;

internal sealed class GenerateCommand
{
    private readonly Argument<string> _left = new("LEFT") { Description = "Where to write the old table." };
    private readonly Argument<string> _right = new("RIGHT") { Description = "Where to write the new table." };
    private readonly Option<int> _rows = new("--rows") { Description = "Rows in the left table.", DefaultValueFactory = _ => 100_000 };
    private readonly Option<int> _columns = new("--columns") { Description = "Columns, the key column \"id\" included.", DefaultValueFactory = _ => 10 };
    private readonly Option<int> _seed = new("--seed") { Description = "Random seed: the same seed writes the same bytes.", DefaultValueFactory = _ => 1 };
    private readonly Option<double> _modified = new("--modified") { Description = "Fraction of rows modified.", DefaultValueFactory = _ => 0.01 };
    private readonly Option<double> _added = new("--added") { Description = "Rows added, as a fraction of the left rows.", DefaultValueFactory = _ => 0.005 };
    private readonly Option<double> _removed = new("--removed") { Description = "Fraction of rows removed.", DefaultValueFactory = _ => 0.005 };
    private readonly Option<int> _cellsPerChange = new("--cells-per-change") { Description = "Cells changed in each modified row.", DefaultValueFactory = _ => 1 };
    private readonly Option<bool> _shuffle = new("--shuffle") { Description = "Shuffle the right table's rows (holds them in memory)." };
    private readonly Option<int> _addColumns = new("--add-columns") { Description = "Columns only in the right table.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _removeColumns = new("--remove-columns") { Description = "Columns only in the left table.", DefaultValueFactory = _ => 0 };
    private readonly Option<bool> _noLineBreaks = new("--no-line-breaks") { Description = "No line breaks inside cells, for tools that cannot read them." };

    public Command Build(CliConsole console)
    {
        var command = new Command("generate", "Write two CSV tables with known differences (keyed by \"id\"), for benchmarks and trials.");
        command.Add(_left);
        command.Add(_right);
        foreach (var option in new Option[] { _rows, _columns, _seed, _modified, _added, _removed, _cellsPerChange, _shuffle, _addColumns, _removeColumns, _noLineBreaks })
        {
            command.Add(option);
        }
        command.SetAction(parse => Run(parse, console));
        return command;
    }

    private int Run(ParseResult parse, CliConsole console)
    {
        try
        {
            var options = new GeneratorOptions
            {
                Rows = parse.GetValue(_rows),
                Columns = parse.GetValue(_columns),
                Seed = parse.GetValue(_seed),
                Modified = parse.GetValue(_modified),
                Added = parse.GetValue(_added),
                Removed = parse.GetValue(_removed),
                CellsPerChange = parse.GetValue(_cellsPerChange),
                Shuffle = parse.GetValue(_shuffle),
                AddColumns = parse.GetValue(_addColumns),
                RemoveColumns = parse.GetValue(_removeColumns),
                LineBreaks = !parse.GetValue(_noLineBreaks),
            };
            if (options.Rows < 0 || options.Columns < 1 || options.Modified + options.Removed > 1 || options.Modified < 0 || options.Removed < 0 || options.Added < 0)
            {
                throw new CsvDiffException("--rows must be 0 or more, --columns 1 or more, and the fractions 0 or more with --modified plus --removed at most 1");
            }
            var leftPath = parse.GetValue(_left)!;
            var rightPath = parse.GetValue(_right)!;
            GeneratedCounts counts;
            using (var left = Create(leftPath))
            using (var right = Create(rightPath))
            {
                counts = TableGenerator.Write(options, left, right);
            }
            using var stdout = new StreamWriter(console.Stdout, leaveOpen: true);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {leftPath} and {rightPath}; a keyed diff (--key id) finds {counts.Added} added, {counts.Removed} removed, {counts.Modified} modified, {counts.Unchanged} unchanged"));
            return CliApp.NoDifferences;
        }
        catch (CsvDiffException e)
        {
            console.Stderr.WriteLine($"csvdiff: {e.Message}");
            return CliApp.Trouble;
        }
    }

    private static FileStream Create(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CsvDiffException($"cannot write: {e.Message}", path);
        }
    }
}

// The flags of `csvdiff LEFT RIGHT`, with their defaults, and their translation into validated DiffOptions.
using System.CommandLine;
using System.Globalization;
using CsvDiff.Rendering;

namespace CsvDiff.Cli;

internal enum ColorMode
{
    Auto,
    Always,
    Never,
}

/// <summary>Everything the diff command needs, validated: what the flags mean, apart from how they were spelled.</summary>
internal sealed record DiffInvocation(
    string LeftPath,
    string RightPath,
    DiffOptions Options,
    OutputFormat Format,
    string? OutputPath,
    int Threads,
    ColorMode Color,
    bool SafeCsv,
    bool Quiet);

internal sealed class DiffCommand
{
    public Argument<string> Left { get; } = new("LEFT") { Description = "The old table: a CSV file, a .gz of one, or - for standard input." };
    public Argument<string> Right { get; } = new("RIGHT") { Description = "The new table, likewise." };

    public Option<string?> Key { get; } = new("--key", "-k")
    {
        Description = "Key columns that identify a row, by name or 1-based index, comma-separated (e.g. id or region,date); " +
                      "'auto' picks the smallest set unique in both files. Without a key, rows are matched by content.",
    };
    public ChoiceOption<DuplicateKeyPolicy> DuplicateKeys { get; } = new("--duplicate-keys", null,
        "What a repeated key is: 'error' stops with the value and its lines; 'pair' pairs the n-th occurrences.", DuplicateKeyPolicy.Error);
    public Option<double> Similarity { get; } = new("--similarity")
    {
        Description = "Content mode: how alike (0.0-1.0, mean of per-column similarity) a removed and an added row must be to count as one modified row.",
        DefaultValueFactory = _ => 0.5,
    };
    public Option<string?> Columns { get; } = new("--columns") { Description = "Compare only these columns (comma-separated names). Default: all shared columns." };
    public Option<string?> IgnoreColumns { get; } = new("--ignore-columns") { Description = "Leave these columns out of the comparison (comma-separated names)." };
    public Option<bool> NoRenames { get; } = new("--no-renames") { Description = "Do not report a removed and an added column with matching values as a rename." };

    public Option<bool> IgnoreCase { get; } = new("--ignore-case", "-i") { Description = "Values compare without regard to case." };
    public Option<bool> Trim { get; } = new("--trim") { Description = "Ignore leading and trailing white space in values." };
    public Option<bool> CollapseWhitespace { get; } = new("--collapse-whitespace") { Description = "Runs of white space compare as one space (implies --trim)." };
    public Option<bool> EmptyEqualsNull { get; } = new("--empty-equals-null") { Description = "An empty value equals a null token (see --null-values)." };
    public Option<string> NullValues { get; } = new("--null-values")
    {
        Description = "The null tokens for --empty-equals-null, comma-separated; giving them turns it on.",
        DefaultValueFactory = _ => "NULL,null",
    };
    public Option<bool> Numeric { get; } = new("--numeric") { Description = "Values that are numbers compare by value: 1.0 equals 1." };
    public Option<double> Tolerance { get; } = new("--tolerance") { Description = "Numbers this close (absolute) are equal; implies --numeric.", DefaultValueFactory = _ => 0 };
    public Option<double> RelativeTolerance { get; } = new("--relative-tolerance") { Description = "Numbers within this fraction of the larger are equal; implies --numeric.", DefaultValueFactory = _ => 0 };

    public Option<string?> Delimiter { get; } = new("--delimiter", "-d") { Description = "Field delimiter: one character, or 'tab'. Default: detected among , ; tab |." };
    public Option<bool> NoHeader { get; } = new("--no-header") { Description = "The first row is data; columns are named 1..N." };
    public Option<bool> AllowRagged { get; } = new("--allow-ragged") { Description = "Accept rows with more or fewer fields than the header: pad short rows, ignore extra fields, report both." };

    public Option<bool> Inline { get; } = new("--inline") { Description = "Add word-level change segments to modified cells (JSON)." };
    public Option<bool> IncludeUnchanged { get; } = new("--include-unchanged") { Description = "List unchanged rows too (they are always counted)." };
    public ChoiceOption<OutputFormat> Format { get; } = new("--format", "-f",
        "Output format: text, json, highlighter (daff's CSV), html, or summary.", OutputFormat.Text);
    public Option<bool> SafeCsv { get; } = new("--safe-csv") { Description = "In CSV output, defuse cells a spreadsheet would run as formulas (starting with = + - @ tab or CR) by prefixing a quote." };
    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write the report to this file (atomically) instead of standard output." };
    public Option<int> Threads { get; } = new("--threads", "-j")
    {
        Description = "Worker threads; 1 runs fully sequentially. The output is identical at any count.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };
    public ChoiceOption<ColorMode> Color { get; } = new("--color", null,
        "Colour text output: auto (on a terminal, unless NO_COLOR is set), always, never.", ColorMode.Auto);
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print nothing; report differences by exit code only." };

    public void AddTo(Command command)
    {
        foreach (var argument in new[] { Left, Right })
        {
            // Without this an unknown flag such as --keys would be read as a file name.
            argument.Validators.Add(result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (value is { Length: > 1 } && value[0] == '-')
                {
                    result.AddError($"unknown option '{value}'");
                }
            });
        }
        command.Add(Left);
        command.Add(Right);
        Option[] options =
        [
            Key, DuplicateKeys.Option, Similarity, Columns, IgnoreColumns, NoRenames,
            IgnoreCase, Trim, CollapseWhitespace, EmptyEqualsNull, NullValues, Numeric, Tolerance, RelativeTolerance,
            Delimiter, NoHeader, AllowRagged, Inline, IncludeUnchanged, Format.Option, SafeCsv, Output, Threads, Color.Option, Quiet,
        ];
        foreach (var option in options)
        {
            command.Add(option);
        }
    }

    /// <summary>Reads and checks the parsed flags; throws <see cref="CsvDiffException"/> for values no option accepts.</summary>
    public DiffInvocation Bind(ParseResult parse)
    {
        var (key, autoKey) = ParseKey(parse.GetValue(Key));
        var nullValuesGiven = parse.GetResult(NullValues) is { Implicit: false };
        var threads = parse.GetValue(Threads);
        var format = Format.ValueIn(parse);
        if (threads < 1)
        {
            throw new CsvDiffException($"--threads must be at least 1, not {threads.ToString(CultureInfo.InvariantCulture)}");
        }
        var options = new DiffOptions
        {
            Key = key,
            AutoKey = autoKey,
            DuplicateKeys = DuplicateKeys.ValueIn(parse),
            Similarity = parse.GetValue(Similarity),
            OnlyColumns = SplitList(parse.GetValue(Columns)),
            IgnoreColumns = SplitList(parse.GetValue(IgnoreColumns)),
            DetectRenames = !parse.GetValue(NoRenames),
            Values = new ValueComparison
            {
                IgnoreCase = parse.GetValue(IgnoreCase),
                Trim = parse.GetValue(Trim),
                CollapseWhitespace = parse.GetValue(CollapseWhitespace),
                EmptyEqualsNull = parse.GetValue(EmptyEqualsNull) || nullValuesGiven,
                NullTokens = SplitList(parse.GetValue(NullValues)),
                Numeric = parse.GetValue(Numeric),
                Tolerance = parse.GetValue(Tolerance),
                RelativeTolerance = parse.GetValue(RelativeTolerance),
            },
            Csv = new CsvFormat
            {
                Delimiter = ParseDelimiter(parse.GetValue(Delimiter)),
                HasHeader = !parse.GetValue(NoHeader),
                AllowRagged = parse.GetValue(AllowRagged),
            },
            InlineSegments = parse.GetValue(Inline),
            IncludeUnchanged = parse.GetValue(IncludeUnchanged),
            PatchContext = DiffWriters.ListsPatchContext(format),
            // The summary and the exit status need the counts only: a keyed diff then reads back no row added or removed.
            CountsOnly = format == OutputFormat.Summary || parse.GetValue(Quiet),
        };
        options.Validate();
        return new DiffInvocation(parse.GetValue(Left)!, parse.GetValue(Right)!, options, format, parse.GetValue(Output),
            threads, Color.ValueIn(parse), parse.GetValue(SafeCsv), parse.GetValue(Quiet));
    }

    /// <summary>A --key value: its columns, or none and true for "auto" (the smallest set of columns unique in the tables).</summary>
    public static (List<string> Columns, bool Auto) ParseKey(string? text) =>
        SplitList(text) is [var only] && only.Equals("auto", StringComparison.OrdinalIgnoreCase) ? ([], true) : (SplitList(text), false);

    public static List<string> SplitList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    public static char? ParseDelimiter(string? text) => text switch
    {
        null => null,
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } => text[0],
        _ => throw new CsvDiffException($"--delimiter must be one character or 'tab', not \"{text}\""),
    };
}

// `csvdiff merge BASE OURS THEIRS`: a three-way merge of tables, cell by cell, with conflicts marked in their cells and listed.
using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvDiff.Merging;

namespace CsvDiff.Cli;

internal enum MergeFormat
{
    Csv,
    Json,
}

internal sealed class MergeCommand
{
    private readonly Argument<string> _base = new("BASE") { Description = "The common ancestor of the two tables." };
    private readonly Argument<string> _ours = new("OURS") { Description = "Our changed table: its order and form win." };
    private readonly Argument<string> _theirs = new("THEIRS") { Description = "Their changed table." };
    private readonly Option<string?> _key = new("--key", "-k") { Description = "Key columns that identify a row, comma-separated. Default: chosen as --key auto chooses." };
    private readonly Option<string?> _output = new("--output", "-o") { Description = "Write the merged table to this file (atomically) instead of standard output." };
    private readonly ChoiceOption<MergeFormat> _format = new("--format", "-f",
        "csv: the merged table; json: the table's columns and rows with the key and the conflicts.", MergeFormat.Csv);
    private readonly Option<string?> _delimiter = new("--delimiter", "-d") { Description = "Field delimiter of all three: one character, or 'tab'. Default: detected." };

    public Command Build(CliConsole console, CancellationToken cancellation)
    {
        var command = new Command("merge",
            "Merge two tables changed from a common base, cell by cell: a change on one side applies, the same change on both applies once, " +
            "and different changes to one cell conflict. Conflicting cells read ((( base ))) ours /// theirs and are listed on standard error.\n" +
            "Exit status: 0 merged cleanly, 1 conflicts, 2 trouble.");
        foreach (var argument in new[] { _base, _ours, _theirs })
        {
            command.Add(argument);
        }
        foreach (var option in new Option[] { _key, _output, _format.Option, _delimiter })
        {
            command.Add(option);
        }
        command.SetAction(parse => CliApp.Guarded(console, () =>
        {
            var outcome = Run(parse.GetValue(_base)!, parse.GetValue(_ours)!, parse.GetValue(_theirs)!, DiffCommand.ParseKey(parse.GetValue(_key)).Columns,
                DiffCommand.ParseDelimiter(parse.GetValue(_delimiter)), console, cancellation);
            OutputTarget.Write(parse.GetValue(_output), console, stream =>
            {
                if (_format.ValueIn(parse) == MergeFormat.Json)
                {
                    WriteJson(outcome, stream);
                }
                else
                {
                    outcome.Table.Write(stream);
                }
            }, cancellation);
            return Report(outcome, console);
        }));
        return command;
    }

    public static MergeResult Run(string basePath, string oursPath, string theirsPath, IReadOnlyList<string> key, char? delimiter, CliConsole console,
        CancellationToken cancellation)
    {
        InputLoader.StdinAtMostOnce(basePath, oursPath, theirsPath);
        return TableMerge.Merge(InputLoader.Load(basePath, console), InputLoader.Load(oursPath, console), InputLoader.Load(theirsPath, console), key,
            new CsvFormat { Delimiter = delimiter }, cancellation);
    }

    /// <summary>Lists the conflicts on standard error and gives the exit status.</summary>
    public static int Report(MergeResult outcome, CliConsole console)
    {
        foreach (var conflict in outcome.Conflicts)
        {
            console.Stderr.WriteLine($"csvdiff: conflict at {Describe(outcome.Key, conflict.Key)}, column {conflict.Column}: base \"{conflict.Base}\", " +
                $"ours {Side(conflict.Ours)}, theirs {Side(conflict.Theirs)}");
        }
        return outcome.Conflicts.Count > 0 ? CliApp.Differences : CliApp.NoDifferences;
    }

    private static string Side(string? value) => value is null ? "removed the row" : $"\"{value}\"";

    private static string Describe(IReadOnlyList<string> key, IReadOnlyList<string> values) =>
        string.Join(", ", key.Select((k, i) => $"{k}={values[i]}"));

    private static void WriteJson(MergeResult outcome, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteBoolean("clean", outcome.Conflicts.Count == 0);
        WriteStrings(json, "key", outcome.Key);
        WriteStrings(json, "columns", outcome.Table.Columns);
        json.WriteStartArray("rows");
        foreach (var row in outcome.Table.Rows)
        {
            WriteStrings(json, null, row);
        }
        json.WriteEndArray();
        json.WriteStartArray("conflicts");
        foreach (var conflict in outcome.Conflicts)
        {
            json.WriteStartObject();
            WriteStrings(json, "key", conflict.Key);
            json.WriteString("column", conflict.Column);
            json.WriteString("base", conflict.Base);
            json.WriteString("ours", conflict.Ours);
            json.WriteString("theirs", conflict.Theirs);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteStrings(Utf8JsonWriter json, string? name, IEnumerable<string> values)
    {
        if (name is null)
        {
            json.WriteStartArray();
        }
        else
        {
            json.WriteStartArray(name);
        }
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}

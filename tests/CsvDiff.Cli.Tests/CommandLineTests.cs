// The command line's contract beyond single cases: exit codes, standard input, .gz, -o, --quiet, help, and thread-count independence.
using System.IO.Compression;
using System.Text;
using CsvDiff.Tests;

namespace CsvDiff.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("csvdiff-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Example(string name) => Repository.PathOf("examples", name);

    [Fact]
    public void Exit_status_is_0_for_equal_tables_1_for_differences_2_for_trouble()
    {
        var a = Write("a.csv", "id,v\n1,x\n");
        var b = Write("b.csv", "id,v\n1,y\n");
        Assert.Equal(0, CliRunner.Run([a, a, "-q"]).ExitCode);
        Assert.Equal(1, CliRunner.Run([a, b, "-q"]).ExitCode);
        Assert.Equal(2, CliRunner.Run([a, Path.Combine(_directory, "missing.csv")]).ExitCode);
    }

    [Fact]
    public void Quiet_prints_nothing()
    {
        var outcome = CliRunner.Run([Example("customers-january.csv"), Example("customers-february.csv"), "--key", "id", "--quiet"]);
        Assert.Equal((1, "", ""), (outcome.ExitCode, outcome.Stdout, outcome.Stderr));
    }

    [Fact]
    public void Dash_reads_standard_input()
    {
        var right = Write("r.csv", "id,v\n1,y\n");
        var outcome = CliRunner.Run(["-", right, "--key", "id", "-f", "summary"], stdin: "id,v\n1,x\n"u8.ToArray());
        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith("0 added, 0 removed, 1 modified, 0 unchanged", outcome.Stdout, StringComparison.Ordinal);
    }

    // A pipe opened a second time would wait for a writer forever: the timeout turns that into a failure.
    [Fact(Timeout = 60_000)]
    public async Task A_pipe_named_as_a_file_is_read_as_it_flows_like_process_substitution()
    {
        // `csvdiff <(sort a.csv) b.csv` hands csvdiff a pipe with a file name, which can be read only once.
        var pipe = Path.Combine(_directory, "pipe.csv");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        // Opening a pipe waits for the other end, so the writer opens it on a thread of its own.
        var writer = Task.Run(() => File.WriteAllText(pipe, "id,v\n1,x\n2,y\n"));
        var outcome = CliRunner.Run([pipe, Write("r.csv", "id,v\n1,x\n2,z\n"), "--key", "id", "-f", "summary"]);
        await writer;
        Assert.Equal((1, ""), (outcome.ExitCode, outcome.Stderr));
        Assert.StartsWith("0 added, 0 removed, 1 modified, 1 unchanged", outcome.Stdout, StringComparison.Ordinal);
    }

    // The first input to read standard input would take all of it; the next would be an empty table, or, read side by side,
    // each a part of it.
    [Theory]
    [InlineData("- -")]
    [InlineData("- - --threads 1")]
    [InlineData("patch - -")]
    [InlineData("merge - LEFT -")]
    public void Standard_input_named_twice_is_an_error(string arguments)
    {
        var args = arguments.Split(' ').Select(a => a == "LEFT" ? Example("customers-january.csv") : a).ToArray();
        var outcome = CliRunner.Run(args, stdin: File.ReadAllBytes(Example("customers-january.csv")));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("csvdiff: standard input (-) is named for more than one input, and it can be read only once; name files for the others\n",
            outcome.Stderr);
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public void Gzip_inputs_are_read_transparently()
    {
        var plain = Write("p.csv", "id,v\n1,x\n2,y\n");
        var zipped = Path.Combine(_directory, "z.csv.gz");
        using (var gzip = new GZipStream(File.Create(zipped), CompressionLevel.Fastest))
        {
            gzip.Write("id,v\n1,x\n2,y\n"u8);
        }
        Assert.Equal(0, CliRunner.Run([plain, zipped, "--key", "id"]).ExitCode);
    }

    [Fact]
    public void A_file_that_is_not_gzip_but_named_so_is_a_clear_error()
    {
        var fake = Write("fake.csv.gz", "id\n1\n");
        var outcome = CliRunner.Run([fake, fake]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal($"csvdiff: {fake}: is not a valid gzip file\n", outcome.Stderr);
    }

    [Fact]
    public void Output_option_writes_the_report_and_leaves_no_temporary_file()
    {
        var report = Path.Combine(_directory, "report.json");
        var outcome = CliRunner.Run([Example("customers-january.csv"), Example("customers-february.csv"), "-k", "id", "-f", "json", "-o", report]);
        Assert.Equal((1, ""), (outcome.ExitCode, outcome.Stdout));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal(3, json.RootElement.GetProperty("summary").GetProperty("modified").GetInt32());
        Assert.Equal(["report.json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void When_both_inputs_are_missing_the_left_one_is_named_however_they_are_read(string threads)
    {
        var left = Path.Combine(_directory, "missing-left.csv");
        var right = Path.Combine(_directory, "missing-right.csv");
        var outcome = CliRunner.Run([left, right, "--threads", threads]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal($"csvdiff: {left}: no such file\n", outcome.Stderr);
    }

    [Fact]
    public void Output_to_a_missing_folder_is_a_clear_error()
    {
        var outcome = CliRunner.Run([Example("customers-january.csv"), Example("customers-january.csv"), "-o", Path.Combine(_directory, "no", "such", "dir", "r.txt")]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("csvdiff: ", outcome.Stderr, StringComparison.Ordinal);
        Assert.Single(outcome.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData(new[] { "--similarity", "2" }, "similarity must be between 0 and 1, not 2")]
    [InlineData(new[] { "--threads", "0" }, "--threads must be at least 1, not 0")]
    [InlineData(new[] { "--delimiter", "ab" }, "--delimiter must be one character or 'tab', not \"ab\"")]
    [InlineData(new[] { "--tolerance", "-1" }, "tolerance must not be negative")]
    [InlineData(new[] { "--ignore-columns", "nope" }, "column \"nope\" to ignore is in neither")]
    [InlineData(new[] { "--format", "xml" }, "--format must be one of text, json, highlighter, html, summary, not \"xml\"")]
    [InlineData(new[] { "--format", "1" }, "--format must be one of text, json, highlighter, html, summary, not \"1\"")]
    [InlineData(new[] { "--color", "blue" }, "--color must be one of auto, always, never, not \"blue\"")]
    [InlineData(new[] { "--duplicate-keys", "first" }, "--duplicate-keys must be one of error, pair, not \"first\"")]
    [InlineData(new[] { "--kye", "id" }, "Unrecognized command or argument '--kye'")]
    public void Bad_options_are_one_line_errors_with_status_2(string[] options, string message)
    {
        var outcome = CliRunner.Run([Example("customers-january.csv"), Example("customers-february.csv"), .. options]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(message, outcome.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("csvdiff: ", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
        // The error on one line, then at most where to look: no list of choices one a line.
        var lines = outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, 2);
        Assert.All(lines.Skip(1), line => Assert.Equal("Try 'csvdiff --help' for more information.", line));
    }

    [Theory]
    [InlineData("--format", "JSON", "\"version\": 1")]
    [InlineData("-f", "Summary", "1 added, 1 removed, 3 modified, 2 unchanged")]
    public void Choices_are_read_in_any_case(string option, string value, string shown)
    {
        var outcome = CliRunner.Run([Example("customers-january.csv"), Example("customers-february.csv"), "--key", "id", option, value]);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(shown, outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_documents_every_option_with_its_default()
    {
        var outcome = CliRunner.Run(["--help"]);
        Assert.Equal(0, outcome.ExitCode);
        foreach (var option in new[] { "--key", "--duplicate-keys", "--similarity", "--columns", "--ignore-columns", "--ignore-case", "--trim",
                     "--collapse-whitespace", "--empty-equals-null", "--null-values", "--numeric", "--tolerance", "--relative-tolerance",
                     "--delimiter", "--no-header", "--allow-ragged", "--inline", "--include-unchanged", "--format", "--output", "--threads", "--color", "--quiet" })
        {
            Assert.Contains(option, outcome.Stdout, StringComparison.Ordinal);
        }
        Assert.Contains("[default: 0.5]", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit status: 0 no differences, 1 differences, 2 trouble.", outcome.Stdout, StringComparison.Ordinal);
    }

    // A choice's default is written as the choices are, as it is typed.
    [Theory]
    [InlineData("", "-f, --format <text|json|highlighter|html|summary>", "[default: text]")]
    [InlineData("", "--color <auto|always|never>", "[default: auto]")]
    [InlineData("", "--duplicate-keys <error|pair>", "[default: error]")]
    [InlineData("merge", "-f, --format <csv|json>", "[default: csv]")]
    public void Help_writes_a_choices_default_as_it_is_typed(string command, string option, string byDefault)
    {
        var outcome = CliRunner.Run([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        Assert.Equal(0, outcome.ExitCode);
        var line = Assert.Single(outcome.Stdout.Split('\n'), l => l.TrimStart().StartsWith(option, StringComparison.Ordinal));
        Assert.EndsWith(byDefault, line.TrimEnd(), StringComparison.Ordinal);
    }

    // A usage error inside a command points to that command's help; a command that only groups others names them.
    [Theory]
    [InlineData(new[] { "git" }, "csvdiff: 'csvdiff git' needs a command: install, uninstall", "csvdiff git")]
    [InlineData(new[] { "git", "instal" }, "csvdiff: Unrecognized command or argument 'instal'.", "csvdiff git")]
    [InlineData(new[] { "git", "install", "--bogus" }, "csvdiff: Unrecognized command or argument '--bogus'.", "csvdiff git install")]
    [InlineData(new[] { "patch", "base.csv" }, "csvdiff: Required argument 'DIFF' missing for command: 'patch'.", "csvdiff patch")]
    [InlineData(new[] { "merge", "-f", "xml", "a", "b", "c" }, "csvdiff: --format must be one of csv, json, not \"xml\"", "csvdiff merge")]
    [InlineData(new[] { "a.csv" }, "csvdiff: Required argument 'RIGHT' missing", "csvdiff")]
    public void A_usage_error_names_the_help_of_the_command_it_is_in(string[] args, string error, string command)
    {
        var outcome = CliRunner.Run(args);
        Assert.Equal(2, outcome.ExitCode);
        var lines = outcome.Stderr.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith(error, lines[0], StringComparison.Ordinal);
        Assert.Equal($"Try '{command} --help' for more information.", lines[1]);
    }

    // A command's usage line and argument list name what that command takes, not the diff's LEFT and RIGHT before its name.
    [Theory]
    [InlineData("patch", "patch <BASE> <DIFF> [options]", new[] { "<BASE>", "<DIFF>" })]
    [InlineData("merge", "merge <BASE> <OURS> <THEIRS> [options]", new[] { "<BASE>", "<OURS>", "<THEIRS>" })]
    [InlineData("generate", "generate <LEFT> <RIGHT> [options]", new[] { "<LEFT>", "<RIGHT>" })]
    [InlineData("serve", "serve [<FILES>...] [options]", new[] { "<FILES>" })]
    [InlineData("git", "git [command] [options]", new string[0])]
    [InlineData("git install", "git install [options]", new string[0])]
    public void A_commands_help_names_only_its_own_arguments(string command, string usage, string[] arguments)
    {
        var outcome = CliRunner.Run([.. command.Split(' '), "--help"]);
        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Stdout.Split('\n');
        var usageLine = lines[Array.IndexOf(lines, "Usage:") + 1].Trim();
        Assert.EndsWith($" {usage}", usageLine, StringComparison.Ordinal);
        Assert.Equal(usageLine.Length - usage.Length - 1, usageLine.IndexOf(' ', StringComparison.Ordinal));
        var listed = lines.SkipWhile(l => l != "Arguments:").Skip(1).TakeWhile(l => l.Length > 0).Select(l => l.Trim().Split(' ')[0]);
        Assert.Equal(arguments, listed);
        Assert.DoesNotContain("The old table: a CSV file", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diffs_own_help_still_names_LEFT_and_RIGHT()
    {
        var outcome = CliRunner.Run(["--help"]);
        Assert.Contains("<LEFT>   The old table: a CSV file", outcome.Stdout, StringComparison.Ordinal);
        // Two ways to run it: the diff with its two tables, or a command; not a command after the two tables.
        var lines = outcome.Stdout.Split('\n');
        var usage = lines.SkipWhile(l => l != "Usage:").Skip(1).TakeWhile(l => l.Length > 0).Select(l => l.Trim().Split(' ', 2)[1]);
        Assert.Equal(["<LEFT> <RIGHT> [options]", "<command> [options]"], usage);
    }

    // Standard output that cannot be written (redirected to a full disk) is a one-line error, whatever was being written.
    [Theory]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("patch --help")]
    [InlineData("DIFF --key id")]
    [InlineData("DIFF --key id --format json")]
    public void Output_that_cannot_be_written_is_a_one_line_error(string arguments)
    {
        var args = arguments.Split(' ').SelectMany(a => a == "DIFF" ? [Example("customers-january.csv"), Example("customers-february.csv")] : new[] { a }).ToArray();
        using var stderr = new StringWriter();
        var console = new CliConsole(() => new MemoryStream(), new FullDevice(), stderr, StdoutIsTerminal: false, StderrIsTerminal: false, _ => null);
        Assert.Equal(2, CliApp.Run(args, console));
        Assert.Equal("csvdiff: cannot write to standard output: No space left on device\n", stderr.ToString());
    }

    // Standard output on a disk with no room left: every write and flush fails, as the system's would.
    private sealed class FullDevice : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw new IOException("No space left on device");

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("html")]
    [InlineData("highlighter")]
    public void Ctrl_C_while_the_report_is_written_stops_it_at_the_next_block(string format)
    {
        var folder = Directory.CreateTempSubdirectory("csvdiff-cancel-write-").FullName;
        try
        {
            var (left, right) = (Path.Combine(folder, "left.csv"), Path.Combine(folder, "right.csv"));
            File.WriteAllLines(left, ["id,v", .. Enumerable.Range(0, 20_000).Select(i => $"{i},old {i}")]);
            File.WriteAllLines(right, ["id,v", .. Enumerable.Range(0, 20_000).Select(i => $"{i},new {i}")]);
            using var cancellation = new CancellationTokenSource();
            // Ctrl+C comes as the first block of the report reaches standard output.
            var stdout = new CancellingDevice(cancellation);
            using var stderr = new StringWriter();
            var console = new CliConsole(() => new MemoryStream(), stdout, stderr, StdoutIsTerminal: false, StderrIsTerminal: false, _ => null);
            Assert.Equal(130, CliApp.Run([left, right, "-k", "id", "--format", format], console, cancellation.Token));
            Assert.Equal("csvdiff: cancelled\n", stderr.ToString());
            Assert.Equal(1, stdout.Writes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Standard output that takes every block and cancels the run at the first.
    private sealed class CancellingDevice(CancellationTokenSource cancellation) : Stream
    {
        public int Writes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            cancellation.Cancel();
        }
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var outcome = CliRunner.Run(["--version"]);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("0.1.0\n", outcome.Stdout);
    }

    [Fact]
    public void Colour_follows_the_terminal_and_NO_COLOR_is_not_needed_when_piped()
    {
        string[] args = [Example("customers-january.csv"), Example("customers-february.csv"), "-k", "id"];
        Assert.DoesNotContain("\e[", CliRunner.Run(args).Stdout, StringComparison.Ordinal);
        Assert.Contains("\e[", CliRunner.Run(args, terminal: true).Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\e[", CliRunner.Run([.. args, "--color", "never"], terminal: true).Stdout, StringComparison.Ordinal);
        Assert.Contains("\e[", CliRunner.Run([.. args, "--color", "always"]).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_byte_identical_at_any_thread_count()
    {
        // Enough rows that the engine cuts several partitions per stage.
        var left = new StringBuilder("id,name,amount,note\n");
        var right = new StringBuilder("id,name,amount,note\n");
        for (var i = 0; i < 60_000; i++)
        {
            left.Append($"{i},name {i},{i % 97},\"a, {i % 13}\"\n");
            if (i % 50 == 7)
            {
                continue;
            }
            var amount = i % 33 == 0 ? i % 97 + 1 : i % 97;
            right.Append($"{i},name {i},{amount},\"a, {i % 13}\"\n");
        }
        right.Append("999999,new,1,x\n");
        var l = Write("big-left.csv", left.ToString());
        var r = Write("big-right.csv", right.ToString());
        foreach (var mode in new[] { new[] { "--key", "id" }, [] })
        {
            var one = CliRunner.Run([l, r, "-f", "json", "--threads", "1", .. mode]);
            var four = CliRunner.Run([l, r, "-f", "json", "--threads", "4", .. mode]);
            Assert.Equal(1, one.ExitCode);
            Assert.True(one.Stdout == four.Stdout, "JSON output differs between 1 and 4 threads");
        }
    }

    [Fact]
    public void Inputs_too_large_for_memory_are_refused_before_reading_with_the_figures()
    {
        // Files are streamed (0.6 bytes of memory per byte); a pipe is held whole (2.5 per byte): 310 + 338 bytes here.
        var limit = new Dictionary<string, string> { ["CSVDIFF_MEMORY_LIMIT"] = "300" };
        var outcome = CliRunner.Run([Example("customers-january.csv"), Example("customers-february.csv")], environment: limit);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("csvdiff: the inputs (648 bytes together) need about 388 bytes of memory, and 300 bytes is available; " +
                     "compare fewer rows (split the files by key) or run on a machine with more memory\n", outcome.Stderr);

        var piped = CliRunner.Run(["-", Example("customers-february.csv")], stdin: File.ReadAllBytes(Example("customers-january.csv")),
            environment: new Dictionary<string, string> { ["CSVDIFF_MEMORY_LIMIT"] = "900" });
        Assert.Equal(2, piped.ExitCode);
        Assert.Contains("need about 977 bytes", piped.Stderr, StringComparison.Ordinal);

        var enough = new Dictionary<string, string> { ["CSVDIFF_MEMORY_LIMIT"] = "400" };
        Assert.Equal(1, CliRunner.Run([Example("customers-january.csv"), Example("customers-february.csv")], environment: enough).ExitCode);
    }
}

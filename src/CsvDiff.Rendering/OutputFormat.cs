// The output formats and the one place that picks a writer for each.
namespace CsvDiff.Rendering;

/// <summary>The formats a diff can be written in.</summary>
public enum OutputFormat
{
    /// <summary>A summary and the changed rows, for people.</summary>
    Text,
    /// <summary>The documented JSON contract (version 1), for programs.</summary>
    Json,
    /// <summary>The tabular "highlighter" diff CSV that daff and its viewers read.</summary>
    Highlighter,
    /// <summary>One self-contained HTML page.</summary>
    Html,
    /// <summary>Counts only.</summary>
    Summary,
}

/// <summary>How output is dressed.</summary>
public sealed record RenderOptions
{
    /// <summary>Colour text output with ANSI escapes. Default: false.</summary>
    public bool Color { get; init; }

    /// <summary>In CSV output, prefix a quote to every cell a spreadsheet would run as a formula
    /// (one starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR). Default: false.</summary>
    public bool SafeCsv { get; init; }
}

/// <summary>Writes a <see cref="DiffResult"/> in one format.</summary>
public interface IDiffWriter
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="output"/> as UTF-8, without a byte order mark.</summary>
    void Write(DiffResult result, Stream output);
}

/// <summary>Creates the writer for a format.</summary>
public static class DiffWriters
{
    /// <summary>The writer for <paramref name="format"/>.</summary>
    public static IDiffWriter For(OutputFormat format, RenderOptions? options = null) => format switch
    {
        OutputFormat.Text => new TextDiffWriter(options ?? new RenderOptions()),
        OutputFormat.Json => new JsonDiffWriter(),
        OutputFormat.Highlighter => new HighlighterDiffWriter(options ?? new RenderOptions()),
        OutputFormat.Html => new HtmlDiffWriter(),
        OutputFormat.Summary => new SummaryDiffWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown output format"),
    };

    /// <summary>
    /// Whether <paramref name="format"/> shows the rows <see cref="DiffOptions.PatchContext"/> lists: the formats a patch reads
    /// (JSON, highlighter CSV), and the HTML page, which shows that same table. Text and the summary are for reading changes only.
    /// </summary>
    public static bool ListsPatchContext(OutputFormat format) => format is OutputFormat.Json or OutputFormat.Highlighter or OutputFormat.Html;

    /// <summary>Writes <paramref name="result"/> in <paramref name="format"/> to a string; for tests and small results.</summary>
    public static string WriteToString(DiffResult result, OutputFormat format, RenderOptions? options = null)
    {
        using var buffer = new MemoryStream();
        For(format, options).Write(result, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

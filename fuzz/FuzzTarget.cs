// What the fuzzer runs and what the regression tests replay: any bytes, as two tables, through the engine and a writer.
using CsvDiff.Rendering;

namespace CsvDiff.Fuzzing;

internal static class FuzzTarget
{
    // Bytes before the first form feed are the left table, the rest the right; the first byte picks the options.
    public static void Run(ReadOnlySpan<byte> data)
    {
        var split = data.IndexOf((byte)'\f');
        var left = split < 0 ? data : data[..split];
        var right = split < 0 ? data : data[(split + 1)..];
        var selector = data.IsEmpty ? 0 : data[0];
        var options = new DiffOptions
        {
            Key = (selector & 1) != 0 ? ["1"] : [],
            DuplicateKeys = DuplicateKeyPolicy.Pair,
            Values = new ValueComparison { IgnoreCase = (selector & 2) != 0, Trim = (selector & 4) != 0, Numeric = (selector & 8) != 0 },
            Csv = new CsvFormat { HasHeader = (selector & 16) == 0, AllowRagged = (selector & 32) != 0 },
            InlineSegments = (selector & 64) != 0,
            Similarity = 0.3,
        };
        try
        {
            var result = TableDiff.Compare(new TableInput("left", left.ToArray()), new TableInput("right", right.ToArray()), options);
            DiffWriters.WriteToString(result, (selector & 128) != 0 ? OutputFormat.Highlighter : OutputFormat.Json);
        }
        catch (CsvDiffException)
        {
            // A located error is a correct answer to bad input; anything else escapes and is a finding.
        }
    }
}

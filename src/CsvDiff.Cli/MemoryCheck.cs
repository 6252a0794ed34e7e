// Refuses, before reading, inputs that cannot fit in memory: a clear message with the figures beats an out-of-memory crash midway.
using System.Globalization;

namespace CsvDiff.Cli;

internal static class MemoryCheck
{
    public const string LimitVariable = "CSVDIFF_MEMORY_LIMIT";

    // An input read whole stays in memory as bytes; row indexes, hashes and matching add more. Measured: 339 MB peak for
    // 136 MB of input (1M rows keyed, 10 columns), so 2.5 times the input, rounded up.
    private const double BytesNeededPerHeldByte = 2.5;
    // A streamed input keeps only row indexes, hashes and matching: about 45 bytes a row measured on 100-byte rows (0.45 a
    // byte); the margin is for shorter rows, which cost as much each.
    private const double BytesNeededPerStreamedByte = 0.6;

    /// <summary>Throws when the inputs, <paramref name="heldBytes"/> read whole and <paramref name="streamedBytes"/> streamed, would need more memory than is available (or allowed).</summary>
    public static void Check(long heldBytes, long streamedBytes, CliConsole console)
    {
        var available = Limit(console) ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var inputBytes = heldBytes + streamedBytes;
        var needed = (long)((heldBytes * BytesNeededPerHeldByte) + (streamedBytes * BytesNeededPerStreamedByte));
        if (needed > available)
        {
            throw new CsvDiffException(
                $"the inputs ({Size(inputBytes)} together) need about {Size(needed)} of memory, and {Size(available)} is available; " +
                "compare fewer rows (split the files by key) or run on a machine with more memory");
        }
    }

    private static long? Limit(CliConsole console)
    {
        var text = console.Environment(LimitVariable);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? bytes
            : throw new CsvDiffException($"{LimitVariable} must be a number of bytes, not \"{text}\"");
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}

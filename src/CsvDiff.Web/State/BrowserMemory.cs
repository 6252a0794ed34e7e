// Refuses, before reading them, inputs too large for one browser engine: a clear message beats a tab that dies.
using System.Globalization;

namespace CsvDiff.Web.State;

public static class BrowserMemory
{
    // A WebAssembly .NET heap tops out near 2 GB; the inputs, their copies on the way in and the indexes need about 2.5 times their size.
    public const long HeapBytes = 2L << 30;
    private const double BytesNeededPerInputByte = 2.5;

    /// <summary>Why inputs of <paramref name="inputBytes"/> cannot be compared here, or null when they fit.</summary>
    public static string? Problem(long inputBytes)
    {
        var needed = (long)(inputBytes * BytesNeededPerInputByte);
        return needed <= HeapBytes
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"The two files ({inputBytes / (1024.0 * 1024):0} MB together) need about {needed / (1024.0 * 1024):0} MB, more than the {HeapBytes >> 20} MB a browser tab's engine can hold. Compare them with the csvdiff command line, which has no such limit, or split them by key.");
    }
}

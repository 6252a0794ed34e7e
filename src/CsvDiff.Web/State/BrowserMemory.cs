// Refuses, before reading them, inputs too large for the browser engines at hand: a clear message beats a tab that dies.
using System.Globalization;

namespace CsvDiff.Web.State;

public static class BrowserMemory
{
    // A WebAssembly .NET heap tops out near 2 GB; the inputs, their copies on the way in and the indexes need about 2.5 times their size.
    public const long HeapBytes = 2L << 30;
    private const double BytesNeededPerInputByte = 2.5;

    /// <summary>
    /// Why inputs of <paramref name="inputBytes"/> cannot be compared by <paramref name="engines"/> engines, each a worker with
    /// its own heap holding its shards (1 when the inputs must be read whole), or null when they fit.
    /// </summary>
    public static string? Problem(long inputBytes, int engines)
    {
        var needed = (long)(inputBytes * BytesNeededPerInputByte);
        var available = HeapBytes * Math.Max(1, engines);
        var holders = engines > 1 ? $"the {engines} browser engines of this tab" : "a browser tab's engine";
        return needed <= available
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"The two files ({inputBytes / (1024.0 * 1024):0} MB together) need about {needed / (1024.0 * 1024):0} MB, more than the {available >> 20} MB {holders} can hold. Compare them with the csvdiff command line, which has no such limit, or split them by key.");
    }
}

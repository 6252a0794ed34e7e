// Refuses, before it can exhaust a heap, a comparison too large for the browser engines at hand: a clear message with the
// figures and what to do instead beats a tab that dies.
using System.Globalization;

namespace CsvDiff.Web.State;

public static class BrowserMemory
{
    // A WebAssembly .NET heap tops out near 2 GB; the inputs, their copies on the way in and the indexes need about 2.5 times their size.
    public const long HeapBytes = 2L << 30;
    private const double BytesNeededPerInputByte = 2.5;

    /// <summary>How many bytes of input one engine can hold in shards: the page reads no more ahead for each worker.</summary>
    public const long InputBytesPerEngine = (long)(HeapBytes / BytesNeededPerInputByte);
    // Listing every row holds each cell as a .NET string (two bytes a character, plus a header) and each row as an object, in the
    // engine and again in the page's view: a 1,000,000-row pair of 150 MB was measured to exhaust both heaps.
    private const double BytesNeededPerInputByteListingEveryRow = 16;

    /// <summary>
    /// After the engine workers fail, the page runs the engine itself only on inputs this small: a failure from a lack of
    /// memory would otherwise repeat on the page, and there it stops the page itself.
    /// </summary>
    public const long PageFallbackBytes = 32L << 20;

    /// <summary>
    /// Why inputs of <paramref name="inputBytes"/> cannot be compared by <paramref name="engines"/> engines, each a worker with
    /// its own heap holding its shards (1 when the inputs must be read whole), or null when they fit. A result that lists
    /// every row (<paramref name="listsEveryRow"/>) needs far more than the inputs.
    /// </summary>
    public static string? Problem(long inputBytes, int engines, bool listsEveryRow = false)
    {
        var needed = (long)(inputBytes * (listsEveryRow ? BytesNeededPerInputByteListingEveryRow : BytesNeededPerInputByte));
        var available = HeapBytes * Math.Max(1, engines);
        var holders = engines > 1 ? $"the {engines} browser engines of this tab" : "a browser tab's engine";
        if (needed <= available)
        {
            return null;
        }
        var purpose = listsEveryRow ? " to list every row" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"The two files ({inputBytes / (1024.0 * 1024):0} MB together) need about {needed / (1024.0 * 1024):0} MB{purpose}, more than the {available >> 20} MB {holders} can hold. {Instead(listsEveryRow)}");
    }

    /// <summary>
    /// Why a comparison that must gather <paramref name="rows"/> rows from the two files to list them is refused (more than a
    /// tab can hold), and what to do instead.
    /// </summary>
    public static string TooManyRows(int rows, int limit, bool listsEveryRow) => string.Create(CultureInfo.InvariantCulture,
        $"This comparison would gather {rows:N0} rows from the two files to list them, more than the {limit:N0} a browser tab can hold. {Instead(listsEveryRow)}");

    private static string Instead(bool listsEveryRow) => listsEveryRow
        ? "Turn off \"include unchanged rows\": the unchanged rows are then counted, not listed. Or compare the files with the csvdiff command line, which has no such limit."
        : "Compare them with the csvdiff command line, which has no such limit, or split them by key.";
}

// Asks Linux to back the GC heap with transparent huge pages. Many kernels hand them only to memory that asks for them
// (THP "madvise" mode), and every 4 KB page csvdiff touches for the first time otherwise costs a page fault: about 22,700 of
// them for a 1,000,000-row diff, a third of its run on the 2-core machine of docs/BENCHMARKS.md. Asked, about 9,100.
using System.Globalization;
using System.Runtime.InteropServices;

namespace CsvDiff.Cli;

internal static partial class HugePages
{
    /// <summary>Set to 0, the heap keeps the kernel's default pages (to compare, or where huge pages misbehave).</summary>
    public const string Variable = "CSVDIFF_HUGE_PAGES";

    // <sys/mman.h>
    private const int AdviseHugePages = 14;

    /// <summary>
    /// Advises the whole reservation the GC allocates from, so that the parts it commits later fault in 2 MB at a time. Does
    /// nothing off Linux or when turned off; where the kernel gives no huge pages (THP "never") the advice changes nothing.
    /// </summary>
    public static void AdviseGcHeap()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) == "0")
        {
            return;
        }
        try
        {
            if (AnonymousSpan(File.ReadAllText("/proc/self/maps"), AddressInHeap()) is { } span)
            {
                // Advice, not a requirement: a refusal leaves the heap as it was.
                _ = Advise((nint)span.Start, (nuint)(span.End - span.Start), AdviseHugePages);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // No /proc to read (a sandbox), or no madvise to call: the default pages serve as well, only slower.
        }
    }

    /// <summary>
    /// In a /proc/self/maps listing, the run of adjacent anonymous mappings that holds <paramref name="address"/>, or null when
    /// no anonymous mapping does. The GC reserves one range and commits pieces of it, which the kernel lists as separate
    /// mappings side by side; a mapping of a file or a named one ([stack], [heap]) ends the run, as does a gap.
    /// </summary>
    internal static (ulong Start, ulong End)? AnonymousSpan(string maps, ulong address)
    {
        var mappings = maps.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).OfType<(ulong Start, ulong End, bool Anonymous)>().ToList();
        var at = mappings.FindIndex(m => m.Anonymous && m.Start <= address && address < m.End);
        if (at < 0)
        {
            return null;
        }
        var (first, last) = (at, at);
        while (first > 0 && mappings[first - 1].Anonymous && mappings[first - 1].End == mappings[first].Start)
        {
            first--;
        }
        while (last + 1 < mappings.Count && mappings[last + 1].Anonymous && mappings[last + 1].Start == mappings[last].End)
        {
            last++;
        }
        return (mappings[first].Start, mappings[last].End);
    }

    // "start-end perms offset device inode [path]": anonymous when there is no path. A line of another shape is left out, so
    // that csvdiff starts whatever the kernel writes there.
    private static (ulong Start, ulong End, bool Anonymous)? Parse(string line)
    {
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 5 && fields[0].Split('-') is [var start, var end]
            && ulong.TryParse(start, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var from)
            && ulong.TryParse(end, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var to)
            ? (from, to, fields.Length < 6 || fields[5].Trim().Length == 0)
            : null;
    }

    private static ulong AddressInHeap()
    {
        var handle = GCHandle.Alloc(new byte[16], GCHandleType.Pinned);
        try
        {
            return (ulong)handle.AddrOfPinnedObject();
        }
        finally
        {
            handle.Free();
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = false)]
    private static partial int Advise(nint address, nuint length, int advice);
}

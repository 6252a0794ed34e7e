// Backs the GC heap with transparent huge pages. Every 4 KB page csvdiff touches for the first time otherwise costs a page fault
// (about 12 µs each on the 2-core machine of docs/BENCHMARKS.md): about 22,700 of them for a 1,000,000-row diff, a third of its
// run, with the two threads waiting on each other's faults. With the heap advised, 9,800; with its reservation opened too, 2,600.
using System.Globalization;
using System.Runtime.InteropServices;

namespace CsvDiff.Cli;

internal static partial class HugePages
{
    /// <summary>Set to 0, the heap keeps the kernel's default pages (to compare, or where huge pages misbehave).</summary>
    public const string Variable = "CSVDIFF_HUGE_PAGES";

    /// <summary>
    /// Inputs smaller than this leave the reservation as the GC has it: their heap touches little of each 2 MB page it would
    /// fault in whole. Opened, a 2 MB pair took 7 ms longer (32 → 39 ms, and 5 MB more memory), a 4 MB pair as long, an 8 MB
    /// one 1 ms less and a 20 MB one 10 ms less (72 → 62 ms), on the machine of docs/BENCHMARKS.md.
    /// </summary>
    public const long OpenFromInputBytes = 8 << 20;

    // <sys/mman.h>
    private const int AdviseHugePages = 14;
    private const int AdviseDump = 17;
    private const int ReadWrite = 0x1 | 0x2;

    // Opening memory charges it to the kernel's commit count, which one request may not take beyond the machine's memory. A
    // quarter of it is opened: the GC spreads its regions over the reservation's start (tens of MB for a 100,000-row diff), so
    // opening about what the heap will hold, from the start, leaves most of the regions it uses next unopened.
    private const int ShareOfMemoryOpened = 4;

    // An address in the GC's heap, found by AdviseGcHeap for OpenGcHeap.
    private static ulong? s_heapAddress;

    /// <summary>
    /// Advises the GC's reservation for huge pages (where the kernel gives none, THP "never", this changes nothing) and keeps
    /// where it is for <see cref="OpenGcHeap"/>. Does nothing off Linux or when turned off.
    /// </summary>
    public static void AdviseGcHeap()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) == "0")
        {
            return;
        }
        try
        {
            // /proc/self/maps, which the kernel writes in 0.15 ms where it takes 1.2 ms for smaps: every run pays for this.
            var address = AddressInHeap();
            if (AnonymousRun(File.ReadAllText("/proc/self/maps"), address) is var (start, end))
            {
                // Advice, not a requirement: a refusal leaves the heap as it was.
                _ = Advise((nint)start, (nuint)(end - start), AdviseHugePages);
                s_heapAddress = address;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // No /proc to read (a sandbox), or no madvise to call: the default pages serve as well, only slower.
        }
    }

    /// <summary>
    /// Opens the GC's reservation <see cref="AdviseGcHeap"/> advised, for a diff of <paramref name="inputBytes"/>, so that the
    /// GC's small objects get huge pages too. Does nothing for small inputs or without an advised heap.
    /// </summary>
    public static void OpenGcHeap(long inputBytes)
    {
        if (s_heapAddress is not { } address || inputBytes < OpenFromInputBytes)
        {
            return;
        }
        try
        {
            if (Reservation(File.ReadAllText("/proc/self/smaps"), address) is not var (start, end))
            {
                return;
            }
            var size = OpenedBytes(end - start);
            // The GC commits its small-object regions 64 KB at a time, each commit a change of protection and of the core-dump
            // flag: the kernel keeps every piece a mapping of its own, and a page fault in a mapping smaller than the 2 MB around
            // it gets a 4 KB page. Opened in one piece, the GC's commits change nothing, and its regions fault in 2 MB at a time,
            // as its large objects already do. The GC's decommits still give memory back. A refusal (a strict commit limit)
            // changes nothing.
            if (Protect((nint)start, (nuint)size, ReadWrite) == 0)
            {
                _ = Advise((nint)start, (nuint)size, AdviseDump);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc/self/smaps to read: the heap stays as the GC has it.
        }
    }

    /// <summary>How much of a reservation of <paramref name="reservationBytes"/>, from its start, <see cref="OpenGcHeap"/> opens.</summary>
    internal static ulong OpenedBytes(ulong reservationBytes) =>
        Math.Min(reservationBytes, (ulong)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / ShareOfMemoryOpened);

    /// <summary>
    /// In a /proc/self/maps (or smaps) listing, the run of adjacent anonymous mappings around <paramref name="address"/>: the
    /// GC's reservation, which the kernel lists in pieces as the GC commits them, and whatever anonymous memory borders it. A
    /// mapping of a file or a named one ([stack], [heap]) ends the run, as does a gap. Null when no anonymous mapping holds
    /// <paramref name="address"/>.
    /// </summary>
    internal static (ulong Start, ulong End)? AnonymousRun(string maps, ulong address) => Run(Mappings(maps), address, m => m.Anonymous);

    /// <summary>
    /// In a /proc/self/smaps listing, the GC's reservation around <paramref name="address"/>, without what borders it: the run
    /// of adjacent anonymous mappings that are either committed heap (read-write and counted against the commit limit, "ac",
    /// but not marked against huge pages, "nh", as thread stacks are) or reserved heap (no access, marked "dd": the GC keeps
    /// uncommitted memory out of core dumps). A guard page, a thread stack, a mapping of a file or a gap ends the run. Null
    /// when no such mapping holds <paramref name="address"/>.
    /// </summary>
    internal static (ulong Start, ulong End)? Reservation(string smaps, ulong address) => Run(Mappings(smaps), address, m => m.InHeap);

    private static (ulong Start, ulong End)? Run(List<Mapping> mappings, ulong address, Func<Mapping, bool> belongs)
    {
        var at = mappings.FindIndex(m => m.Start <= address && address < m.End);
        if (at < 0 || !belongs(mappings[at]))
        {
            return null;
        }
        var (first, last) = (at, at);
        while (first > 0 && belongs(mappings[first - 1]) && mappings[first - 1].End == mappings[first].Start)
        {
            first--;
        }
        while (last + 1 < mappings.Count && belongs(mappings[last + 1]) && mappings[last + 1].Start == mappings[last].End)
        {
            last++;
        }
        return (mappings[first].Start, mappings[last].End);
    }

    private sealed record Mapping(ulong Start, ulong End, string Permissions, bool Anonymous, string[] Flags)
    {
        public bool Reserved => Anonymous && Permissions == "---p" && Flags.Contains("dd");

        public bool InHeap => Reserved || (Anonymous && Permissions == "rw-p" && Flags.Contains("ac") && !Flags.Contains("nh"));
    }

    // Entries are a line "start-end perms offset device inode [path]" and lines "Key: value", VmFlags among them. A line of
    // another shape is left out, so that csvdiff starts whatever the kernel writes there. Read a line at a time without
    // splitting the listing (3,000 lines at start-up): split, it took 2 ms of csvdiff's 20 ms start.
    private static List<Mapping> Mappings(string smaps)
    {
        var mappings = new List<Mapping>();
        foreach (var line in smaps.AsSpan().EnumerateLines())
        {
            if (Header(line) is { } header)
            {
                mappings.Add(header);
            }
            else if (mappings.Count > 0 && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                mappings[^1] = mappings[^1] with { Flags = line["VmFlags:".Length..].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries) };
            }
        }
        return mappings;
    }

    private static Mapping? Header(ReadOnlySpan<char> line)
    {
        Span<Range> fields = stackalloc Range[6];
        var count = line.SplitAny(fields, " ", StringSplitOptions.RemoveEmptyEntries);
        if (count < 5)
        {
            return null;
        }
        var range = line[fields[0]];
        var dash = range.IndexOf('-');
        return dash > 0
            && ulong.TryParse(range[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var from)
            && ulong.TryParse(range[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var to)
            ? new Mapping(from, to, line[fields[1]].ToString(), count < 6, [])
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

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = false)]
    private static partial int Protect(nint address, nuint length, int protection);
}

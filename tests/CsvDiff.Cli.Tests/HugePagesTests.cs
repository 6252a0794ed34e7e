// The GC heap's reservation found in /proc/self/maps and advised for huge pages, and found in /proc/self/smaps and opened
// ahead of the GC for large inputs (HugePages).
using System.Globalization;
using System.Runtime.InteropServices;

namespace CsvDiff.Cli.Tests;

public class HugePagesTests
{
    // A listing as Linux writes it (most "Key: value" lines left out): the binary; a thread stack under its guard page; the
    // heap's reservation in five pieces (reserved, committed, reserved, committed, reserved); a file mapped right after it; a
    // malloc arena past a gap (committed, then reserved without "dd"); and the stack.
    private const string Smaps = """
        5600000000-5600100000 r-xp 00000000 fe:00 123 /usr/bin/csvdiff
        Size:               1024 kB
        VmFlags: rd ex mr mw me
        7effff7ff000-7effff800000 ---p 00000000 00:00 0
        VmFlags: mr mw me nh
        7effff800000-7f0000000000 rw-p 00000000 00:00 0
        Rss:                  12 kB
        VmFlags: rd wr mr mw me ac nh
        7f0000000000-7f0000400000 ---p 00000000 00:00 0
        VmFlags: mr mw me dd
        7f0000400000-7f0000800000 rw-p 00000000 00:00 0
        AnonHugePages:         0 kB
        VmFlags: rd wr mr mw me ac
        7f0000800000-7f0000a00000 ---p 00000000 00:00 0
        VmFlags: mr mw me dd
        7f0000a00000-7f0000a10000 rw-p 00000000 00:00 0
        VmFlags: rd wr mr mw me ac
        7f0000a10000-7f0010000000 ---p 00000000 00:00 0
        VmFlags: mr mw me dd
        7f0010000000-7f0010010000 r--p 00000000 fe:00 456                        /usr/lib/libc.so.6
        VmFlags: rd mr mw me
        7f0020000000-7f0020021000 rw-p 00000000 00:00 0
        VmFlags: rd wr mr mw me nr
        7f0020021000-7f0024000000 ---p 00000000 00:00 0
        VmFlags: mr mw me nr
        7f0030000000-7f0030100000 rw-p 00000000 00:00 0                          [stack]
        VmFlags: rd wr mr mw me gd ac
        """;

    // The same as /proc/self/maps lists it: the lines that start each entry above.
    private static readonly string Maps = string.Join('\n', Smaps.Split('\n').Where(line => char.IsAsciiHexDigit(line[0])));

    public static TheoryData<ulong, ulong, ulong> InAnonymousRun => new()
    {
        // In the reservation or the thread stack under it: both, and the guard page below, up to the file.
        { 0x7f0000512345, 0x7effff7ff000, 0x7f0010000000 },
        { 0x7effff900000, 0x7effff7ff000, 0x7f0010000000 },
        // Past the gap: the malloc arena alone, not the stack beside it.
        { 0x7f0020100000, 0x7f0020000000, 0x7f0024000000 },
    };

    [Theory]
    [MemberData(nameof(InAnonymousRun))]
    public void An_address_in_anonymous_memory_gives_the_run_of_anonymous_mappings_around_it(ulong address, ulong start, ulong end)
    {
        Assert.Equal((start, end), HugePages.AnonymousRun(Maps, address));
        Assert.Equal((start, end), HugePages.AnonymousRun(Smaps, address));
    }

    [Theory]
    [InlineData(0x5600000000UL)] // the binary
    [InlineData(0x7f0010000000UL)] // a file
    [InlineData(0x7f0030000000UL)] // the stack
    [InlineData(0x7f0018000000UL)] // nothing mapped
    public void An_address_outside_anonymous_memory_gives_no_run(ulong address) =>
        Assert.Null(HugePages.AnonymousRun(Maps, address));

    public static TheoryData<ulong> InReservation => [0x7f0000000000, 0x7f0000512345, 0x7f0000a00000, 0x7f000fffffff];

    [Theory]
    [MemberData(nameof(InReservation))]
    public void An_address_in_the_heap_gives_its_whole_reservation(ulong address) =>
        // Not the thread stack below it, nor the file above it.
        Assert.Equal((0x7f0000000000UL, 0x7f0010000000UL), HugePages.Reservation(Smaps, address));

    [Theory]
    [InlineData(0x5600000000UL)] // the binary
    [InlineData(0x7effff7ff000UL)] // a guard page
    [InlineData(0x7effff900000UL)] // a thread stack
    [InlineData(0x7f0010000000UL)] // a file
    [InlineData(0x7f0020000000UL)] // a malloc arena's committed part
    [InlineData(0x7f0020100000UL)] // its reserved part, which the GC did not mark
    [InlineData(0x7f0030000000UL)] // the stack
    [InlineData(0x7f0018000000UL)] // nothing mapped
    public void An_address_outside_the_heap_gives_nothing_to_advise(ulong address) =>
        Assert.Null(HugePages.Reservation(Smaps, address));

    [Fact]
    public void Lines_of_another_shape_are_left_out()
    {
        var smaps = "garbage\n7f0000000000-7f0000400000 ---p 00000000 00:00 0\nVmFlags: mr dd\nzz-yy rw-p 0 00:00 0\nSize: 4 kB\n-\n\n";
        Assert.Equal((0x7f0000000000UL, 0x7f0000400000UL), HugePages.Reservation(smaps, 0x7f0000000010));
        Assert.Equal((0x7f0000000000UL, 0x7f0000400000UL), HugePages.AnonymousRun(smaps, 0x7f0000000010));
    }

    private const long MB = 1 << 20;

    [Fact]
    public void The_heap_is_advised_for_huge_pages_and_opened_ahead_of_the_gc_for_large_inputs()
    {
        var handle = GCHandle.Alloc(new byte[16], GCHandleType.Pinned);
        try
        {
            var address = (ulong)handle.AddrOfPinnedObject();
            HugePages.AdviseGcHeap();
            // "hg": the kernel's flag for memory advised with MADV_HUGEPAGE (Documentation/filesystems/proc.rst).
            Assert.Contains("hg", MappingAt(address).Flags);

            // The last byte the opening reaches, a quarter of the machine's memory into a reservation of twice it: far past what
            // the GC commits, so that no commit of its own opens it meanwhile.
            var (start, end) = HugePages.Reservation(File.ReadAllText("/proc/self/smaps"), address)!.Value;
            var reserved = start + HugePages.OpenedBytes(end - start) - 1;
            HugePages.OpenGcHeap(HugePages.OpenFromInputBytes - 1);
            Assert.Equal("---p", MappingAt(reserved).Permissions);

            HugePages.OpenGcHeap(128 * MB);
            var opened = MappingAt(reserved);
            Assert.Equal("rw-p", opened.Permissions);
            Assert.Contains("hg", opened.Flags);
            // "dd": kept out of core dumps, as the GC keeps what it has not committed.
            Assert.DoesNotContain("dd", opened.Flags);
        }
        finally
        {
            handle.Free();
        }
    }

    // The permissions and VmFlags of the /proc/self/smaps entry whose range holds the address.
    private static (string Permissions, string[] Flags) MappingAt(ulong address)
    {
        string? permissions = null;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (char.IsAsciiHexDigit(line[0]) && line.Split(' ') is [var range, var perms, ..] && range.Split('-') is [var start, var end])
            {
                var holds = ulong.Parse(start, NumberStyles.HexNumber, CultureInfo.InvariantCulture) <= address
                    && address < ulong.Parse(end, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                permissions = holds ? perms : null;
            }
            else if (permissions is not null && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return (permissions, line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }
        throw new InvalidOperationException($"no mapping in /proc/self/smaps holds {address:x}");
    }
}

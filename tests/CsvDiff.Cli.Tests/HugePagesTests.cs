// The GC heap's reservation found in /proc/self/maps and advised for huge pages (HugePages).
using System.Globalization;
using System.Runtime.InteropServices;

namespace CsvDiff.Cli.Tests;

public class HugePagesTests
{
    // A listing as Linux writes it: the binary, a heap reservation in three pieces (reserved, committed, reserved), a file
    // mapped right after it, another anonymous mapping past a gap, and the stack.
    private const string Maps = """
        5600000000-5600100000 r-xp 00000000 fe:00 123 /usr/bin/csvdiff
        7f0000000000-7f0000400000 ---p 00000000 00:00 0
        7f0000400000-7f0000800000 rw-p 00000000 00:00 0
        7f0000800000-7f0010000000 ---p 00000000 00:00 0
        7f0010000000-7f0010010000 r--p 00000000 fe:00 456                        /usr/lib/libc.so.6
        7f0020000000-7f0020100000 rw-p 00000000 00:00 0
        7f0020100000-7f0020200000 rw-p 00000000 00:00 0                          [stack]
        """;

    public static TheoryData<ulong, ulong, ulong> InSpan => new()
    {
        // In any piece of the reservation: all three pieces, up to the file.
        { 0x7f0000000000, 0x7f0000000000, 0x7f0010000000 },
        { 0x7f0000512345, 0x7f0000000000, 0x7f0010000000 },
        { 0x7f000fffffff, 0x7f0000000000, 0x7f0010000000 },
        // Past the gap: that mapping alone, not the stack beside it.
        { 0x7f0020000000, 0x7f0020000000, 0x7f0020100000 },
    };

    [Theory]
    [MemberData(nameof(InSpan))]
    public void An_address_in_an_anonymous_mapping_gives_the_run_of_mappings_around_it(ulong address, ulong start, ulong end) =>
        Assert.Equal((start, end), HugePages.AnonymousSpan(Maps, address));

    [Fact]
    public void Lines_of_another_shape_are_left_out()
    {
        var maps = "garbage\n7f0000000000-7f0000400000 ---p 00000000 00:00 0\nzz-yy rw-p 0 00:00 0\n";
        Assert.Equal((0x7f0000000000UL, 0x7f0000400000UL), HugePages.AnonymousSpan(maps, 0x7f0000000010));
    }

    [Theory]
    [InlineData(0x5600000000UL)] // the binary
    [InlineData(0x7f0010000000UL)] // a file
    [InlineData(0x7f0020100000UL)] // the stack
    [InlineData(0x7f0018000000UL)] // nothing mapped
    public void An_address_outside_anonymous_mappings_gives_nothing_to_advise(ulong address) =>
        Assert.Null(HugePages.AnonymousSpan(Maps, address));

    [Fact]
    public void The_mapping_holding_the_heap_is_advised_for_huge_pages()
    {
        HugePages.AdviseGcHeap();
        var handle = GCHandle.Alloc(new byte[16], GCHandleType.Pinned);
        try
        {
            var flags = VmFlagsAt((ulong)handle.AddrOfPinnedObject());
            // "hg": the kernel's flag for memory advised with MADV_HUGEPAGE (Documentation/filesystems/proc.rst).
            Assert.Contains("hg", flags.Split(' '));
        }
        finally
        {
            handle.Free();
        }
    }

    // The VmFlags line of the /proc/self/smaps entry whose range holds the address.
    private static string VmFlagsAt(ulong address)
    {
        var inEntry = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (char.IsAsciiHexDigit(line[0]) && line.Split(' ')[0].Split('-') is [var start, var end])
            {
                inEntry = ulong.Parse(start, NumberStyles.HexNumber, CultureInfo.InvariantCulture) <= address
                    && address < ulong.Parse(end, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            else if (inEntry && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line["VmFlags:".Length..].Trim();
            }
        }
        throw new InvalidOperationException($"no mapping in /proc/self/smaps holds {address:x}");
    }
}

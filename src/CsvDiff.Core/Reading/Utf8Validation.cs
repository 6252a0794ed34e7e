// Whether an input's bytes are UTF-8 text, 16 bytes at a time: the check every byte of every input goes through.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.Unicode;

namespace CsvDiff.Reading;

/// <summary>
/// Checks that bytes are well-formed UTF-8 with no NUL, as <see cref="Utf8.IsValid"/> and a search for a zero byte do
/// together, in one pass. The runtime's check leaves its fast path at every non-ASCII byte, and tables in most languages
/// have one in most blocks of 16 bytes: natively that check took an eighth of a keyed diff, and in the browser's
/// interpreter, which pays for each step, more. This one classifies every block with three table lookups (Keiser and
/// Lemire, "Validating UTF-8 in less than one instruction per byte", 2021): each byte's class with the classes of the
/// byte before it names every error two neighbouring bytes can make, and the bytes two and three back say where a
/// continuation byte must follow one. The lookups, shifts and compares are ones the interpreter runs as single WebAssembly
/// SIMD instructions. Where the bytes are not valid, callers look again with the runtime's own functions for what and
/// where. Against the runtime's check (docs/BENCHMARKS.md): the browser's load phase about 8% shorter, and csvdiff's
/// 1,000,000-row keyed diff about 7%.
/// </summary>
internal static class Utf8Validation
{
    // Error classes, one bit each; a pair of bytes is in error when the bit is set in all three lookups.
    private const byte TooShort = 1 << 0;       // a lead byte followed by a lead or ASCII byte
    private const byte TooLong = 1 << 1;        // an ASCII byte followed by a continuation
    private const byte Overlong3 = 1 << 2;      // E0 followed by 80-9F
    private const byte TooLarge = 1 << 3;       // F4 followed by 90-BF, or F5-FF followed by 90-BF
    private const byte Surrogate = 1 << 4;      // ED followed by A0-BF
    private const byte Overlong2 = 1 << 5;      // C0 or C1 followed by a continuation
    private const byte TooLarge1000 = 1 << 6;   // F5-FF followed by 80-8F
    private const byte Overlong4 = 1 << 6;      // F0 followed by 80-8F (the same bit: the low nibble tells them apart)
    private const byte TwoContinuations = 1 << 7;
    private const byte Carry = TooShort | TooLong | TwoContinuations;

    // By the high nibble of the byte before.
    private static readonly Vector128<byte> FirstHigh = Vector128.Create(
        TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong,
        TwoContinuations, TwoContinuations, TwoContinuations, TwoContinuations,
        TooShort | Overlong2, TooShort, TooShort | Overlong3 | Surrogate, TooShort | TooLarge | TooLarge1000 | Overlong4);

    // By the low nibble of the byte before.
    private static readonly Vector128<byte> FirstLow = Vector128.Create(
        Carry | Overlong3 | Overlong2 | Overlong4, Carry | Overlong2, Carry, Carry,
        Carry | TooLarge, Carry | TooLarge | TooLarge1000, Carry | TooLarge | TooLarge1000, Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000, Carry | TooLarge | TooLarge1000, Carry | TooLarge | TooLarge1000, Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000, Carry | TooLarge | TooLarge1000 | Surrogate, Carry | TooLarge | TooLarge1000, Carry | TooLarge | TooLarge1000);

    // By the high nibble of the byte itself.
    private static readonly Vector128<byte> SecondHigh = Vector128.Create(
        TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort,
        TooLong | Overlong2 | TwoContinuations | Overlong3 | TooLarge1000 | Overlong4,
        TooLong | Overlong2 | TwoContinuations | Overlong3 | TooLarge,
        TooLong | Overlong2 | TwoContinuations | Surrogate | TooLarge,
        TooLong | Overlong2 | TwoContinuations | Surrogate | TooLarge,
        TooShort, TooShort, TooShort, TooShort);

    /// <summary>Whether <paramref name="bytes"/> are well-formed UTF-8 and hold no zero byte.</summary>
    public static bool IsValidText(ReadOnlySpan<byte> bytes)
    {
        // A block is checked against the three bytes before it, which the first block has not: it is checked in a copy
        // after three zero bytes, as a start of text. So is the last: after the end come spaces, and a character still
        // open there is as short as one cut off by a space.
        const int Back = 3;
        Span<byte> edge = stackalloc byte[Back + Vector128<byte>.Count];
        var blocks = bytes.Length / Vector128<byte>.Count;
        if (blocks == 0)
        {
            return !HasErrors(Padded(edge, [0, 0, 0], bytes));
        }
        if (HasErrors(Padded(edge, [0, 0, 0], bytes[..Vector128<byte>.Count])))
        {
            return false;
        }
        var end = blocks * Vector128<byte>.Count;
        if (ErrorsIn(ref MemoryMarshal.GetReference(bytes), Vector128<byte>.Count, end) != Vector128<byte>.Zero)
        {
            return false;
        }
        return !HasErrors(Padded(edge, bytes[(end - Back)..end], bytes[end..]));
    }

    // The 16-byte blocks from offset `from` up to `end`, each checked against the three bytes before it; a byte not zero in
    // the result marks an error.
    // One loop with no call in it, over values held in locals, is what the browser's interpreter runs fastest.
    private static Vector128<byte> ErrorsIn(ref byte start, int from, int end)
    {
        var (firstHigh, firstLow, secondHigh) = (FirstHigh, FirstLow, SecondHigh);
        var nibble = Vector128.Create((byte)0x0F);
        var highBit = Vector128.Create((byte)0x80);
        var thirdAfter = Vector128.Create((byte)0xDF);
        var fourthAfter = Vector128.Create((byte)0xEF);
        var errors = Vector128<byte>.Zero;
        for (var offset = from; offset < end; offset += Vector128<byte>.Count)
        {
            ref var at = ref Unsafe.Add(ref start, offset);
            var current = Unsafe.ReadUnaligned<Vector128<byte>>(ref at);
            var before1 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Subtract(ref at, 1));
            var before2 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Subtract(ref at, 2));
            var before3 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Subtract(ref at, 3));
            var pairErrors = Lookup(firstHigh, Vector128.ShiftRightLogical(before1.AsUInt16(), 4).AsByte() & nibble)
                & Lookup(firstLow, before1 & nibble)
                & Lookup(secondHigh, Vector128.ShiftRightLogical(current.AsUInt16(), 4).AsByte() & nibble);
            // A byte two after a three- or four-byte lead, or three after a four-byte one, must be a continuation: there
            // the pair check saw two continuations in a row, which is right, and anything else is wrong.
            var mustContinue = (Vector128.GreaterThan(before2, thirdAfter) | Vector128.GreaterThan(before3, fourthAfter)) & highBit;
            errors |= (pairErrors ^ mustContinue) | Vector128.Equals(current, Vector128<byte>.Zero);
        }
        return errors;
    }

    // A block of up to 16 bytes, after the three bytes before it and followed by spaces, in edge.
    private static Span<byte> Padded(Span<byte> edge, ReadOnlySpan<byte> before, ReadOnlySpan<byte> block)
    {
        before.CopyTo(edge);
        block.CopyTo(edge[before.Length..]);
        edge[(before.Length + block.Length)..].Fill((byte)' ');
        return edge;
    }

    private static bool HasErrors(Span<byte> edge) => ErrorsIn(ref MemoryMarshal.GetReference(edge), 3, edge.Length) != Vector128<byte>.Zero;

    // Each byte of nibbles (0-15) picks a byte of the table. Natively, the default target does not assume SSSE3, and there
    // the portable shuffle by indices not known ahead made reading half as slow again (measured); named, it is one
    // instruction.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Lookup(Vector128<byte> table, Vector128<byte> nibbles) =>
        Ssse3.IsSupported ? Ssse3.Shuffle(table, nibbles) : Vector128.Shuffle(table, nibbles);
}

// A range of an input that a worker read while the page cut the inputs, kept in the one array its shard is read from.
namespace CsvDiff.Web.Worker;

/// <summary>
/// Bytes <see cref="Start"/> on of a side's input, <see cref="Length"/> of them, in an array with room before them for the
/// input's header part and after them for the line or so past the range's end: together, in place, the worker's shard of
/// that side. Every copy into freshly allocated memory costs about as much as reading the bytes (docs/BENCHMARKS.md), so
/// the range is read straight into this array and the shard is read where it lies.
/// </summary>
internal sealed class HeldRange
{
    /// <summary>
    /// Room past the range's end for the rest of the shard's last record; a shard that runs further past it is read whole.
    /// </summary>
    public const int TailRoom = 64 * 1024;

    private readonly byte[] _bytes;
    private readonly int _headerRoom;

    public HeldRange(int id, long start, int length, int headerRoom)
    {
        Id = id;
        Start = start;
        Length = length;
        _headerRoom = headerRoom;
        _bytes = GC.AllocateUninitializedArray<byte>(headerRoom + length + TailRoom);
    }

    /// <summary>What the worker's script named the range: a read of a range replaced since writes nothing.</summary>
    public int Id { get; }

    public long Start { get; }

    public int Length { get; }

    /// <summary>Where the range's bytes from <paramref name="offset"/> on, <paramref name="length"/> of them, go.</summary>
    public Span<byte> Chunk(int offset, int length) => _bytes.AsSpan(_headerRoom + offset, length);

    /// <summary>
    /// Where the shard of bytes <paramref name="start"/> to <paramref name="end"/> of the input goes, its header part of
    /// <paramref name="headerLength"/> bytes right before it (over the range's bytes before the shard, which belong to the
    /// shard before); null when the range does not hold the shard's start or has no room for the rest.
    /// </summary>
    public HeldShard? Place(long start, long end, int headerLength)
    {
        var rangeEnd = Start + Length;
        var tailLength = Math.Max(0, end - rangeEnd);
        var at = _headerRoom + (start - Start);
        if (start < Start || start >= rangeEnd || end < start || tailLength > TailRoom || at < headerLength)
        {
            return null;
        }
        return new HeldShard((int)at - headerLength, headerLength, headerLength + (int)(end - start), (int)tailLength);
    }

    /// <summary>Where the shard's header part goes.</summary>
    public Span<byte> HeaderOf(HeldShard shard) => _bytes.AsSpan(shard.Offset, shard.HeaderLength);

    /// <summary>Where the shard's bytes past the range's end go.</summary>
    public Span<byte> TailOf(HeldShard shard) => _bytes.AsSpan(_headerRoom + Length, shard.TailLength);

    /// <summary>The shard, its header part first, once both parts are in place.</summary>
    public ReadOnlyMemory<byte> BytesOf(HeldShard shard) => _bytes.AsMemory(shard.Offset, shard.Length);
}

/// <summary>A shard's place in a <see cref="HeldRange"/>: its offset and length there, header part included.</summary>
internal readonly record struct HeldShard(int Offset, int HeaderLength, int Length, int TailLength);

// An open-addressing map from a row's 64-bit hash to a row number, four bytes a slot: what pairs millions of rows by key.
using System.Buffers;
using System.Runtime.CompilerServices;

namespace CsvDiff.Internals;

/// <remarks>
/// A slot holds only a row; the hash it stands for is read back from the array the rows' hashes came from. A Dictionary would
/// take 24 bytes a row, a slot holding hash and row 12; this one takes 6, at three slots of 4 bytes for two rows, so the map of a
/// 1,000,000-row side is 6 MB. A slot may also hold a row marked used (see <see cref="Used"/>), which keeps the slot's hash.
/// Its array is rented and given back on <see cref="Dispose"/>: a diff builds several maps of one size in a row (the key
/// check on each side, then matching), and reusing their memory keeps the peak to one map per partition.
/// </remarks>
internal sealed class HashToRowMap : IDisposable
{
    /// <summary>How many hashes <see cref="FindSlots"/> looks up together: enough misses in flight, few enough for the stack.</summary>
    public const int Batch = 32;

    // How many of a partition's rows AddUnique gathers at a time (3 KB of the stack).
    private const int GatherRows = 256;

    // Rows are >= 0, and a row marked used is <= -2; only this marks a slot as free.
    private const int Vacant = int.MinValue;
    private readonly ulong[] _hashes;
    private readonly int[] _rows;
    private readonly int _capacity;

    /// <param name="hashes">The hash of every row that will be stored, by row.</param>
    /// <param name="mostRows">How many rows will be stored at most: the map must never fill, or a lookup would never end.</param>
    public HashToRowMap(ulong[] hashes, int mostRows)
    {
        _hashes = hashes;
        // Three slots for two rows: linear probing then takes about two probes per lookup.
        _capacity = Math.Max(16, mostRows + (mostRows / 2) + 1);
        _rows = ArrayPool<int>.Shared.Rent(_capacity);
        _rows.AsSpan(0, _capacity).Fill(Vacant);
    }

    public void Dispose() => ArrayPool<int>.Shared.Return(_rows);

    /// <summary>A row marked used, kept in its slot so the slot still answers for its hash; <see cref="RowOf"/> undoes it.</summary>
    public static int Used(int row) => -2 - row;

    /// <summary>The row a slot's value stands for, whether marked used or not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RowOf(int value) => value >= 0 ? value : -2 - value;

    /// <summary>
    /// The slot holding <paramref name="row"/>'s hash; when there was none, <paramref name="row"/> is stored in a new one and
    /// <paramref name="existed"/> is false.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int GetOrAdd(int row, out bool existed)
    {
        var hash = _hashes[row];
        var slot = SlotOf(hash);
        while (true)
        {
            var stored = _rows[slot];
            if (stored == Vacant)
            {
                _rows[slot] = row;
                existed = false;
                return ref _rows[slot];
            }
            if (_hashes[RowOf(stored)] == hash)
            {
                existed = true;
                return ref _rows[slot];
            }
            slot = slot + 1 == _capacity ? 0 : slot + 1;
        }
    }

    /// <summary>
    /// Stores, each hash once, the first <paramref name="count"/> rows whose hashes fall in <paramref name="partition"/> of
    /// <paramref name="partitions"/> (<see cref="PartitionRunner.PartitionOf"/>): what pairing unique keys begins with. Returns
    /// the earliest row whose hash comes again (int.MaxValue for none) and how many rows repeat an earlier row's hash.
    /// One call for a table, not one a row: the browser's interpreter pays for every call, and with a call a row this loop took
    /// about twice as long there (docs/BENCHMARKS.md).
    /// </summary>
    public (int FirstRepeated, int Repeated) AddUnique(int count, int partition, int partitions)
    {
        var (hashes, rows) = (_hashes, _rows);
        var firstRepeated = int.MaxValue;
        var repeated = 0;
        Span<int> gathered = stackalloc int[GatherRows];
        Span<ulong> gatheredHashes = stackalloc ulong[GatherRows];
        for (var next = 0; next < count;)
        {
            // A single partition holds every row, which then need no gathering: each of the browser's workers matches one
            // partition, in the interpreter, which pays for every step.
            var first = next;
            int n;
            if (partitions == 1)
            {
                n = Math.Min(GatherRows, count - first);
                next += n;
            }
            else
            {
                n = PartitionRunner.Gather(hashes, count, partition, partitions, ref next, gathered, gatheredHashes);
            }
            for (var i = 0; i < n; i++)
            {
                var row = partitions == 1 ? first + i : gathered[i];
                var hash = partitions == 1 ? hashes[row] : gatheredHashes[i];
                var slot = SlotOf(hash);
                while (true)
                {
                    var stored = rows[slot];
                    if (stored == Vacant)
                    {
                        rows[slot] = row;
                        break;
                    }
                    if (hashes[RowOf(stored)] == hash)
                    {
                        // The row stored first is the one whose hash comes again.
                        repeated++;
                        firstRepeated = Math.Min(firstRepeated, RowOf(stored));
                        break;
                    }
                    slot = slot + 1 == _capacity ? 0 : slot + 1;
                }
            }
        }
        return (firstRepeated, repeated);
    }

    /// <summary>
    /// The slot holding each of <paramref name="hashes"/>, or -1 where absent. A batch at a time because lookups are cache misses:
    /// the first slots of the whole batch are read before any is examined, so the memory system serves those misses together,
    /// where lookups one after another would wait for each in turn. Any number of hashes may be passed; they are looked up
    /// <see cref="Batch"/> at a time. Slots stay where they are until the map is disposed.
    /// </summary>
    public void FindSlots(ReadOnlySpan<ulong> hashes, Span<int> slots)
    {
        Span<int> stored = stackalloc int[Batch];
        for (var first = 0; first < hashes.Length; first += Batch)
        {
            var batch = hashes.Slice(first, Math.Min(Batch, hashes.Length - first));
            var batchSlots = slots.Slice(first, batch.Length);
            for (var i = 0; i < batch.Length; i++)
            {
                batchSlots[i] = SlotOf(batch[i]);
            }
            for (var i = 0; i < batch.Length; i++)
            {
                stored[i] = _rows[batchSlots[i]];
            }
            for (var i = 0; i < batch.Length; i++)
            {
                var (slot, value) = (batchSlots[i], stored[i]);
                while (value != Vacant && _hashes[RowOf(value)] != batch[i])
                {
                    slot = slot + 1 == _capacity ? 0 : slot + 1;
                    value = _rows[slot];
                }
                batchSlots[i] = value == Vacant ? -1 : slot;
            }
        }
    }

    /// <summary>What a slot <see cref="FindSlots"/> gave holds: a row, or a row marked used.</summary>
    public ref int this[int slot] => ref _rows[slot];

    // The low 32 bits scaled to the capacity (the high bits pick the partition); no power-of-two size, so no slack.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(ulong hash) => (int)(((hash & uint.MaxValue) * (ulong)_capacity) >> 32);
}

// An open-addressing map from a 64-bit hash to a row number: a Dictionary would spend twice the memory on millions of rows.
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace CsvDiff.Internals;

/// <remarks>
/// Its arrays are rented and given back on <see cref="Dispose"/>: a diff builds several maps of one size in a row
/// (duplicate checks on both sides, then matching), and reusing their memory keeps the peak to one set.
/// </remarks>
internal sealed class HashToRowMap : IDisposable
{
    // Stored rows are >= 0, or -1 for "none left"; only this marks a slot as free.
    private const int Vacant = int.MinValue;
    private readonly ulong[] _keys;
    private readonly int[] _rows;
    private readonly int _mask;

    public HashToRowMap(int expectedCount)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expectedCount * 2));
        _keys = ArrayPool<ulong>.Shared.Rent(capacity);
        _rows = ArrayPool<int>.Shared.Rent(capacity);
        _rows.AsSpan(0, capacity).Fill(Vacant);
        _mask = capacity - 1;
    }

    public void Dispose()
    {
        ArrayPool<ulong>.Shared.Return(_keys);
        ArrayPool<int>.Shared.Return(_rows);
    }

    /// <summary>The row stored for <paramref name="hash"/>; when absent it is added holding -1 and <paramref name="existed"/> is false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int GetOrAdd(ulong hash, out bool existed)
    {
        var slot = (int)hash & _mask;
        while (true)
        {
            if (_rows[slot] == Vacant)
            {
                _keys[slot] = hash;
                _rows[slot] = -1;
                existed = false;
                return ref _rows[slot];
            }
            if (_keys[slot] == hash)
            {
                existed = true;
                return ref _rows[slot];
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The slot of <paramref name="hash"/>, or a reference to a throwaway -1 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int Find(ulong hash, ref int absent)
    {
        var slot = (int)hash & _mask;
        while (_rows[slot] != Vacant)
        {
            if (_keys[slot] == hash)
            {
                return ref _rows[slot];
            }
            slot = (slot + 1) & _mask;
        }
        absent = -1;
        return ref absent;
    }
}

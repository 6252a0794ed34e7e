// Per-row hashes of the key and of the compared cells: what row matching works on instead of strings.
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using CsvDiff.Comparison;
using CsvDiff.Internals;
using CsvDiff.Reading;

namespace CsvDiff.Fingerprinting;

/// <summary>
/// Two 64-bit hashes per row: of its key cells and of all its compared cells, each cell in canonical form.
/// Equal row hashes are taken as equal rows; at 64 bits the chance of two different rows colliding in a
/// ten-million-row table is below one in a million. Key matches are checked cell by cell whenever rows differ.
/// </summary>
internal sealed class RowFingerprints(ulong[] rowHashes, ulong[]? keyHashes)
{
    public ulong[] RowHashes { get; } = rowHashes;

    public ulong[]? KeyHashes { get; } = keyHashes;

    public static RowFingerprints Compute(CsvTable table, int[] columns, int[] keyPositions, ValueNormalizer normalizer,
        Workers workers)
    {
        var rowHashes = new ulong[table.RowCount];
        var keyHashes = keyPositions.Length > 0 ? new ulong[table.RowCount] : null;
        var partitions = workers.RowPartitions(table.RowCount);
        workers.Run(partitions, partition =>
        {
            var (start, end) = Workers.Range(table.RowCount, partition, partitions);
            HashRows(table, columns, keyPositions, normalizer, start, end, rowHashes, keyHashes, workers.Cancellation);
        });
        return new RowFingerprints(rowHashes, keyHashes);
    }

    /// <summary>Hashes of one column's canonical values: what auto key selection tests for uniqueness.</summary>
    public static ulong[] ComputeColumn(CsvTable table, int column, ValueNormalizer normalizer, Workers workers) =>
        Compute(table, [column], [], normalizer, workers).RowHashes;

    private static void HashRows(CsvTable table, int[] columns, int[] keyPositions, ValueNormalizer normalizer, int start, int end,
        ulong[] rowHashes, ulong[]? keyHashes, CancellationToken cancellation)
    {
        var fields = new FieldList();
        var hasher = new RecordHasher(columns, keyPositions, normalizer);
        for (var row = start; row < end; row++)
        {
            if ((row & 0xFFFF) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }
            table.ReadFields(row, fields);
            (rowHashes[row], var keyHash) = hasher.Hash(table.Data.Span, fields);
            if (keyHashes is not null)
            {
                keyHashes[row] = keyHash;
            }
        }
    }

    /// <summary>Hashes records as they are read, so a table read for hashing alone is tokenized once, not twice.</summary>
    public sealed class Builder(int[] columns, int[] keyPositions, ValueNormalizer normalizer)
    {
        private readonly RecordHasher _hasher = new(columns, keyPositions, normalizer);
        private ulong[] _rowHashes = new ulong[1024];
        private ulong[] _keyHashes = new ulong[keyPositions.Length > 0 ? 1024 : 0];

        public void Add(ReadOnlySpan<byte> data, FieldList fields, int row)
        {
            if (row == _rowHashes.Length)
            {
                Array.Resize(ref _rowHashes, row * 2);
                Array.Resize(ref _keyHashes, _keyHashes.Length == 0 ? 0 : row * 2);
            }
            (_rowHashes[row], var keyHash) = _hasher.Hash(data, fields);
            if (_keyHashes.Length > 0)
            {
                _keyHashes[row] = keyHash;
            }
        }

        public RowFingerprints Build(int rowCount) =>
            new(_rowHashes[..rowCount], _keyHashes.Length > 0 ? _keyHashes[..rowCount] : null);
    }

    private sealed class RecordHasher(int[] columns, int[] keyPositions, ValueNormalizer normalizer)
    {
        private readonly ulong[] _cellHashes = new ulong[columns.Length];
        private byte[] _scratch = new byte[256];
        private byte[] _normalized = new byte[256];

        public (ulong Row, ulong Key) Hash(ReadOnlySpan<byte> data, FieldList fields)
        {
            var rowHash = 0UL;
            for (var i = 0; i < columns.Length; i++)
            {
                // A column past a short (ragged) row's end reads as empty, as CsvTable.GetUtf8 has it.
                var raw = columns[i] < fields.Count ? CsvTokenizer.Value(data, fields[columns[i]], ref _scratch) : [];
                _cellHashes[i] = XxHash3.HashToUInt64(normalizer.NormalizeUtf8(raw, ref _normalized));
                rowHash = Combine(rowHash, _cellHashes[i]);
            }
            var keyHash = 0UL;
            foreach (var position in keyPositions)
            {
                keyHash = Combine(keyHash, _cellHashes[position]);
            }
            return (rowHash, keyHash);
        }
    }

    // Order matters (a,b differs from b,a); the inputs are already well-mixed hashes, so one rotate-multiply round suffices.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Combine(ulong accumulated, ulong cell) =>
        BitOperations.RotateLeft(accumulated ^ cell, 29) * 0xBF58476D1CE4E5B9UL + 0x9E3779B97F4A7C15UL;
}

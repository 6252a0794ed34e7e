// Per-row hashes of the key and of the compared cells: what row matching works on instead of strings.
using System.Buffers;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CsvDiff.Comparison;
using CsvDiff.Internals;
using CsvDiff.Reading;
using CsvDiff.Schema;

namespace CsvDiff.Fingerprinting;

/// <summary>
/// Two 64-bit hashes per row: of its key cells and of all its compared cells, each cell in canonical form.
/// Equal row hashes are taken as equal rows; at 64 bits the chance of two different rows colliding in a
/// ten-million-row table is below one in a million. Key matches are checked cell by cell whenever rows differ.
/// What the row hash is taken over (<see cref="RowHashForm"/>) is chosen by <see cref="FormFor"/>.
/// </summary>
/// <remarks>
/// Hashes taken while a stream is read are kept in arrays sized for the row count the input's size projected, a few percent
/// longer than the table: cutting them to length would hold both copies at once, 16 bytes a row at the peak. So
/// <see cref="RowCount"/>, not the arrays' length, says how many rows there are.
/// </remarks>
internal sealed class RowFingerprints(ulong[] rowHashes, ulong[]? keyHashes, int rowCount)
{
    public RowFingerprints(ulong[] rowHashes, ulong[]? keyHashes)
        : this(rowHashes, keyHashes, rowHashes.Length)
    {
    }

    /// <summary>Each row's hash, by row; entries past <see cref="RowCount"/> mean nothing.</summary>
    public ulong[] RowHashes { get; } = rowHashes;

    /// <summary>Each row's key hash, by row, when rows are paired by key; entries past <see cref="RowCount"/> mean nothing.</summary>
    public ulong[]? KeyHashes { get; } = keyHashes;

    public int RowCount { get; } = rowCount;

    /// <summary>These fingerprints with arrays exactly <see cref="RowCount"/> long, for a consumer that sends them on.</summary>
    public RowFingerprints Exact() =>
        RowHashes.Length == RowCount ? this : new(RowHashes[..RowCount], KeyHashes?[..RowCount]);

    /// <summary>
    /// These fingerprints without their key hashes, which nothing reads once rows are paired: dropped then, they are 16 bytes a
    /// row (both tables) that the rest of the diff need not hold.
    /// </summary>
    public RowFingerprints WithoutKeyHashes() => KeyHashes is null ? this : new(RowHashes, null, RowCount);

    /// <summary>
    /// The form both tables hash their rows in: their records' raw bytes when rows pair by key and both tables compare the
    /// same positions with one delimiter; the compared cells written out as one record when the delimiter is shared; else cell by cell.
    /// </summary>
    public static RowHashForm FormFor(ColumnPlan plan, byte leftDelimiter, byte rightDelimiter) =>
        leftDelimiter != rightDelimiter ? RowHashForm.Cells
        : plan.KeyPositions.Length > 0 && plan.LeftCompared.AsSpan().SequenceEqual(plan.RightCompared) ? RowHashForm.RawRecord
        : RowHashForm.CanonicalRecord;

    public static RowFingerprints Compute(CsvTable table, int[] columns, int[] keyPositions, ValueNormalizer normalizer,
        PartitionRunner runner, RowHashForm form)
    {
        var rowHashes = new ulong[table.RowCount];
        var keyHashes = keyPositions.Length > 0 ? new ulong[table.RowCount] : null;
        var partitions = runner.RowPartitions(table.RowCount);
        runner.Run(partitions, partition =>
        {
            var (start, end) = PartitionRunner.Range(table.RowCount, partition, partitions);
            var hasher = new RecordHasher(columns, keyPositions, normalizer, form, table.Tokenizer.Delimiter);
            HashRows(table, hasher, start, end, rowHashes, keyHashes, runner.Cancellation);
        });
        return new RowFingerprints(rowHashes, keyHashes);
    }

    private static void HashRows(CsvTable table, RecordHasher hasher, int start, int end, ulong[] rowHashes, ulong[]? keyHashes,
        CancellationToken cancellation)
    {
        var fields = new FieldList();
        for (var row = start; row < end; row++)
        {
            if ((row & 0xFFFF) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }
            var record = table.ReadRecord(row, fields);
            (rowHashes[row], var keyHash) = hasher.Hash(table.Data.Span, fields, record);
            if (keyHashes is not null)
            {
                keyHashes[row] = keyHash;
            }
        }
    }

    /// <summary>Hashes records as they are read, so a table read for hashing alone is tokenized once, not twice.</summary>
    public sealed class Builder(int[] columns, int[] keyPositions, ValueNormalizer normalizer, RowHashForm form) : IRecordVisitor
    {
        // A record hashed whole needs its bytes and the key cells (a canonical record that is not written out already is read
        // again, whole); otherwise every compared cell is looked at.
        public int FieldsNeeded { get; } =
            (form == RowHashForm.RawRecord || RecordHasher.FieldsAreCanonical(form, columns, normalizer) ? keyPositions.Select(p => columns[p]) : columns)
            .DefaultIfEmpty(-1).Max() + 1;

        // The commonest diff, rows keyed on one column and compared whole as read, hashes each row without going through the
        // general hasher: in the browser's interpreter every call costs, and with the general path's calls for each row (the
        // cell, its value, its normalized form, the combined key) a worker read its shard about a sixth slower (measured in
        // one worker, alternating). The column's position, or -1.
        private readonly int _soleKeyOfRawRecord =
            form == RowHashForm.RawRecord && keyPositions.Length == 1 && normalizer.IsIdentity ? columns[keyPositions[0]] : -1;

        private RecordHasher? _hasher;
        private ulong[] _rowHashes = [];
        private ulong[] _keyHashes = [];

        // The reader grows its own arrays once to the row count the input's size projects, and these with them.
        public void Reserve(int capacity)
        {
            Array.Resize(ref _rowHashes, capacity);
            if (keyPositions.Length > 0)
            {
                Array.Resize(ref _keyHashes, capacity);
            }
        }

        public void Start(byte delimiter) => _hasher = new RecordHasher(columns, keyPositions, normalizer, form, delimiter);

        public void Visit(ReadOnlySpan<byte> data, FieldList fields, ReadOnlySpan<byte> record, int row)
        {
            if (_soleKeyOfRawRecord >= 0 && _soleKeyOfRawRecord < fields.Count && fields[_soleKeyOfRawRecord] is { HasEscapedQuotes: false } key)
            {
                // As RecordHasher.Hash has it: the record as read, and the one key cell's bytes, which are its value.
                _rowHashes[row] = RecordHash(record);
                _keyHashes[row] = Combine(0, XxHash3.HashToUInt64(data.Slice(key.Start, key.Length)));
                return;
            }
            (_rowHashes[row], var keyHash) = _hasher!.Hash(data, fields, record);
            if (_keyHashes.Length > 0)
            {
                _keyHashes[row] = keyHash;
            }
        }

        public IRecordVisitor ForAnotherPart() => new Builder(columns, keyPositions, normalizer, form);

        public void Append(IRecordVisitor part, int rows, int at)
        {
            var from = (Builder)part;
            from._rowHashes.AsSpan(0, rows).CopyTo(_rowHashes.AsSpan(at));
            if (keyPositions.Length > 0)
            {
                from._keyHashes.AsSpan(0, rows).CopyTo(_keyHashes.AsSpan(at));
            }
        }

        public RowFingerprints Build(int rowCount) => new(_rowHashes, keyPositions.Length > 0 ? _keyHashes : null, rowCount);
    }

    private sealed class RecordHasher(int[] columns, int[] keyPositions, ValueNormalizer normalizer, RowHashForm form, byte delimiter)
    {
        private const byte Quote = (byte)'"';

        private readonly bool _fieldsAreCanonical = FieldsAreCanonical(form, columns, normalizer);

        private readonly CsvTokenizer _tokenizer = new(delimiter);
        private readonly SearchValues<byte> _mustBeQuoted = SearchValues.Create([delimiter, Quote, (byte)'\n', (byte)'\r']);
        private readonly FieldList _fields = new();
        private byte[] _scratch = new byte[256];
        private byte[] _normalized = new byte[256];
        private byte[] _written = new byte[1024];

        // Whether a record's leading fields are its canonical cells as they stand: the compared columns are the table's first
        // ones, in order, and the value options change nothing.
        public static bool FieldsAreCanonical(RowHashForm form, int[] columns, ValueNormalizer normalizer) =>
            form == RowHashForm.CanonicalRecord && normalizer.IsIdentity && columns.Length > 0
            && columns.Select((column, position) => column == position).All(inOrder => inOrder);

        public (ulong Row, ulong Key) Hash(ReadOnlySpan<byte> data, FieldList fields, ReadOnlySpan<byte> record)
        {
            var keyHash = 0UL;
            foreach (var position in keyPositions)
            {
                keyHash = Combine(keyHash, CellHash(data, fields, columns[position]));
            }
            switch (form)
            {
                case RowHashForm.RawRecord:
                    return (RecordHash(record), keyHash);
                case RowHashForm.CanonicalRecord:
                    return (Spread(RecordHash(CanonicalRecord(data, fields, record))), keyHash);
            }
            var rowHash = 0UL;
            foreach (var column in columns)
            {
                rowHash = Combine(rowHash, CellHash(data, fields, column));
            }
            return (rowHash, keyHash);
        }

        // The compared cells written out (see RowHashForm.CanonicalRecord). When they are the record's leading fields, each
        // quoted as CSV writers quote, they are written out already, in the record's leading bytes.
        private ReadOnlySpan<byte> CanonicalRecord(ReadOnlySpan<byte> data, FieldList fields, ReadOnlySpan<byte> record)
        {
            if (!_fieldsAreCanonical)
            {
                return WriteCells(data, fields);
            }
            if (fields.Total == columns.Length && !fields.HasUnusualQuoting)
            {
                return record;
            }
            if (fields.Count < Math.Min(columns.Length, fields.Total))
            {
                // Read with none of its fields listed (see FieldsNeeded): read again, whole, to write it out or take its leading part.
                _tokenizer.ReadRecord(record, 0, _fields, out _);
                data = record;
                fields = _fields;
            }
            if (fields.Total < columns.Length || fields.HasUnusualQuoting)
            {
                return WriteCells(data, fields);
            }
            var first = fields[0];
            var last = fields[columns.Length - 1];
            return record[..(last.Start + last.Length + (last.Quoted ? 1 : 0) - (first.Start - (first.Quoted ? 1 : 0)))];
        }

        // The compared cells in canonical form, written out one at a time: for reordered or left-out columns, value options,
        // ragged rows, and fields quoted otherwise than writers quote.
        private ReadOnlySpan<byte> WriteCells(ReadOnlySpan<byte> data, FieldList fields)
        {
            var written = 0;
            for (var i = 0; i < columns.Length; i++)
            {
                var value = Canonical(data, fields, columns[i]);
                // At worst the value is quoted and every byte of it is a quote, and a delimiter follows.
                if (_written.Length < written + 2 * value.Length + 3)
                {
                    Array.Resize(ref _written, Math.Max(written + 2 * value.Length + 3, _written.Length * 2));
                }
                if (i > 0)
                {
                    _written[written++] = delimiter;
                }
                if (value.IndexOfAny(_mustBeQuoted) < 0)
                {
                    value.CopyTo(_written.AsSpan(written));
                    written += value.Length;
                    continue;
                }
                _written[written++] = Quote;
                foreach (var b in value)
                {
                    _written[written++] = b;
                    if (b == Quote)
                    {
                        _written[written++] = Quote;
                    }
                }
                _written[written++] = Quote;
            }
            return _written.AsSpan(0, written);
        }

        private ulong CellHash(ReadOnlySpan<byte> data, FieldList fields, int column) => XxHash3.HashToUInt64(Canonical(data, fields, column));

        // A column past a short (ragged) row's end reads as empty, as CsvTable.GetUtf8 has it.
        private ReadOnlySpan<byte> Canonical(ReadOnlySpan<byte> data, FieldList fields, int column) =>
            normalizer.NormalizeUtf8(column < fields.Count ? CsvTokenizer.Value(data, fields[column], ref _scratch) : [], ref _normalized);
    }

    /// <summary>
    /// The hash of a whole record's bytes. It needs no avalanche, only to tell different records apart (where it decides where
    /// a row goes, <see cref="Spread"/> mixes it afterwards): each 8-byte word (then each byte left over) is XORed in
    /// and the state goes through a bijection (an odd multiply, then an xorshift). Two records of one length that differ in
    /// a single word or byte therefore never collide; records differing in more places collide only if a later difference
    /// cancels a mixed 64-bit state difference exactly. XxHash3 tells records apart as well, but in the browser's interpreted
    /// engine it made reading and hashing a table take about an eighth longer (4.4 s against 3.9 s for a 1M-row pair).
    /// </summary>
    internal static ulong RecordHash(ReadOnlySpan<byte> record)
    {
        const ulong Multiplier = 0xBF58476D1CE4E5B9UL;
        var state = (ulong)record.Length * 0x9E3779B97F4A7C15UL;
        var words = MemoryMarshal.Cast<byte, ulong>(record);
        foreach (var word in words)
        {
            state = (state ^ word) * Multiplier;
            state ^= state >> 31;
        }
        foreach (var rest in record[(words.Length * sizeof(ulong))..])
        {
            state = (state ^ rest) * Multiplier;
            state ^= state >> 31;
        }
        return state;
    }

    // RecordHash tells records apart but leaves its low bits poorly mixed; a row hash that decides where a row goes (its
    // partition, its slot in the key map) needs every bit to depend on every bit, which this finalizer (SplitMix64's) gives.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Spread(ulong hash)
    {
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }

    // Order matters (a,b differs from b,a); the inputs are already well-mixed hashes, so one rotate-multiply round suffices.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Combine(ulong accumulated, ulong cell) =>
        BitOperations.RotateLeft(accumulated ^ cell, 29) * 0xBF58476D1CE4E5B9UL + 0x9E3779B97F4A7C15UL;
}

// The bytes that pass between ShardedDiff and its ShardWorkers: requests and replies, written and read; ShardWorker computes the answers.
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using CsvDiff.Alignment;
using CsvDiff.Fingerprinting;
using CsvDiff.Reading;

namespace CsvDiff.Sharding;

internal static class ShardMessages
{
    private const byte HashRequest = 1;
    private const byte RowsRequest = 2;
    private const byte ScoreRequest = 3;
    private const byte MatchRequest = 4;
    private const byte PieceRequest = 5;

    public static byte[] Plan(ReadPlan plan) => Wire.Write(writer =>
    {
        writer.Write(plan.Delimiter is not null);
        if (plan.Delimiter is { } delimiter)
        {
            writer.Write(delimiter);
        }
        writer.Write(plan.HashColumns is not null);
        if (plan is { HashColumns: { } columns, KeyPositions: { } keys })
        {
            writer.WriteArray(columns);
            writer.WriteArray(keys);
            writer.Write((byte)plan.HashForm);
        }
    });

    public static ReadPlan ReadReadPlan(byte[] bytes) => Wire.Read(bytes, reader =>
    {
        var delimiter = reader.ReadBoolean() ? reader.ReadChar() : (char?)null;
        return reader.ReadBoolean()
            ? new ReadPlan(delimiter, reader.ReadArray<int>(), reader.ReadArray<int>(), ReadHashForm(reader))
            : new ReadPlan(delimiter, null, null);
    });

    /// <summary>A shard's summary; <paramref name="delimiter"/> is what it was read with, or what detection on it picks when the coordinator fixed it.</summary>
    public static byte[] Summary(CsvTable table, int firstLine, byte delimiter) => Wire.Write(writer =>
    {
        writer.Write(table.Name);
        writer.Write(true);
        writer.Write((byte)table.Encoding);
        writer.Write(delimiter);
        writer.WriteStrings(table.Columns);
        writer.Write(table.RowCount);
        writer.Write(firstLine);
        writer.Write(table.EndLine);
        writer.Write(table.RaggedRows);
        writer.Write(table.Data.Length);
        writer.WriteStrings(table.Notices);
    });

    public static byte[] Unreadable(string name, string problem) => Wire.Write(writer =>
    {
        writer.Write(name);
        writer.Write(false);
        writer.Write(problem);
    });

    public static ShardSummary ReadSummary(byte[] bytes) => Wire.Read(bytes, reader => (reader.ReadString(), reader.ReadBoolean()) is var (name, readable) && readable
        ? new ShardSummary(name, null, (TextEncoding)reader.ReadByte(), reader.ReadByte(), reader.ReadStrings(), reader.ReadInt32(),
            reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadStrings())
        : new ShardSummary(name, reader.ReadString(), default, 0, [], 0, 0, 0, 0, 0, []));

    /// <summary>
    /// A shard's row hashes; the worker also splits its rows (numbered from <paramref name="firstRow"/>) into
    /// <paramref name="partitionCount"/> partitions by the hash they are matched on, and keeps them for <see cref="Piece"/>.
    /// </summary>
    public static byte[] Hash(TableSide side, int shard, int[] columns, int[] keyPositions, RowHashForm form, int partitionCount, int firstRow) =>
        Wire.Write(writer =>
        {
            writer.Write(HashRequest);
            WriteHashing(writer, side, shard, columns, keyPositions, form, partitionCount, firstRow);
        });

    /// <summary>A shard's piece of hash partition <paramref name="partition"/>, as the <see cref="Hash"/> request with the same arguments split it.</summary>
    public static byte[] Piece(TableSide side, int shard, int[] columns, int[] keyPositions, RowHashForm form, int partitionCount, int firstRow,
        int partition) => Wire.Write(writer =>
        {
            writer.Write(PieceRequest);
            WriteHashing(writer, side, shard, columns, keyPositions, form, partitionCount, firstRow);
            writer.Write(partition);
        });

    private static void WriteHashing(BinaryWriter writer, TableSide side, int shard, int[] columns, int[] keyPositions, RowHashForm form,
        int partitionCount, int firstRow)
    {
        writer.Write((byte)side);
        writer.Write(shard);
        writer.WriteArray(columns);
        writer.WriteArray(keyPositions);
        writer.Write((byte)form);
        writer.Write(partitionCount);
        writer.Write(firstRow);
    }

    private static HashShard ReadHashing(BinaryReader reader) => new(((TableSide)reader.ReadByte(), reader.ReadInt32()),
        new ReadPlan(null, reader.ReadArray<int>(), reader.ReadArray<int>(), ReadHashForm(reader)), reader.ReadInt32(), reader.ReadInt32());

    public static byte[] Rows(TableSide side, int shard, int[] rows) => Wire.Write(writer =>
    {
        writer.Write(RowsRequest);
        writer.Write((byte)side);
        writer.Write(shard);
        writer.WriteArray(rows);
    });

    /// <summary>Similarity scoring of one block of left leftovers (from <paramref name="firstLeft"/>) against all right ones.</summary>
    public static byte[] Score(double threshold, int firstLeft, string[][] leftBlock, string[][] rightCells) => Wire.Write(writer =>
    {
        writer.Write(ScoreRequest);
        writer.Write(threshold);
        writer.Write(firstLeft);
        writer.WriteStringRows(leftBlock);
        writer.WriteStringRows(rightCells);
    });

    /// <summary>
    /// Matching of one hash partition, whose rows and hashes come with the request: the answers of <paramref name="leftPieces"/>
    /// <see cref="Piece"/> requests of the left table's shards, in shard order, then those of the right table's.
    /// </summary>
    public static byte[] Match(int leftPieces, bool findDuplicates) => Wire.Write(writer =>
    {
        writer.Write(MatchRequest);
        writer.Write(leftPieces);
        writer.Write(findDuplicates);
    });

    public static PartitionMatch ReadMatch(byte[] reply) => Wire.Read(reply, reader =>
        new PartitionMatch(reader.ReadArray<int>(), reader.ReadArray<int>(), ReadRepeats(reader), ReadRepeats(reader)));

    private static RepeatedRows ReadRepeats(BinaryReader reader) => new(reader.ReadInt32(), reader.ReadArray<int>());

    public static SimilarityPairer.Candidate[] ReadCandidates(byte[] reply) => Wire.Read(reply, reader =>
    {
        var candidates = new SimilarityPairer.Candidate[reader.ReadInt32()];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = new SimilarityPairer.Candidate(reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32());
        }
        return candidates;
    });

    /// <summary>
    /// Reads a shard's row hashes (<see cref="HashReply"/>) straight into their place among the table's, from
    /// <paramref name="firstRow"/> on: they run to millions, and on the page each copy is serial work.
    /// </summary>
    public static void ReadHashes(byte[] reply, ulong[] rowHashes, int firstRow, int rowCount)
    {
        if (reply.Length < 4 || BinaryPrimitives.ReadInt32LittleEndian(reply) != rowCount || reply.Length != 4 + (8L * rowCount))
        {
            throw new InvalidDataException($"a hash reply does not hold one hash for each of its shard's {rowCount} rows");
        }
        reply.AsSpan(4).CopyTo(MemoryMarshal.AsBytes(rowHashes.AsSpan(firstRow, rowCount)));
    }

    /// <summary>The requested rows in request order, each with its line within the shard.</summary>
    public static (int Line, string[] Values)[] ReadRows(byte[] reply) => Wire.Read(reply, reader =>
    {
        var lines = reader.ReadArray<int>();
        var values = reader.ReadStringRows();
        if (values.Length != lines.Length)
        {
            throw new InvalidDataException("a rows reply's lines do not match its rows");
        }
        var rows = new (int Line, string[] Values)[lines.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (lines[i], values[i]);
        }
        return rows;
    });

    private static RowHashForm ReadHashForm(BinaryReader reader) => reader.ReadByte() switch
    {
        var form and <= (byte)RowHashForm.RawRecord => (RowHashForm)form,
        var form => throw new InvalidDataException($"unknown row hash form {form}"),
    };

    /// <summary>A request as the worker that answers it reads it, with the answers gathered for it (<see cref="Match"/>).</summary>
    public static ShardRequest ReadRequest(byte[] request, IReadOnlyList<ReadOnlyMemory<byte>> gathered) => Wire.Read(request, reader =>
        (ShardRequest)(reader.ReadByte() switch
        {
            MatchRequest => ReadMatchRequest(reader.ReadInt32(), reader.ReadBoolean(), gathered),
            ScoreRequest => new ScoreBlock(reader.ReadDouble(), reader.ReadInt32(), reader.ReadStringRows(), reader.ReadStringRows()),
            HashRequest => ReadHashing(reader),
            PieceRequest => new PartitionPiece(ReadHashing(reader), reader.ReadInt32()),
            RowsRequest => new ShardRows(((TableSide)reader.ReadByte(), reader.ReadInt32()), reader.ReadArray<int>()),
            var kind => throw new InvalidDataException($"unknown shard request {kind}"),
        }));

    private static MatchPartition ReadMatchRequest(int leftPieces, bool findDuplicates, IReadOnlyList<ReadOnlyMemory<byte>> gathered)
    {
        if (leftPieces < 1 || leftPieces >= gathered.Count)
        {
            throw new InvalidDataException($"a match request of {leftPieces} left pieces came with {gathered.Count} pieces in all");
        }
        var (leftRows, leftHashes) = JoinedPieces(gathered, 0, leftPieces);
        var (rightRows, rightHashes) = JoinedPieces(gathered, leftPieces, gathered.Count);
        return new MatchPartition(leftRows, leftHashes, rightRows, rightHashes, findDuplicates);
    }

    // One side's pieces joined in shard order (shards hold consecutive rows, so the partition's rows stay in order), each
    // piece's rows and hashes copied once, straight into place: a partition holds about half a million rows a side, and in
    // the browser each array read apart and joined after is one more large object for the worker's collector.
    private static (int[] Rows, ulong[] Hashes) JoinedPieces(IReadOnlyList<ReadOnlyMemory<byte>> pieces, int from, int to)
    {
        var total = 0;
        for (var i = from; i < to; i++)
        {
            total += PieceRows(pieces[i].Span);
        }
        var (rows, hashes, at) = (new int[total], new ulong[total], 0);
        for (var i = from; i < to; i++)
        {
            var piece = pieces[i].Span;
            var count = PieceRows(piece);
            piece.Slice(4, 4 * count).CopyTo(MemoryMarshal.AsBytes(rows.AsSpan(at, count)));
            piece.Slice(8 + (4 * count), 8 * count).CopyTo(MemoryMarshal.AsBytes(hashes.AsSpan(at, count)));
            at += count;
        }
        return (rows, hashes);
    }

    // A piece is what PieceReply writes: two arrays as Wire.WriteArray writes them, a count then the values, of the same length.
    private static int PieceRows(ReadOnlySpan<byte> piece)
    {
        var count = piece.Length >= 8 ? BinaryPrimitives.ReadInt32LittleEndian(piece) : -1;
        return count >= 0 && piece.Length == 8 + (12L * count) && BinaryPrimitives.ReadInt32LittleEndian(piece[(4 + (4 * count))..]) == count
            ? count
            : throw new InvalidDataException("a partition piece is not its rows and as many hashes");
    }

    /// <summary>A shard's row hashes, by row; its partitions stay with the worker until <see cref="Piece"/> requests fetch them.</summary>
    public static byte[] HashReply(RowFingerprints prints) => Wire.Write(writer => writer.WriteArray(prints.RowHashes), 4 + (8 * prints.RowHashes.Length));

    /// <summary>One shard's piece of a hash partition: its rows (global numbers, in order) and their hashes.</summary>
    public static byte[] PieceReply(HashPartitions partitions, int partition) => Wire.Write(writer =>
    {
        writer.WriteArray(partitions.Rows[partition]);
        writer.WriteArray(partitions.Hashes[partition]);
    }, 8 + (12 * partitions.Rows[partition].Length));

    /// <summary>One partition's pairs (global rows; the first <paramref name="pairs"/> of <paramref name="lefts"/> and <paramref name="rights"/>) and each side's repeats.</summary>
    public static byte[] MatchReply(int[] lefts, int[] rights, int pairs, RepeatedRows left, RepeatedRows right) => Wire.Write(writer =>
    {
        writer.WriteArray<int>(lefts.AsSpan(0, pairs));
        writer.WriteArray<int>(rights.AsSpan(0, pairs));
        foreach (var repeats in (ReadOnlySpan<RepeatedRows>)[left, right])
        {
            writer.Write(repeats.Count);
            writer.WriteArray(repeats.Group);
        }
    }, 8 + (8 * pairs) + (2 * 8) + (4 * (left.Group.Length + right.Group.Length)));

    public static byte[] ScoreReply(List<SimilarityPairer.Candidate> candidates) => Wire.Write(writer =>
    {
        writer.Write(candidates.Count);
        foreach (var candidate in candidates)
        {
            writer.Write(candidate.Score);
            writer.Write(candidate.Left);
            writer.Write(candidate.Right);
        }
    });

    // The rows' lines as one array, then their cells as Wire.WriteStringRows writes rows of strings (each cell's length in
    // chars as one array, all the text as one run of UTF-8), here straight from the shard's bytes: the coordinator reads
    // each array with one copy, decodes the text with one call and cuts it into cells. In the browser's interpreter a call
    // per cell costs far more: with a 7-bit length per cell read one at a time, reading the lengths of a 7,500-row reply
    // took 7–50 ms on the page (docs/BENCHMARKS.md).
    public static byte[] RowsReply(CsvTable table, int[] rows)
    {
        var fields = new FieldList();
        var scratch = new byte[256];
        var columns = table.Columns.Length;
        var lines = new int[rows.Length];
        var lengths = new int[rows.Length * columns];
        var text = new byte[Math.Max(256, rows.Length * 64)];
        var (used, cell) = (0, 0);
        for (var i = 0; i < rows.Length; i++)
        {
            lines[i] = table.LineOf(rows[i]);
            table.ReadFields(rows[i], fields);
            for (var column = 0; column < columns; column++)
            {
                var value = table.GetUtf8(fields, column, ref scratch);
                lengths[cell++] = Encoding.UTF8.GetCharCount(value);
                if (value.Length > text.Length - used)
                {
                    Array.Resize(ref text, Math.Max(text.Length * 2, used + value.Length));
                }
                value.CopyTo(text.AsSpan(used));
                used += value.Length;
            }
        }
        var counts = new int[rows.Length];
        counts.AsSpan().Fill(columns);
        return Wire.Write(writer =>
        {
            writer.WriteArray(lines);
            writer.WriteStringRows(counts, lengths, text.AsSpan(0, used));
        }, 32 + (4 * (lines.Length + counts.Length + lengths.Length)) + used);
    }
}

// The bytes that pass between ShardedDiff and its ShardWorkers: shard summaries, hash and row requests, and their replies.
using System.Runtime.InteropServices;
using System.Text;
using CsvDiff.Fingerprinting;
using CsvDiff.Reading;

namespace CsvDiff;

/// <summary>What a worker tells the coordinator about a shard it has read, or why it could not.</summary>
internal sealed record ShardSummary(string Name, string? Problem, TextEncoding Encoding, byte Delimiter, string[] Columns, int RowCount,
    int FirstLine, int EndLine, int RaggedRows, int DataLength, string[] Notices);

internal static class ShardMessages
{
    private const byte HashRequest = 1;
    private const byte RowsRequest = 2;

    public static byte[] Summary(CsvTable table, int firstLine) => Write(writer =>
    {
        writer.Write(table.Name);
        writer.Write(true);
        writer.Write((byte)table.Encoding);
        writer.Write(table.Tokenizer.Delimiter);
        WriteStrings(writer, table.Columns);
        writer.Write(table.RowCount);
        writer.Write(firstLine);
        writer.Write(table.EndLine);
        writer.Write(table.RaggedRows);
        writer.Write(table.Data.Length);
        WriteStrings(writer, table.Notices);
    });

    public static byte[] Unreadable(string name, string problem) => Write(writer =>
    {
        writer.Write(name);
        writer.Write(false);
        writer.Write(problem);
    });

    public static ShardSummary ReadSummary(byte[] bytes) => Read(bytes, reader => (reader.ReadString(), reader.ReadBoolean()) is var (name, readable) && readable
        ? new ShardSummary(name, null, (TextEncoding)reader.ReadByte(), reader.ReadByte(), ReadStrings(reader), reader.ReadInt32(),
            reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), ReadStrings(reader))
        : new ShardSummary(name, reader.ReadString(), default, 0, [], 0, 0, 0, 0, 0, []));

    public static byte[] Hash(TableSide side, int shard, int[] columns, int[] keyPositions) => Write(writer =>
    {
        writer.Write(HashRequest);
        writer.Write((byte)side);
        writer.Write(shard);
        WriteInts(writer, columns);
        WriteInts(writer, keyPositions);
    });

    public static byte[] Rows(TableSide side, int shard, int[] rows) => Write(writer =>
    {
        writer.Write(RowsRequest);
        writer.Write((byte)side);
        writer.Write(shard);
        WriteInts(writer, rows);
    });

    public static RowFingerprints ReadHashes(byte[] reply) => Read(reply, reader =>
    {
        var rowHashes = ReadUlongs(reader);
        return new RowFingerprints(rowHashes, reader.ReadBoolean() ? ReadUlongs(reader) : null);
    });

    /// <summary>The requested rows in request order, each with its line within the shard.</summary>
    public static (int Line, string[] Values)[] ReadRows(byte[] reply) => Read(reply, reader =>
    {
        var rows = new (int, string[])[reader.ReadInt32()];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (reader.ReadInt32(), ReadStrings(reader));
        }
        return rows;
    });

    public static byte[] Answer(byte[] request, Func<TableSide, int, CsvTable> shardOf, Func<CsvTable, int[], int[], RowFingerprints> hash) =>
        Read(request, reader =>
        {
            var kind = reader.ReadByte();
            var table = shardOf((TableSide)reader.ReadByte(), reader.ReadInt32());
            return kind switch
            {
                HashRequest => AnswerHash(hash(table, ReadInts(reader), ReadInts(reader))),
                RowsRequest => AnswerRows(table, ReadInts(reader)),
                _ => throw new InvalidDataException($"unknown shard request {kind}"),
            };
        });

    private static byte[] AnswerHash(RowFingerprints prints) => Write(writer =>
    {
        WriteUlongs(writer, prints.RowHashes);
        writer.Write(prints.KeyHashes is not null);
        if (prints.KeyHashes is { } keys)
        {
            WriteUlongs(writer, keys);
        }
    });

    private static byte[] AnswerRows(CsvTable table, int[] rows) => Write(writer =>
    {
        var fields = new FieldList();
        var scratch = new byte[256];
        writer.Write(rows.Length);
        foreach (var row in rows)
        {
            writer.Write(table.LineOf(row));
            WriteStrings(writer, table.GetRowValues(row, fields, ref scratch));
        }
    });

    private static byte[] Write(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }
        return buffer.ToArray();
    }

    private static T Read<T>(byte[] bytes, Func<BinaryReader, T> read)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        return read(reader);
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }
        return values;
    }

    private static void WriteInts(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static int[] ReadInts(BinaryReader reader) => MemoryMarshal.Cast<byte, int>(reader.ReadBytes(reader.ReadInt32() * sizeof(int))).ToArray();

    private static void WriteUlongs(BinaryWriter writer, ulong[] values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static ulong[] ReadUlongs(BinaryReader reader) => MemoryMarshal.Cast<byte, ulong>(reader.ReadBytes(reader.ReadInt32() * sizeof(ulong))).ToArray();
}

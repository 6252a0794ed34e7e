// The binary wire both of the engine's messages use: shard requests and replies, and a whole result handed from a worker to the page.
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace CsvDiff.Sharding;

internal static class Wire
{
    // Big messages say about how big they will be, so that the buffer is not grown (and copied) a dozen times; one that says
    // exactly is not copied at all. In a worker a copy of a message of megabytes is also one more large object, and each
    // can set off a full collection of the heap that holds the worker's shards.
    public static byte[] Write(Action<BinaryWriter> write, int expectedBytes = 256)
    {
        using var buffer = new MemoryStream(expectedBytes);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }
        return buffer.Length == expectedBytes && buffer.Capacity == expectedBytes ? buffer.GetBuffer() : buffer.ToArray();
    }

    /// <summary>
    /// Writes a message of many short strings (a result's cells) with their text apart: each string's length in chars goes
    /// where the string would, and the text of all of them after the rest, as one run of UTF-8. <see cref="ReadPacked"/>
    /// decodes that run with one call and cuts it into strings; in the browser's interpreter a call per string to encode and
    /// another to decode cost several times as much.
    /// </summary>
    public static byte[] WritePacked(Action<BinaryWriter> write, int expectedBytes = 256)
    {
        using var buffer = new MemoryStream(expectedBytes);
        using var writer = new PackedTextWriter(buffer);
        writer.Write(0);
        write(writer);
        var textStart = (int)buffer.Position;
        buffer.Write(Encoding.UTF8.GetBytes(writer.Text.ToString()));
        buffer.Position = 0;
        writer.Write(textStart);
        return buffer.ToArray();
    }

    /// <summary>Reads a message <see cref="WritePacked"/> wrote.</summary>
    public static T ReadPacked<T>(ReadOnlyMemory<byte> bytes, Func<BinaryReader, T> read)
    {
        var textStart = BinaryPrimitives.ReadInt32LittleEndian(bytes.Span);
        var text = Encoding.UTF8.GetString(bytes.Span[textStart..]);
        using var reader = new PackedTextReader(AsStream(bytes[..textStart]), text);
        reader.ReadInt32();
        var value = read(reader);
        return reader.ReadAll ? value : throw new InvalidDataException("a message's text does not add up to its strings' lengths");
    }

    public static T Read<T>(ReadOnlyMemory<byte> bytes, Func<BinaryReader, T> read)
    {
        using var reader = new BinaryReader(AsStream(bytes), Encoding.UTF8);
        return read(reader);
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) => MemoryMarshal.TryGetArray(bytes, out var segment)
        ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
        : new MemoryStream(bytes.ToArray());

    private sealed class PackedTextWriter(Stream output) : BinaryWriter(output, Encoding.UTF8, leaveOpen: true)
    {
        public StringBuilder Text { get; } = new();

        public override void Write(string value)
        {
            Write7BitEncodedInt(value.Length);
            Text.Append(value);
        }
    }

    private sealed class PackedTextReader(Stream input, string text) : BinaryReader(input, Encoding.UTF8)
    {
        private int _at;

        public bool ReadAll => _at == text.Length;

        public override string ReadString()
        {
            var length = Read7BitEncodedInt();
            if (length > text.Length - _at)
            {
                throw new InvalidDataException("a message's strings run past its text");
            }
            var value = text.Substring(_at, length);
            _at += length;
            return value;
        }
    }

    /// <summary>
    /// Writes rows of strings (leftover rows' cells, by the tens of thousands) as runs: each row's count of strings, each
    /// string's length in chars, then the text of all of them as one run of UTF-8. <see cref="ReadStringRows"/> reads each
    /// run with one copy or one decoding call; a string at a time, in the browser's interpreter, writing and reading them
    /// took several calls each.
    /// </summary>
    public static void WriteStringRows(this BinaryWriter writer, string[][] rows)
    {
        var counts = new int[rows.Length];
        var strings = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            counts[i] = rows[i].Length;
            strings += counts[i];
        }
        var lengths = new int[strings];
        var (cell, chars) = (0, 0);
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                lengths[cell++] = value.Length;
                chars += value.Length;
            }
        }
        var text = new StringBuilder(chars);
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                text.Append(value);
            }
        }
        writer.WriteStringRows(counts, lengths, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>
    /// Writes rows of strings in the form <see cref="ReadStringRows"/> reads, from their parts: each row's count of strings,
    /// each string's length in chars, and the UTF-8 text of all of them, in order.
    /// </summary>
    public static void WriteStringRows(this BinaryWriter writer, int[] counts, int[] lengths, ReadOnlySpan<byte> utf8)
    {
        writer.WriteArray(counts);
        writer.WriteArray(lengths);
        writer.Write(utf8.Length);
        writer.Write(utf8);
    }

    /// <summary>Reads rows <see cref="WriteStringRows(BinaryWriter, string[][])"/> wrote.</summary>
    public static string[][] ReadStringRows(this BinaryReader reader)
    {
        var counts = reader.ReadArray<int>();
        var lengths = reader.ReadArray<int>();
        var text = ReadUtf8(reader, reader.ReadInt32());
        var rows = new string[counts.Length][];
        var (at, cell) = (0, 0);
        for (var i = 0; i < rows.Length; i++)
        {
            if (counts[i] < 0 || counts[i] > lengths.Length - cell)
            {
                throw new InvalidDataException("a message's rows hold more strings than it has lengths");
            }
            var row = rows[i] = new string[counts[i]];
            for (var j = 0; j < row.Length; j++)
            {
                var length = lengths[cell++];
                if (length < 0 || length > text.Length - at)
                {
                    throw new InvalidDataException("a message's strings run past its text");
                }
                row[j] = text.Substring(at, length);
                at += length;
            }
        }
        return cell == lengths.Length && at == text.Length
            ? rows
            : throw new InvalidDataException("a message's text does not add up to its strings' lengths");
    }

    // Decodes in place when the message is an array in memory, as every message read here is; otherwise from a copy.
    private static string ReadUtf8(BinaryReader reader, int byteCount)
    {
        if (reader.BaseStream is MemoryStream memory && memory.TryGetBuffer(out var buffer) && byteCount <= memory.Length - memory.Position)
        {
            var text = Encoding.UTF8.GetString(buffer.AsSpan((int)memory.Position, byteCount));
            memory.Position += byteCount;
            return text;
        }
        return Encoding.UTF8.GetString(reader.ReadBytes(byteCount));
    }

    public static void WriteStrings(this BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static string[] ReadStrings(this BinaryReader reader)
    {
        var values = new string[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }
        return values;
    }

    public static void WriteOptionalStrings(this BinaryWriter writer, IReadOnlyList<string>? values)
    {
        writer.Write(values is not null);
        if (values is not null)
        {
            writer.WriteStrings(values);
        }
    }

    public static string[]? ReadOptionalStrings(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadStrings() : null;

    public static void WriteArray<T>(this BinaryWriter writer, T[] values) where T : unmanaged => writer.WriteArray<T>(values.AsSpan());

    /// <summary>Writes <paramref name="values"/> as <see cref="ReadArray"/> reads an array back.</summary>
    public static void WriteArray<T>(this BinaryWriter writer, ReadOnlySpan<T> values) where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    // Arrays are read straight into place: hashes and row lists run to millions, and every copy of them costs.
    public static T[] ReadArray<T>(this BinaryReader reader) where T : unmanaged
    {
        var values = new T[reader.ReadInt32()];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}

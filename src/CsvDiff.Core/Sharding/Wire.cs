// The binary wire both of the engine's messages use: shard requests and replies, and a whole result handed from a worker to the page.
using System.Runtime.InteropServices;
using System.Text;

namespace CsvDiff.Sharding;

internal static class Wire
{
    // Big messages say about how big they will be, so that the buffer is not grown (and copied) a dozen times.
    public static byte[] Write(Action<BinaryWriter> write, int expectedBytes = 256)
    {
        using var buffer = new MemoryStream(expectedBytes);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }
        return buffer.ToArray();
    }

    public static T Read<T>(ReadOnlyMemory<byte> bytes, Func<BinaryReader, T> read)
    {
        var stream = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray());
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        return read(reader);
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

    public static void WriteArray<T>(this BinaryWriter writer, T[] values) where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    // Arrays are read straight into place: hashes and row lists run to millions, and every copy of them costs.
    public static T[] ReadArray<T>(this BinaryReader reader) where T : unmanaged
    {
        var values = new T[reader.ReadInt32()];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}

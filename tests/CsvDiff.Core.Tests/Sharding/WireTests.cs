// A message written with its strings packed apart (Wire.WritePacked) reads back exactly, whatever the strings hold.
using System.Buffers.Binary;
using CsCheck;
using CsvDiff.Sharding;

namespace CsvDiff.Tests.Sharding;

public class WireTests
{
    // Empty strings, line breaks, non-ASCII letters and a character outside the Basic Multilingual Plane (two chars in UTF-16,
    // four bytes in UTF-8): lengths counted in bytes rather than chars, or text cut at the wrong place, show here.
    private static readonly Gen<string> Text = Gen.String[Gen.OneOf(Gen.Char["ab,\"\n é"], Gen.Const('€'), Gen.Const('\uD83D')), 0, 12]
        .Select(text => text.Replace("\uD83D", "😀", StringComparison.Ordinal));

    private static readonly Gen<(int Number, string[] Strings)[]> Messages =
        Gen.Select(Gen.Int, Text.Array[0, 5]).Array[0, 20];

    [Fact]
    public void Strings_and_numbers_read_back_in_order() =>
        Messages.Sample(message =>
        {
            var bytes = Wire.WritePacked(writer =>
            {
                writer.Write(message.Length);
                foreach (var (number, strings) in message)
                {
                    writer.Write(number);
                    writer.WriteStrings(strings);
                }
            });
            var read = Wire.ReadPacked(bytes, reader =>
            {
                var parts = new (int, string[])[reader.ReadInt32()];
                for (var i = 0; i < parts.Length; i++)
                {
                    parts[i] = (reader.ReadInt32(), reader.ReadStrings());
                }
                return parts;
            });
            Assert.Equal(message.Length, read.Length);
            for (var i = 0; i < message.Length; i++)
            {
                Assert.Equal(message[i].Number, read[i].Item1);
                Assert.Equal(message[i].Strings, read[i].Item2);
            }
        });

    // A message that says its size exactly is handed out in the buffer it was written to, uncopied; a guess either way is copied.
    [Fact]
    public void A_message_is_the_bytes_written_whatever_size_it_said_it_would_be() =>
        Gen.Select(Gen.Int.Array[0, 50], Gen.Int[-3, 3]).Sample((values, error) =>
        {
            var exact = 4 + (4 * values.Length);
            var message = Wire.Write(writer => writer.WriteArray(values), Math.Max(0, exact + error));
            Assert.Equal(exact, message.Length);
            Assert.Equal(values, Wire.Read(message, reader => reader.ReadArray<int>()));
        });

    [Fact]
    public void Rows_of_strings_read_back_in_order() =>
        Gen.Select(Gen.Int, Text.Array[0, 5].Array[0, 20]).Sample((number, rows) =>
        {
            var bytes = Wire.Write(writer =>
            {
                writer.WriteStringRows(rows);
                writer.Write(number);
            });
            var (readRows, readNumber) = Wire.Read(bytes, reader => (reader.ReadStringRows(), reader.ReadInt32()));
            Assert.Equal(rows, readRows);
            Assert.Equal(number, readNumber);
        });

    [Fact]
    public void Rows_of_strings_that_do_not_add_up_to_their_text_are_refused()
    {
        var bytes = Wire.Write(writer => writer.WriteStringRows([["alpha", "beta"]]));
        // After the counts (a length and one count) and the lengths' length: the first string's length.
        var firstLength = 4 + 4 + 4;
        Assert.Equal(5, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(firstLength)));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(firstLength), 4);
        Assert.Throws<InvalidDataException>(() => Wire.Read(bytes, reader => reader.ReadStringRows()));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(firstLength), 50);
        Assert.Throws<InvalidDataException>(() => Wire.Read(bytes, reader => reader.ReadStringRows()));
        // A row said to hold more strings than there are lengths.
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(firstLength), 5);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 3);
        Assert.Throws<InvalidDataException>(() => Wire.Read(bytes, reader => reader.ReadStringRows()));
    }

    [Fact]
    public void A_message_whose_strings_do_not_add_up_to_its_text_is_refused()
    {
        var bytes = Wire.WritePacked(writer => writer.WriteStrings(["alpha", "beta"]));
        // Read as one string, the text has a string's worth left over.
        Assert.Throws<InvalidDataException>(() => Wire.ReadPacked(bytes, reader => reader.ReadInt32() + reader.ReadString()));
        // With the first string's length (after the text's start and the count, both Int32) made longer than the text, it runs out.
        Assert.Equal(5, bytes[8]);
        bytes[8] = 50;
        Assert.Throws<InvalidDataException>(() => Wire.ReadPacked(bytes, reader => reader.ReadStrings()));
    }
}

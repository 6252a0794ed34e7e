// The block-wise UTF-8 check must agree with the runtime's check and a search for NUL on every input, at every offset a
// block can fall on.
using System.Text;
using System.Text.Unicode;
using CsCheck;
using CsvDiff.Reading;

namespace CsvDiff.Tests.Reading;

public class Utf8ValidationTests
{
    private static bool Reference(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes) && !bytes.Contains((byte)0);

    // Pieces of text: whole characters of each length, the bytes UTF-8 gets wrong most (overlong leads, surrogates, values
    // past U+10FFFF, lone continuations, NUL), characters cut short, and runs of ASCII long enough to skip blocks.
    private static readonly Gen<byte[]> Piece = Gen.Frequency(
        (4, Gen.Char['a', 'z'].Array[1, 40].Select(chars => Encoding.UTF8.GetBytes(chars))),
        (4, Gen.Int[0x80, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).Select(c => Encoding.UTF8.GetBytes(char.ConvertFromUtf32(c)))),
        (2, Gen.Int[0, 0x7FF].Select(c => Encoding.UTF8.GetBytes(char.ConvertFromUtf32(c)))),
        (2, Gen.OneOf<byte>(0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF)
            .Array[1, 4]),
        (1, Gen.Int[0x800, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).SelectMany(c => Gen.Int[1, 3].Select(cut =>
            Encoding.UTF8.GetBytes(char.ConvertFromUtf32(c)) is var whole ? whole[..Math.Min(cut, whole.Length - 1)] : []))),
        (1, Gen.Byte.Array[1, 8]));

    private static readonly Gen<byte[]> Text = Piece.Array[0, 30].Select(pieces => pieces.SelectMany(piece => piece).ToArray());

    [Fact]
    public void Agrees_with_the_runtime_on_random_text_at_every_start()
    {
        Text.Sample(bytes =>
        {
            for (var skip = 0; skip < Math.Min(bytes.Length, 17); skip++)
            {
                var span = bytes.AsSpan(skip);
                Assert.True(Reference(span) == Utf8Validation.IsValidText(span), $"{Convert.ToHexString(span)}: expected {Reference(span)}");
            }
        }, iter: 20_000);
    }

    public static TheoryData<string, string> Sequences => new()
    {
        { "C3A9", "é" },
        { "E282AC", "€" },
        { "F09F9880", "an emoji" },
        { "EFBBBF", "a byte order mark" },
        { "00", "NUL" },
        { "80", "a lone continuation" },
        { "C3A9A9", "one continuation too many" },
        { "C0AF", "an overlong two-byte form" },
        { "E080AF", "an overlong three-byte form" },
        { "F08080AF", "an overlong four-byte form" },
        { "EDA080", "a surrogate" },
        { "F4908080", "past U+10FFFF" },
        { "F5808080", "a lead past F4" },
        { "C3", "a two-byte character cut short" },
        { "E282", "a three-byte character cut short" },
        { "F09F98", "a four-byte character cut short" },
        { "C328", "a lead followed by ASCII" },
        { "E228A1", "a three-byte lead followed by ASCII" },
        { "F0289F98", "a four-byte lead followed by ASCII" },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Judges_a_sequence_as_the_runtime_does_wherever_it_falls_in_a_block(string hex, string what)
    {
        var sequence = Convert.FromHexString(hex);
        for (var before = 0; before <= 40; before++)
        {
            for (var after = 0; after <= 20; after += 3)
            {
                var bytes = Enumerable.Repeat((byte)'a', before).Concat(sequence).Concat(Enumerable.Repeat((byte)'z', after)).ToArray();
                Assert.True(Reference(bytes) == Utf8Validation.IsValidText(bytes), $"{what} after {before} bytes and before {after}");
            }
        }
    }
}

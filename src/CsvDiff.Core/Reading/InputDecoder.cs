// Turns an input's bytes, in whatever encoding it came, into UTF-8 bytes the tokenizer can scan.
using System.Text;

namespace CsvDiff.Reading;

internal readonly record struct DecodedInput(ReadOnlyMemory<byte> Utf8, TextEncoding Encoding);

internal static class InputDecoder
{
    // How much of the start of a file is enough to recognise BOM-less UTF-16 or binary content.
    private const int SniffLength = 4096;

    public static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Whether an input starting with <paramref name="head"/> is UTF-16, which must be transcoded whole before reading.</summary>
    public static bool NeedsDecoding(ReadOnlySpan<byte> head) =>
        !head.StartsWith(Utf8ByteOrderMark)
        && (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || LooksLikeUtf16WithoutBom(head[..Math.Min(head.Length, SniffLength)], out _));

    public static DecodedInput Decode(TableInput input)
    {
        var bytes = input.Bytes;
        var span = bytes.Span;
        if (span.StartsWith(Utf8ByteOrderMark))
        {
            return Validated(input, bytes[Utf8ByteOrderMark.Length..], TextEncoding.Utf8Bom);
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new(Transcode(input, bytes[2..], Encoding.Unicode), TextEncoding.Utf16LittleEndian);
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new(Transcode(input, bytes[2..], Encoding.BigEndianUnicode), TextEncoding.Utf16BigEndian);
        }
        if (LooksLikeUtf16WithoutBom(span[..Math.Min(span.Length, SniffLength)], out var bigEndian))
        {
            return bigEndian
                ? new(Transcode(input, bytes, Encoding.BigEndianUnicode), TextEncoding.Utf16BigEndian)
                : new(Transcode(input, bytes, Encoding.Unicode), TextEncoding.Utf16LittleEndian);
        }
        if (Utf8Validation.IsValidText(span))
        {
            return new(bytes, TextEncoding.Utf8);
        }
        RejectBinary(input, span);
        return new(Windows1252.ToUtf8(span), TextEncoding.Windows1252);
    }

    private static DecodedInput Validated(TableInput input, ReadOnlyMemory<byte> utf8, TextEncoding encoding)
    {
        if (Utf8Validation.IsValidText(utf8.Span))
        {
            return new(utf8, encoding);
        }
        RejectBinary(input, utf8.Span);
        throw new CsvDiffException("starts with a UTF-8 byte order mark but holds bytes that are not UTF-8", input.Name, FirstInvalidUtf8Line(utf8.Span));
    }

    private static int FirstInvalidUtf8Line(ReadOnlySpan<byte> utf8)
    {
        var valid = 0;
        while (valid < utf8.Length && Rune.DecodeFromUtf8(utf8[valid..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            valid += consumed;
        }
        return utf8[..valid].Count((byte)'\n') + 1;
    }

    private static ReadOnlyMemory<byte> Transcode(TableInput input, ReadOnlyMemory<byte> bytes, Encoding from)
    {
        var strict = (Encoding)from.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try
        {
            var text = strict.GetString(bytes.Span);
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                throw new CsvDiffException("holds NUL characters: this looks like a binary file, not CSV", input.Name);
            }
            return Encoding.UTF8.GetBytes(text);
        }
        catch (DecoderFallbackException)
        {
            throw new CsvDiffException($"is not valid {from.WebName} text", input.Name);
        }
    }

    // Text in UTF-16 has a zero byte in one half of most ASCII characters and almost never in the other.
    private static bool LooksLikeUtf16WithoutBom(ReadOnlySpan<byte> sample, out bool bigEndian)
    {
        bigEndian = false;
        if (sample.Length < 4)
        {
            return false;
        }
        int evenZeros = 0, oddZeros = 0, pairs = sample.Length / 2;
        for (var i = 0; i + 1 < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }
        if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05)
        {
            return true;
        }
        if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05)
        {
            bigEndian = true;
            return true;
        }
        return false;
    }

    private static void RejectBinary(TableInput input, ReadOnlySpan<byte> utf8)
    {
        var nul = utf8.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new CsvDiffException("holds NUL bytes: this looks like a binary file, not CSV", input.Name, utf8[..nul].Count((byte)'\n') + 1);
        }
    }
}

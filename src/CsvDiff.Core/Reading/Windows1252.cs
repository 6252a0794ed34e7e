// Windows-1252 to UTF-8 by table: the fallback for inputs that are not UTF-8, without a code-page provider the browser build would have to carry.
using System.Text;

namespace CsvDiff.Reading;

internal static class Windows1252
{
    // 0x80-0x9F are the only bytes where Windows-1252 differs from Latin-1; the rest map to the same code point.
    private static readonly char[] HighControlRange =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    public static byte[] ToUtf8(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            chars[i] = b is >= 0x80 and <= 0x9F ? HighControlRange[b - 0x80] : (char)b;
        }
        return Encoding.UTF8.GetBytes(chars);
    }
}

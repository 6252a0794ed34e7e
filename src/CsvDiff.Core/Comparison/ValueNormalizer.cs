// Maps a cell value to the canonical form that ValueComparison says is equal; hashing and comparing both use it, so they cannot disagree.
using System.Buffers;
using System.Globalization;
using System.Text;

namespace CsvDiff.Comparison;

internal sealed class ValueNormalizer
{
    private const NumberStyles NumberStyle = NumberStyles.Float;

    private readonly ValueComparison _options;
    private readonly string[] _nullTokens;

    public ValueNormalizer(ValueComparison options)
    {
        _options = options;
        IsIdentity = options.IsExact;
        _nullTokens = options.NullTokens.Select(t => Normalize(t, applyNulls: false)).ToArray();
    }

    /// <summary>True when values compare exactly, so the canonical form is the value itself.</summary>
    public bool IsIdentity { get; }

    public string Normalize(string value) => IsIdentity ? value : Normalize(value, applyNulls: true);

    /// <summary>The canonical form in UTF-8: <paramref name="utf8"/> itself when nothing changes, else bytes in <paramref name="scratch"/>.</summary>
    public ReadOnlySpan<byte> NormalizeUtf8(ReadOnlySpan<byte> utf8, ref byte[] scratch)
    {
        if (IsIdentity)
        {
            return utf8;
        }
        var normalized = Normalize(Encoding.UTF8.GetString(utf8), applyNulls: true);
        var needed = Encoding.UTF8.GetMaxByteCount(normalized.Length);
        if (scratch.Length < needed)
        {
            scratch = new byte[Math.Max(needed, scratch.Length * 2)];
        }
        return scratch.AsSpan(0, Encoding.UTF8.GetBytes(normalized, scratch));
    }

    private string Normalize(string value, bool applyNulls)
    {
        var text = value.AsSpan();
        if (_options.Trim || _options.CollapseWhitespace)
        {
            text = text.Trim();
        }
        char[]? rented = null;
        if (_options.CollapseWhitespace || _options.IgnoreCase)
        {
            rented = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
            var length = _options.CollapseWhitespace ? CollapseWhitespace(text, rented) : Copy(text, rented);
            if (_options.IgnoreCase)
            {
                // Upper-casing never changes the length of a UTF-16 string under invariant rules.
                var upper = ArrayPool<char>.Shared.Rent(Math.Max(1, length));
                rented.AsSpan(0, length).ToUpperInvariant(upper);
                ArrayPool<char>.Shared.Return(rented);
                rented = upper;
            }
            text = rented.AsSpan(0, length);
        }
        try
        {
            if (applyNulls && _options.EmptyEqualsNull && IsNullToken(text))
            {
                return "";
            }
            if (_options.ComparesNumbers && TryCanonicalNumber(text, out var number))
            {
                return number;
            }
            return text.ToString();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private bool IsNullToken(ReadOnlySpan<char> text)
    {
        foreach (var token in _nullTokens)
        {
            if (text.SequenceEqual(token))
            {
                return true;
            }
        }
        return false;
    }

    private static int Copy(ReadOnlySpan<char> text, Span<char> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    private static int CollapseWhitespace(ReadOnlySpan<char> text, Span<char> destination)
    {
        var written = 0;
        var inSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace)
                {
                    destination[written++] = ' ';
                }
                inSpace = true;
            }
            else
            {
                destination[written++] = c;
                inSpace = false;
            }
        }
        return written;
    }

    /// <summary>One spelling per number: <c>1.0</c>, <c>1</c>, <c>+1</c> and <c>1e0</c> all become <c>1</c>.</summary>
    internal static bool TryCanonicalNumber(ReadOnlySpan<char> text, out string canonical)
    {
        if (decimal.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var dec))
        {
            // Dividing by a one with many decimal places is how a decimal drops trailing zeros of its scale.
            dec /= 1.0000000000000000000000000000m;
            canonical = dec == 0 ? "0" : dec.ToString(CultureInfo.InvariantCulture);
            return true;
        }
        if (double.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var dbl) && double.IsFinite(dbl))
        {
            canonical = dbl.ToString("R", CultureInfo.InvariantCulture);
            return true;
        }
        canonical = "";
        return false;
    }
}

// Decides whether two cell values are equal under ValueComparison, including numeric tolerances that no hash can capture.
using System.Globalization;

namespace CsvDiff.Comparison;

internal sealed class CellComparer(ValueComparison options)
{
    private readonly ValueNormalizer _normalizer = new(options);
    private readonly bool _hasTolerance = options.Tolerance > 0 || options.RelativeTolerance > 0;

    public ValueNormalizer Normalizer => _normalizer;

    public bool AreEqual(string left, string right)
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return true;
        }
        var a = _normalizer.Normalize(left);
        var b = _normalizer.Normalize(right);
        return string.Equals(a, b, StringComparison.Ordinal) || (_hasTolerance && WithinTolerance(a, b));
    }

    private bool WithinTolerance(string a, string b)
    {
        // Decimal arithmetic keeps 1.001 - 1.000 exactly 0.001, so a tolerance of 0.001 holds at its edge.
        if (decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            var difference = Math.Abs(x - y);
            var largest = Math.Max(Math.Abs(x), Math.Abs(y));
            return difference <= (decimal)options.Tolerance || difference <= (decimal)options.RelativeTolerance * largest;
        }
        if (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var p)
            && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var q))
        {
            var difference = Math.Abs(p - q);
            return difference <= options.Tolerance || difference <= options.RelativeTolerance * Math.Max(Math.Abs(p), Math.Abs(q));
        }
        return false;
    }
}

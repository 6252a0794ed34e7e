// When two cell values are equal under each value option, and that hashing agrees with comparing.
using System.IO.Hashing;
using System.Text;
using CsvDiff.Comparison;

namespace CsvDiff.Tests.Comparison;

public class ValueComparisonTests
{
    private static readonly ValueComparison Exact = new();
    private static readonly ValueComparison IgnoreCase = new() { IgnoreCase = true };
    private static readonly ValueComparison Trim = new() { Trim = true };
    private static readonly ValueComparison Collapse = new() { CollapseWhitespace = true };
    private static readonly ValueComparison Nulls = new() { EmptyEqualsNull = true };
    private static readonly ValueComparison CustomNulls = new() { EmptyEqualsNull = true, NullTokens = ["N/A", "-"] };
    private static readonly ValueComparison Numeric = new() { Numeric = true };
    private static readonly ValueComparison Tolerance = new() { Tolerance = 0.001 };
    private static readonly ValueComparison Relative = new() { RelativeTolerance = 0.01 };
    private static readonly ValueComparison CaseAndNulls = new() { IgnoreCase = true, EmptyEqualsNull = true };

    public static TheoryData<string, ValueComparison, string, string, bool> Cases => new()
    {
        { "exact", Exact, "Ann", "Ann", true },
        { "exact", Exact, "Ann", "ann", false },
        { "exact", Exact, "1.0", "1", false },
        { "exact", Exact, "a ", "a", false },
        { "ignore case", IgnoreCase, "Ann", "aNN", true },
        { "ignore case", IgnoreCase, "Straße", "STRASSE", false },
        { "ignore case", IgnoreCase, "élan", "ÉLAN", true },
        { "trim", Trim, "  a b ", "a b", true },
        { "trim", Trim, "a  b", "a b", false },
        { "trim", Trim, "\ta\n", "a", true },
        { "collapse", Collapse, " a \t\n b ", "a b", true },
        { "collapse", Collapse, "ab", "a b", false },
        { "nulls", Nulls, "", "NULL", true },
        { "nulls", Nulls, "null", "", true },
        { "nulls", Nulls, "Null", "", false },
        { "nulls", Nulls, "NULL", "null", true },
        { "custom nulls", CustomNulls, "N/A", "", true },
        { "custom nulls", CustomNulls, "NULL", "", false },
        { "case and nulls", CaseAndNulls, "Null", "", true },
        { "numeric", Numeric, "1.0", "1", true },
        { "numeric", Numeric, "1e3", "1000", true },
        { "numeric", Numeric, "+2.50", "2.5", true },
        { "numeric", Numeric, "-0.0", "0", true },
        { "numeric", Numeric, "12345678901234567890", "12345678901234567891", false },
        { "numeric", Numeric, "1.0", "1.01", false },
        { "numeric", Numeric, "1,000", "1000", false },
        { "numeric", Numeric, "abc", "ABC", false },
        { "tolerance", Tolerance, "1.000", "1.001", true },
        { "tolerance", Tolerance, "1.000", "1.0011", false },
        { "tolerance", Tolerance, "-5", "-5.0005", true },
        { "tolerance", Tolerance, "x", "y", false },
        { "relative", Relative, "100", "101", true },
        { "relative", Relative, "100", "102", false },
        { "relative", Relative, "0", "0.001", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_equality(string option, ValueComparison values, string left, string right, bool equal)
    {
        var comparer = new CellComparer(values);
        Assert.True(equal == comparer.AreEqual(left, right), $"{option}: \"{left}\" vs \"{right}\" should be {(equal ? "equal" : "different")}");
        Assert.Equal(comparer.AreEqual(left, right), comparer.AreEqual(right, left));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equal_canonical_forms_hash_equal(string option, ValueComparison values, string left, string right, bool equal)
    {
        _ = option;
        var normalizer = new ValueNormalizer(values);
        var scratch = new byte[4];
        var a = XxHash3.HashToUInt64(normalizer.NormalizeUtf8(Encoding.UTF8.GetBytes(left), ref scratch));
        var b = XxHash3.HashToUInt64(normalizer.NormalizeUtf8(Encoding.UTF8.GetBytes(right), ref scratch));
        var canonicalEqual = normalizer.Normalize(left) == normalizer.Normalize(right);
        Assert.Equal(canonicalEqual, a == b);
        // Only tolerances can make values equal that hash apart; everything else must agree exactly.
        if (values.Tolerance == 0 && values.RelativeTolerance == 0)
        {
            Assert.Equal(equal, canonicalEqual);
        }
    }

    [Theory]
    [InlineData("\"1\",\"a\",\"x y\"\r\n\"2\",\"b\",\"z\"\r\n")]
    [InlineData("1,a,x y\r2,b,z")]
    [InlineData("1, a ,x y\n2,b,z\n")]
    public void Rows_written_differently_with_equal_values_are_unchanged(string rightRows)
    {
        var left = new TableInput("left.csv", System.Text.Encoding.UTF8.GetBytes("id,v,w\n1,a,x y\n2,b,z\n"));
        var right = new TableInput("right.csv", System.Text.Encoding.UTF8.GetBytes("id,v,w\n" + rightRows));
        var options = new DiffOptions { Key = ["id"], IncludeUnchanged = true, Values = new ValueComparison { Trim = true } };
        var result = TableDiff.Compare(left, right, options);
        Assert.Equal(new DiffSummary(0, 0, 0, 2), result.Summary);
        Assert.All(result.Rows, row => Assert.Equal(RowChangeType.Unchanged, row.Type));
    }

    [Fact]
    public void Normalizing_twice_changes_nothing()
    {
        var normalizer = new ValueNormalizer(new ValueComparison { IgnoreCase = true, CollapseWhitespace = true, EmptyEqualsNull = true, Numeric = true });
        foreach (var value in new[] { " A  b ", "NULL", "1.50", "1e2", "x\ty", "" })
        {
            var once = normalizer.Normalize(value);
            Assert.Equal(once, normalizer.Normalize(once));
        }
    }

    [Theory]
    [InlineData("Ann", "Anne", "-Ann|+Anne")]
    [InlineData("red car", "blue car", "-red|+blue|= car")]
    [InlineData("a b c", "a c", "=a |-b |=c")]
    [InlineData("", "new", "+new")]
    [InlineData("same", "same", "=same")]
    public void Inline_segments_keep_common_words(string oldValue, string newValue, string expected)
    {
        var segments = WordDiff.Segments(oldValue, newValue);
        var rendered = string.Join("|", segments.Select(s => s.Kind switch
        {
            SegmentKind.Equal => "=",
            SegmentKind.Deleted => "-",
            _ => "+",
        } + s.Text));
        Assert.Equal(expected, rendered);
        Assert.Equal(oldValue, string.Concat(segments.Where(s => s.Kind != SegmentKind.Inserted).Select(s => s.Text)));
        Assert.Equal(newValue, string.Concat(segments.Where(s => s.Kind != SegmentKind.Deleted).Select(s => s.Text)));
    }
}

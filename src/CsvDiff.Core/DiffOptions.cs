// Everything a caller can ask of a diff, as immutable records whose docs state each default.
using System.Globalization;

namespace CsvDiff;

/// <summary>What to do when a key value occurs more than once in one table.</summary>
public enum DuplicateKeyPolicy
{
    /// <summary>Fail with an error naming the value and its lines (the default).</summary>
    Error,
    /// <summary>Pair the n-th occurrence on the left with the n-th occurrence on the right.</summary>
    Pair,
}

/// <summary>How to split bytes into records and fields.</summary>
public sealed record CsvFormat
{
    /// <summary>The field delimiter, or null to detect it among <c>,</c> <c>;</c> tab and <c>|</c>. Default: null.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether the first record names the columns; without it columns are named 1..N. Default: true.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Whether rows whose field count differs from the header's are accepted: short rows are padded
    /// with empty fields, extra fields are left out of the comparison, and both are reported. Default: false (an error).</summary>
    public bool AllowRagged { get; init; }
}

/// <summary>When two cell values count as equal. Every option is off by default: values must match exactly.</summary>
public sealed record ValueComparison
{
    /// <summary>Values compare without regard to case (invariant culture). Default: false.</summary>
    public bool IgnoreCase { get; init; }

    /// <summary>Leading and trailing white space is ignored. Default: false.</summary>
    public bool Trim { get; init; }

    /// <summary>Runs of white space compare as one space, and leading and trailing white space is ignored. Default: false.</summary>
    public bool CollapseWhitespace { get; init; }

    /// <summary>An empty value equals any of <see cref="NullTokens"/>. Default: false.</summary>
    public bool EmptyEqualsNull { get; init; }

    /// <summary>The values that equal an empty one under <see cref="EmptyEqualsNull"/>. Default: <c>NULL</c>, <c>null</c>.</summary>
    public IReadOnlyList<string> NullTokens { get; init; } = ["NULL", "null"];

    /// <summary>Values that both read as numbers compare by value, so <c>1.0</c> equals <c>1</c>. Default: false.</summary>
    public bool Numeric { get; init; }

    /// <summary>Numbers within this absolute distance are equal; implies <see cref="Numeric"/>. Default: 0.</summary>
    public double Tolerance { get; init; }

    /// <summary>Numbers within this fraction of the larger magnitude are equal; implies <see cref="Numeric"/>. Default: 0.</summary>
    public double RelativeTolerance { get; init; }

    /// <summary>Exact comparison: the default.</summary>
    public static ValueComparison Exact { get; } = new();

    internal bool ComparesNumbers => Numeric || Tolerance > 0 || RelativeTolerance > 0;

    internal bool IsExact => !IgnoreCase && !Trim && !CollapseWhitespace && !EmptyEqualsNull && !ComparesNumbers;
}

/// <summary>What to compare and how. The defaults compare every shared column by content (no key), exactly.</summary>
public sealed record DiffOptions
{
    /// <summary>Key columns, by header name or 1-based index. Empty selects content mode, where rows
    /// are matched by their values. Default: empty.</summary>
    public IReadOnlyList<string> Key { get; init; } = [];

    /// <summary>Choose the key: the smallest set of columns whose values are unique in both tables,
    /// falling back to content mode when there is none. Overrides <see cref="Key"/>. Default: false.</summary>
    public bool AutoKey { get; init; }

    /// <summary>What to do when a key occurs twice in one table. Default: <see cref="DuplicateKeyPolicy.Error"/>.</summary>
    public DuplicateKeyPolicy DuplicateKeys { get; init; } = DuplicateKeyPolicy.Error;

    /// <summary>In content mode, how similar (0 to 1, the mean of the per-column similarities) an unmatched
    /// removed row and added row must be to be reported as one modified row. Default: 0.5.</summary>
    public double Similarity { get; init; } = 0.5;

    /// <summary>Columns left out of the comparison, by name. Default: none.</summary>
    public IReadOnlyList<string> IgnoreColumns { get; init; } = [];

    /// <summary>When not empty, only these columns (by name) are compared. Default: empty (all shared columns).</summary>
    public IReadOnlyList<string> OnlyColumns { get; init; } = [];

    /// <summary>Report a removed and an added column whose values agree on most matched rows as a rename. Default: true.</summary>
    public bool DetectRenames { get; init; } = true;

    /// <summary>When two values are equal. Default: <see cref="ValueComparison.Exact"/>.</summary>
    public ValueComparison Values { get; init; } = ValueComparison.Exact;

    /// <summary>How both inputs are split into records and fields. Default: detected delimiter, header row, no ragged rows.</summary>
    public CsvFormat Csv { get; init; } = new();

    /// <summary>Compute word-level change segments for every modified cell. Default: false.</summary>
    public bool InlineSegments { get; init; }

    /// <summary>List unchanged rows in the result too (they are always counted). Default: false.</summary>
    public bool IncludeUnchanged { get; init; }

    /// <summary>
    /// List, as unchanged rows, what applying the diff to the left table needs beyond the changes: every paired row that holds a
    /// value in an added column (else those cells would be lost), the rows that moved (marked <see cref="RowDiff.Moved"/>), and
    /// the right-table row before each added or moved row (where it goes). The formats a patch reads (highlighter CSV, JSON) ask
    /// for this. Default: false.
    /// </summary>
    public bool PatchContext { get; init; }

    /// <summary>
    /// Only the counts are wanted (a summary, an exit status): no row is listed (<see cref="DiffResult.Rows"/> is empty), so
    /// a keyed diff reads back only the paired rows whose cells it must compare, and counts the rows added and removed without
    /// reading them; content mode still reads its unpaired rows, to pair them. Overrides <see cref="IncludeUnchanged"/> and
    /// <see cref="PatchContext"/>. Default: false.
    /// </summary>
    public bool CountsOnly { get; init; }

    /// <summary>Throws <see cref="CsvDiffException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Similarity is < 0 or > 1 || double.IsNaN(Similarity))
        {
            throw new CsvDiffException($"similarity must be between 0 and 1, not {Similarity.ToString(CultureInfo.InvariantCulture)}");
        }
        if (Values.Tolerance < 0 || double.IsNaN(Values.Tolerance))
        {
            throw new CsvDiffException("tolerance must not be negative");
        }
        if (Values.RelativeTolerance < 0 || double.IsNaN(Values.RelativeTolerance))
        {
            throw new CsvDiffException("relative tolerance must not be negative");
        }
        if (Csv.Delimiter is { } d && (d is '"' or '\r' or '\n' || d > 127))
        {
            throw new CsvDiffException($"the delimiter must be one ASCII character other than a quote or a line break");
        }
        foreach (var key in Key)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new CsvDiffException("a key column name is empty");
            }
        }
    }
}

// Two inputs read ahead of their diff, for a host that has the inputs before it has the options to compare them with.
using CsvDiff.Reading;

namespace CsvDiff;

/// <summary>
/// Two tables read by <see cref="TableDiff.Prepare"/>, ahead of the diffs that <see cref="TableDiff.Compare(PreparedTables, DiffOptions, DiffExecution?)"/>
/// runs over them with any options: those that read the inputs as the preparation did (the same CSV format and value
/// comparison) start from the tables read, and any others read the inputs again.
/// </summary>
public sealed class PreparedTables
{
    internal PreparedTables(TableInput left, TableInput right, DiffOptions readWith, (ITableStore Left, ITableStore Right)? tables) =>
        (Left, Right, ReadWith, Tables) = (left, right, readWith, tables);

    /// <summary>The left input, as given.</summary>
    public TableInput Left { get; }

    /// <summary>The right input, as given.</summary>
    public TableInput Right { get; }

    internal DiffOptions ReadWith { get; }

    // Null when an input could not be read: the diff reads it again, and reports the problem as any diff would.
    internal (ITableStore Left, ITableStore Right)? Tables { get; }

    /// <summary>Whether a diff with <paramref name="options"/> reads the inputs as these tables were read: cell for cell the same.</summary>
    internal bool ReadAlike(DiffOptions options) =>
        Tables is not null && options.Csv == ReadWith.Csv
        && options.Values with { NullTokens = ReadWith.Values.NullTokens } == ReadWith.Values
        && options.Values.NullTokens.SequenceEqual(ReadWith.Values.NullTokens);
}
